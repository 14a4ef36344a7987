package dev.entropic.calibration;

import dev.entropic.core.Checks;
import java.util.Arrays;

/**
 * Fitted matrix scaling: \(\operatorname{softmax}(W z + b)\).
 *
 * @param weights           \(W\), {@code [k][k]} (deep-copied)
 * @param intercepts        \(b\), {@code [k]} (copied)
 * @param lambdaOffDiagonal ODIR off-diagonal weight used in the fit
 * @param lambdaIntercept   ODIR intercept weight used in the fit
 * @param input             what the scores are
 * @param objective         mean NLL plus ODIR penalty on the fit set at the solution
 * @param iterations        L-BFGS iterations
 * @param converged         whether the gradient tolerance was met
 */
public record MatrixScalingModel(double[][] weights, double[] intercepts, double lambdaOffDiagonal,
                                 double lambdaIntercept, ScoreInput input, double objective, int iterations,
                                 boolean converged) implements CalibrationModel {
    /** Validates and copies. */
    public MatrixScalingModel {
        Checks.requireNonNull("weights", weights);
        Checks.requireNonNull("intercepts", intercepts);
        Checks.requireNonNull("input", input);
        int k = intercepts.length;
        if (k < 2 || weights.length != k) {
            throw Checks.fail("weights must be k x k and intercepts of length k >= 2: %d rows, %d intercepts",
                    weights.length, k);
        }
        double[][] w = new double[k][];
        for (int j = 0; j < k; j++) {
            if (Checks.requireNonNull("weights[" + j + "]", weights[j]).length != k) {
                throw Checks.fail("weights[%d] has %d columns, expected %d", j, weights[j].length, k);
            }
            w[j] = MatrixScaling.finiteCopy("weights[" + j + "]", weights[j]);
        }
        weights = w;
        intercepts = MatrixScaling.finiteCopy("intercepts", intercepts);
    }

    @Override
    public double[][] weights() {
        double[][] w = new double[weights.length][];
        for (int j = 0; j < w.length; j++) {
            w[j] = weights[j].clone();
        }
        return w;
    }

    @Override
    public double[] intercepts() {
        return intercepts.clone();
    }

    /** Calibrated probabilities {@code [n][k]}. */
    @Override
    public double[][] predict(double[][] scores) {
        Logits z = Logits.of(scores, input);
        if (z.binary || z.k != intercepts.length) {
            throw Checks.fail("scores must have %d columns: got %d", intercepts.length, scores[0].length);
        }
        return AffineSoftmax.predict(z, weights, null, intercepts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatrixScalingModel m && Arrays.deepEquals(weights, m.weights)
                && Arrays.equals(intercepts, m.intercepts) && Double.compare(lambdaOffDiagonal, m.lambdaOffDiagonal) == 0
                && Double.compare(lambdaIntercept, m.lambdaIntercept) == 0 && input == m.input
                && Double.compare(objective, m.objective) == 0 && iterations == m.iterations
                && converged == m.converged;
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(weights) * 31 + Arrays.hashCode(intercepts);
    }

    @Override
    public String toString() {
        return "MatrixScalingModel[weights=" + Arrays.deepToString(weights) + ", intercepts="
                + Arrays.toString(intercepts) + ", lambdaOffDiagonal=" + lambdaOffDiagonal + ", lambdaIntercept="
                + lambdaIntercept + ", input=" + input + ", objective=" + objective + ", iterations=" + iterations
                + ", converged=" + converged + "]";
    }
}
