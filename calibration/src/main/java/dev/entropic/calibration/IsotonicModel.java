package dev.entropic.calibration;

import dev.entropic.core.Checks;

/**
 * A fitted isotonic map: linear interpolation through the thresholds \((x_j, f_j)\), clipped at the
 * ends (see {@link IsotonicCalibration}).
 */
public final class IsotonicModel implements CalibrationModel {
    private final double[] thresholds;
    private final double[] values;
    private final ScoreInput input;

    private IsotonicModel(double[] thresholds, double[] values, ScoreInput input) {
        this.thresholds = thresholds;
        this.values = values;
        this.input = input;
    }

    /**
     * Validates and copies: thresholds strictly increasing and finite, values non-decreasing in
     * [0, 1], same non-zero length.
     */
    public static IsotonicModel of(double[] thresholds, double[] values, ScoreInput input) {
        Checks.requireNonNull("thresholds", thresholds);
        Checks.requireNonNull("values", values);
        Checks.requireNonNull("input", input);
        if (thresholds.length == 0 || thresholds.length != values.length) {
            throw Checks.fail("thresholds and values must be non-empty and equally long: %d vs %d",
                    thresholds.length, values.length);
        }
        for (int j = 0; j < thresholds.length; j++) {
            Checks.requireFinite("thresholds[" + j + "]", thresholds[j]);
            Checks.requireInRange("values[" + j + "]", values[j], 0, 1);
            if (j > 0 && !(thresholds[j] > thresholds[j - 1])) {
                throw Checks.fail("thresholds[%d] is not above thresholds[%d]: %s <= %s", j, j - 1, thresholds[j],
                        thresholds[j - 1]);
            }
            if (j > 0 && !(values[j] >= values[j - 1])) {
                throw Checks.fail("values[%d] decreases: %s < %s", j, values[j], values[j - 1]);
            }
        }
        return new IsotonicModel(thresholds.clone(), values.clone(), input);
    }

    /** A copy of the thresholds. */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** A copy of the fitted values at the thresholds. */
    public double[] values() {
        return values.clone();
    }

    /** What the scores are. */
    @Override
    public ScoreInput input() {
        return input;
    }

    /** Calibrated {@code [n][1]} = P(y=1). */
    @Override
    public double[][] predict(double[][] scores) {
        Logits z = Logits.of(scores, input);
        if (!z.binary) {
            throw Checks.fail("scores must have one column for isotonic calibration, got %d", scores[0].length);
        }
        double[][] out = new double[z.n][];
        for (int i = 0; i < z.n; i++) {
            out[i] = new double[] {map(z.values[2 * i + 1])};
        }
        return out;
    }

    /** The map at one score, numpy.interp's formula. */
    double map(double s) {
        int m = thresholds.length;
        if (s <= thresholds[0]) {
            return values[0];
        }
        if (s >= thresholds[m - 1]) {
            return values[m - 1];
        }
        int j = java.util.Arrays.binarySearch(thresholds, s);
        if (j >= 0) {
            return values[j];
        }
        int hi = -j - 1;
        int lo = hi - 1;
        double slope = (values[hi] - values[lo]) / (thresholds[hi] - thresholds[lo]);
        return slope * (s - thresholds[lo]) + values[lo];
    }
}
