package dev.entropic.calibration;

import dev.entropic.core.Checks;
import java.util.Arrays;

/**
 * Fitted vector scaling: \(\operatorname{softmax}(w \odot z + b)\).
 *
 * @param weights    per-class weights \(w\) (copied)
 * @param intercepts per-class intercepts \(b\), centred to sum 0 by the fit (copied)
 * @param input      what the scores are
 * @param nll        mean NLL on the fit set at the solution
 * @param iterations L-BFGS iterations
 * @param converged  whether the gradient tolerance was met
 */
public record VectorScalingModel(double[] weights, double[] intercepts, ScoreInput input, double nll,
                                 int iterations, boolean converged) implements CalibrationModel {
    /** Validates and copies. */
    public VectorScalingModel {
        Checks.requireNonNull("weights", weights);
        Checks.requireNonNull("intercepts", intercepts);
        Checks.requireNonNull("input", input);
        if (weights.length < 2 || intercepts.length != weights.length) {
            throw Checks.fail("weights and intercepts must have the same length >= 2: %d vs %d",
                    weights.length, intercepts.length);
        }
        weights = MatrixScaling.finiteCopy("weights", weights);
        intercepts = MatrixScaling.finiteCopy("intercepts", intercepts);
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public double[] intercepts() {
        return intercepts.clone();
    }

    /** Calibrated probabilities {@code [n][k]}. */
    @Override
    public double[][] predict(double[][] scores) {
        Logits z = Logits.of(scores, input);
        if (z.binary || z.k != weights.length) {
            throw Checks.fail("scores must have %d columns: got %d", weights.length, scores[0].length);
        }
        return AffineSoftmax.predict(z, null, weights, intercepts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorScalingModel m && Arrays.equals(weights, m.weights)
                && Arrays.equals(intercepts, m.intercepts) && input == m.input
                && Double.compare(nll, m.nll) == 0 && iterations == m.iterations && converged == m.converged;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights) * 31 + Arrays.hashCode(intercepts);
    }

    @Override
    public String toString() {
        return "VectorScalingModel[weights=" + Arrays.toString(weights) + ", intercepts="
                + Arrays.toString(intercepts) + ", input=" + input + ", nll=" + nll + ", iterations="
                + iterations + ", converged=" + converged + "]";
    }
}
