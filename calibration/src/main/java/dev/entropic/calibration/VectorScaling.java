package dev.entropic.calibration;

import dev.entropic.core.Checks;

/**
 * Vector scaling (Guo et al. 2017; Kull et al. 2019): \(\hat p_i = \operatorname{softmax}(w \odot z_i + b)\)
 * with one weight and one intercept per class, fitted by minimising the mean negative log-likelihood
 * \(\frac1n\sum_i[\log\sum_j e^{w_j z_{ij} + b_j} - w_{y_i} z_{iy_i} - b_{y_i}]\) (convex in
 * \((w, b)\)) with its exact gradient by L-BFGS (memory 10, Armijo backtracking) from the identity
 * \(w = 1, b = 0\), until \(\|\nabla\|_\infty \le\) {@link #withGradientTolerance tolerance}
 * (default \(10^{-10}\)).
 *
 * <p>The intercepts are defined up to a common constant (softmax is shift invariant); the fitted
 * model reports them centred to sum 0. Needs at least two score columns. With
 * {@link ScoreInput#PROBABILITY}, \(\log p\) is used as the logits (as {@code dirichletcal} does).
 *
 * <p>References: M. Kull, M. Perello-Nieto, M. Kängsepp, T. Silva Filho, H. Song, P. Flach,
 * "Beyond temperature scaling: Obtaining well-calibrated multiclass probabilities with Dirichlet
 * calibration", NeurIPS 2019; C. Guo et al., "On Calibration of Modern Neural Networks", ICML 2017.
 */
public final class VectorScaling {
    private final ScoreInput input;
    private final double tolerance;
    private final int maxIterations;

    private VectorScaling(ScoreInput input, double tolerance, int maxIterations) {
        this.input = input;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** Logits, gradient tolerance \(10^{-10}\), at most 1000 iterations. */
    public static VectorScaling withDefaults() {
        return new VectorScaling(ScoreInput.SCORE, 1e-10, 1000);
    }

    /** Returns a copy with the given input kind. */
    public VectorScaling withInput(ScoreInput newInput) {
        return new VectorScaling(Checks.requireNonNull("input", newInput), tolerance, maxIterations);
    }

    /** Returns a copy with the given tolerance on the sup-norm of the gradient. */
    public VectorScaling withGradientTolerance(double newTolerance) {
        return new VectorScaling(input, Checks.requirePositiveFinite("tolerance", newTolerance), maxIterations);
    }

    /** Returns a copy with the given iteration cap. */
    public VectorScaling withMaxIterations(int newMaxIterations) {
        return new VectorScaling(input, tolerance, Checks.requirePositive("maxIterations", newMaxIterations));
    }

    /**
     * Fits the weights and intercepts.
     *
     * @param scores {@code [n][k]} logits (or probabilities), {@code k >= 2}; not modified
     * @param labels {@code n} labels in {@code 0..k-1}
     */
    public VectorScalingModel fit(double[][] scores, int[] labels) {
        Logits z = Logits.of(scores, labels, input);
        if (z.binary) {
            throw Checks.fail("scores must have at least 2 columns for vector scaling: got 1");
        }
        AffineSoftmax f = new AffineSoftmax(z, labels, true, 0, 0);
        Lbfgs.Result r = Lbfgs.minimize(f, f.identity(), tolerance, maxIterations);
        int k = z.k;
        double[] w = java.util.Arrays.copyOfRange(r.x(), 0, k);
        double[] b = MatrixScaling.centred(java.util.Arrays.copyOfRange(r.x(), k, 2 * k));
        return new VectorScalingModel(w, b, input, r.value(), r.iterations(), r.converged());
    }
}
