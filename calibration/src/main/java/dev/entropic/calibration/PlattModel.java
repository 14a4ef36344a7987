package dev.entropic.calibration;

import dev.entropic.core.Checks;

/**
 * A fitted Platt map \(P(y=1 \mid s) = \sigma(a s + b)\).
 *
 * @param slope           \(a\)
 * @param intercept       \(b\)
 * @param input           what the scores are (probabilities are mapped through logit first)
 * @param targetSmoothing whether Platt's smoothed targets were used
 * @param iterations      Newton iterations used
 * @param converged       whether the Newton decrement met the tolerance
 */
public record PlattModel(double slope, double intercept, ScoreInput input, boolean targetSmoothing, int iterations,
                         boolean converged) implements CalibrationModel {
    /** Validates the parameters. */
    public PlattModel {
        Checks.requireFinite("slope", slope);
        Checks.requireFinite("intercept", intercept);
        Checks.requireNonNull("input", input);
    }

    /** Calibrated {@code [n][1]} = P(y=1) for {@code [n][1]} scores. */
    @Override
    public double[][] predict(double[][] scores) {
        Logits z = Logits.of(scores, input);
        if (!z.binary) {
            throw Checks.fail("scores must have one column for Platt scaling, got %d", scores[0].length);
        }
        double[][] out = new double[z.n][];
        for (int i = 0; i < z.n; i++) {
            out[i] = new double[] {PlattScaling.sigmoid(slope * z.values[2 * i + 1] + intercept)};
        }
        return out;
    }
}
