package dev.entropic.calibration;

import dev.entropic.core.Checks;

/**
 * Matrix scaling with ODIR regularisation (Kull et al. 2019):
 * \(\hat p_i = \operatorname{softmax}(W z_i + b)\) with a full \(k\times k\) matrix \(W\), fitted by
 * minimising
 * \[ \frac1n\sum_i\Big[\log\sum_j e^{(Wz_i+b)_j} - (Wz_i+b)_{y_i}\Big]
 *    + \frac{\lambda_{od}}{k(k-1)}\sum_{i\ne j} W_{ij}^2 + \frac{\lambda_b}{k}\sum_j b_j^2 \]
 * (convex) with its exact gradient by L-BFGS (memory 10, Armijo backtracking) from \(W = I\),
 * \(b = 0\), until \(\|\nabla\|_\infty \le\) {@link #withGradientTolerance tolerance} (default
 * \(10^{-10}\)).
 *
 * <p><b>Regulariser convention.</b> The penalty is the paper's ODIR (Off-Diagonal and Intercept
 * Regularisation, Section 4): the diagonal of \(W\) is free, the off-diagonal entries and the
 * intercepts are shrunk towards 0, each normalised by its number of terms, \(k(k-1)\) and \(k\), as
 * in the paper and in its reference code {@code dirichletcal} with {@code reg_norm=True}. The loss is
 * the <em>mean</em> NLL, as there. Both \(\lambda\) default to 0 (plain matrix scaling).
 *
 * <p><b>Identifiability.</b> Softmax is invariant to adding a constant to every logit, so without
 * regularisation \(b\) is only defined up to a common constant (reported centred to sum 0) and
 * each column of \(W\) up to a common constant; the probabilities and the NLL are unique. (The
 * reference code fixes the last row to 0 instead; parameters therefore differ, predictions agree.)
 * With {@link ScoreInput#PROBABILITY}, \(\log p\) is used as the logits.
 *
 * <p>References: M. Kull, M. Perello-Nieto, M. Kängsepp, T. Silva Filho, H. Song, P. Flach,
 * "Beyond temperature scaling: Obtaining well-calibrated multiclass probabilities with Dirichlet
 * calibration", NeurIPS 2019.
 */
public final class MatrixScaling {
    private final ScoreInput input;
    private final double lambdaOffDiagonal;
    private final double lambdaIntercept;
    private final double tolerance;
    private final int maxIterations;

    private MatrixScaling(ScoreInput input, double lambdaOffDiagonal, double lambdaIntercept, double tolerance,
                          int maxIterations) {
        this.input = input;
        this.lambdaOffDiagonal = lambdaOffDiagonal;
        this.lambdaIntercept = lambdaIntercept;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** Logits, no regularisation, gradient tolerance \(10^{-10}\), at most 5000 iterations. */
    public static MatrixScaling withDefaults() {
        return new MatrixScaling(ScoreInput.SCORE, 0, 0, 1e-10, 5000);
    }

    /** Returns a copy with the given input kind. */
    public MatrixScaling withInput(ScoreInput newInput) {
        return new MatrixScaling(Checks.requireNonNull("input", newInput), lambdaOffDiagonal, lambdaIntercept,
                tolerance, maxIterations);
    }

    /** Returns a copy with the ODIR weights \(\lambda_{od} \ge 0\) and \(\lambda_b \ge 0\). */
    public MatrixScaling withOdir(double newLambdaOffDiagonal, double newLambdaIntercept) {
        if (!(newLambdaOffDiagonal >= 0) || Double.isInfinite(newLambdaOffDiagonal)) {
            throw Checks.fail("lambdaOffDiagonal must be finite and >= 0: %s", newLambdaOffDiagonal);
        }
        if (!(newLambdaIntercept >= 0) || Double.isInfinite(newLambdaIntercept)) {
            throw Checks.fail("lambdaIntercept must be finite and >= 0: %s", newLambdaIntercept);
        }
        return new MatrixScaling(input, newLambdaOffDiagonal, newLambdaIntercept, tolerance, maxIterations);
    }

    /** Returns a copy with the given tolerance on the sup-norm of the gradient. */
    public MatrixScaling withGradientTolerance(double newTolerance) {
        return new MatrixScaling(input, lambdaOffDiagonal, lambdaIntercept,
                Checks.requirePositiveFinite("tolerance", newTolerance), maxIterations);
    }

    /** Returns a copy with the given iteration cap. */
    public MatrixScaling withMaxIterations(int newMaxIterations) {
        return new MatrixScaling(input, lambdaOffDiagonal, lambdaIntercept, tolerance,
                Checks.requirePositive("maxIterations", newMaxIterations));
    }

    /**
     * Fits \(W\) and \(b\).
     *
     * @param scores {@code [n][k]} logits (or probabilities), {@code k >= 2}; not modified
     * @param labels {@code n} labels in {@code 0..k-1}
     */
    public MatrixScalingModel fit(double[][] scores, int[] labels) {
        Logits z = Logits.of(scores, labels, input);
        if (z.binary) {
            throw Checks.fail("scores must have at least 2 columns for matrix scaling: got 1");
        }
        AffineSoftmax f = new AffineSoftmax(z, labels, false, lambdaOffDiagonal, lambdaIntercept);
        Lbfgs.Result r = Lbfgs.minimize(f, f.identity(), tolerance, maxIterations);
        int k = z.k;
        double[][] w = new double[k][];
        for (int j = 0; j < k; j++) {
            w[j] = java.util.Arrays.copyOfRange(r.x(), j * k, j * k + k);
        }
        double[] b = java.util.Arrays.copyOfRange(r.x(), k * k, k * k + k);
        if (lambdaIntercept == 0) {
            b = centred(b);
        }
        return new MatrixScalingModel(w, b, lambdaOffDiagonal, lambdaIntercept, input, r.value(), r.iterations(),
                r.converged());
    }

    static double[] centred(double[] b) {
        double mean = 0;
        for (double v : b) {
            mean += v;
        }
        mean /= b.length;
        double[] out = new double[b.length];
        for (int j = 0; j < b.length; j++) {
            out[j] = b[j] - mean;
        }
        return out;
    }

    static double[] finiteCopy(String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw Checks.fail("%s[%d] must be finite: %s", name, i, v[i]);
            }
        }
        return v.clone();
    }
}
