package dev.entropic.calibration;

import dev.entropic.core.Checks;

/**
 * A fitted temperature: maps logits \(z\) to \(\operatorname{softmax}(z/T)\); binary one-column
 * scores \(s\) to \(P(y=1) = \sigma(s/T)\).
 *
 * @param temperature the fitted \(T > 0\)
 * @param input       what the scores are
 * @param binary      whether the model was fitted on one-column binary scores
 * @param iterations  Newton/bisection iterations used
 * @param converged   whether the solve met its tolerance inside the temperature bounds
 */
public record TemperatureScalingModel(double temperature, ScoreInput input, boolean binary, int iterations,
                                      boolean converged) implements CalibrationModel {
    /** Validates the temperature. */
    public TemperatureScalingModel {
        Checks.requirePositiveFinite("temperature", temperature);
        Checks.requireNonNull("input", input);
    }

    /**
     * Calibrated probabilities: {@code [n][k]} for multiclass, {@code [n][1]} = P(y=1) for binary.
     */
    @Override
    public double[][] predict(double[][] scores) {
        Logits z = Logits.of(scores, input);
        if (z.binary != binary) {
            throw Checks.fail("scores has %d columns but the model was fitted on %s scores",
                    scores[0].length, binary ? "binary one-column" : "multiclass");
        }
        double beta = 1 / temperature;
        double[][] out = new double[z.n][];
        for (int i = 0; i < z.n; i++) {
            int off = i * z.k;
            if (binary) {
                double s = beta * z.values[off + 1];
                out[i] = new double[] {1 / (1 + Math.exp(-s))};
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < z.k; j++) {
                max = Math.max(max, z.values[off + j]);
            }
            double[] p = new double[z.k];
            double sum = 0;
            for (int j = 0; j < z.k; j++) {
                p[j] = Math.exp(beta * (z.values[off + j] - max));
                sum += p[j];
            }
            for (int j = 0; j < z.k; j++) {
                p[j] /= sum;
            }
            out[i] = p;
        }
        return out;
    }
}
