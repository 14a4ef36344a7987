package dev.entropic.cli;

import dev.entropic.calibration.CalibrationModel;
import dev.entropic.calibration.HistogramBinning;
import dev.entropic.calibration.IsotonicCalibration;
import dev.entropic.calibration.OneVsRest;
import dev.entropic.calibration.PlattScaling;
import dev.entropic.calibration.ScalingBinning;
import dev.entropic.calibration.ScoreInput;
import dev.entropic.calibration.MatrixScaling;
import dev.entropic.calibration.TemperatureScaling;
import dev.entropic.calibration.TemperatureScalingModel;
import dev.entropic.calibration.TopLabel;
import dev.entropic.calibration.VectorScaling;
import dev.entropic.core.Checks;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The one place where a {@code --method} name becomes a fitted calibrator, shared by
 * {@code calibrate fit} and {@code calibrate report}. Binary methods (platt, isotonic, histogram,
 * scaling-binning) take one column directly and multiclass scores one-vs-rest
 * ({@link OneVsRest}).
 */
final class CalibrationMethods {
    /** Every name accepted by {@code --method}, in the order the report lists them. */
    static final List<String> NAMES = List.of("temperature", "vector", "matrix", "platt", "histogram", "isotonic",
            "scaling-binning");

    private CalibrationMethods() {
    }

    /** ODIR weight (both λ_od and λ_b) of matrix scaling from the command line. */
    static final double MATRIX_ODIR = 0.01;

    /** Whether {@code method} can be fitted by this build (every listed method now). */
    static boolean available(String method) {
        return NAMES.contains(method);
    }

    /** Whether {@code method} applies to scores with {@code columns} columns (vector and matrix need k ≥ 2). */
    static boolean appliesTo(String method, int columns) {
        return columns > 1 || !(method.equals("vector") || method.equals("matrix"));
    }

    /** Parses {@code --input}. */
    static ScoreInput input(String name) {
        return switch (name) {
            case "score" -> ScoreInput.SCORE;
            case "probability" -> ScoreInput.PROBABILITY;
            default -> throw Checks.fail("--input must be score or probability: %s", name);
        };
    }

    /** Fits {@code method} on the scores and labels. */
    static CalibrationModel fit(String method, double[][] scores, int[] labels, ScoreInput input, int bins) {
        return fit(method, scores, labels, input, bins, "one-vs-rest");
    }

    /**
     * Fits {@code method}; binary methods on multiclass scores use {@code multiclass}:
     * {@code one-vs-rest} ({@link OneVsRest}) or {@code top-label} ({@link TopLabel}).
     */
    static CalibrationModel fit(String method, double[][] scores, int[] labels, ScoreInput input, int bins,
                                String multiclass) {
        if (!multiclass.equals("one-vs-rest") && !multiclass.equals("top-label")) {
            throw Checks.fail("--multiclass must be one-vs-rest or top-label: %s", multiclass);
        }
        Checks.requirePositive("--bins", bins);
        if (!NAMES.contains(method)) {
            throw Checks.fail("--method must be one of %s: %s", String.join(", ", NAMES), method);
        }
        if (!available(method)) {
            throw Checks.fail("--method %s is not available in this build", method);
        }
        if (method.equals("temperature")) {
            return TemperatureScaling.withDefaults().withInput(input).fit(scores, labels);
        }
        if (method.equals("vector")) {
            return VectorScaling.withDefaults().withInput(input).fit(scores, labels);
        }
        if (method.equals("matrix")) {
            return MatrixScaling.withDefaults().withInput(input).withOdir(MATRIX_ODIR, MATRIX_ODIR).fit(scores, labels);
        }
        boolean binary = scores.length > 0 && scores[0].length == 1;
        if (binary) {
            return binaryFit(method, bins, input).apply(scores, labels);
        }
        return multiclass.equals("top-label")
                ? TopLabel.fit(binaryFit(method, bins, ScoreInput.SCORE), scores, labels, input)
                : OneVsRest.fit(binaryFit(method, bins, ScoreInput.SCORE), scores, labels, input);
    }

    private static BiFunction<double[][], int[], CalibrationModel> binaryFit(String method, int bins, ScoreInput input) {
        return switch (method) {
            case "platt" -> (s, y) -> PlattScaling.withDefaults().withInput(input).fit(s, y);
            case "isotonic" -> (s, y) -> IsotonicCalibration.withDefaults().withInput(input).fit(s, y);
            case "histogram" -> (s, y) -> HistogramBinning.withDefaults().withBins(bins).withInput(input).fit(s, y);
            case "scaling-binning" -> (s, y) -> ScalingBinning.withDefaults().withBins(bins).withInput(input).fit(s, y);
            default -> throw new IllegalStateException(method);
        };
    }

    /**
     * Checks the shapes and values that every calibrate command needs: equal row counts, labels in
     * 0..k−1 (binary: 0/1), probability input in [0, 1] with multiclass rows summing to 1 within
     * 1e-6.
     */
    static void validate(double[][] scores, int[] labels, ScoreInput input, String scoresName, String labelsName) {
        if (scores.length == 0) {
            throw Checks.fail("%s is empty", scoresName);
        }
        if (labels != null && labels.length != scores.length) {
            throw Checks.fail("%s has %d rows but %s has %d labels", scoresName, scores.length, labelsName, labels.length);
        }
        int k = scores[0].length;
        int classes = k == 1 ? 2 : k;
        if (labels != null) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] >= classes) {
                    throw Checks.fail("%s: label %d is out of range 0..%d: %d", labelsName, i, classes - 1, labels[i]);
                }
            }
        }
        if (input == ScoreInput.PROBABILITY) {
            requireProbabilities(scores, scoresName);
        }
    }

    /** Rows in [0, 1]; multiclass rows summing to 1 within 1e-6. */
    static void requireProbabilities(double[][] p, String name) {
        int k = p[0].length;
        for (int i = 0; i < p.length; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                double v = p[i][j];
                if (!(v >= 0 && v <= 1)) {
                    throw Checks.fail("%s: row %d column %d is not a probability in [0, 1]: %s", name, i, j, v);
                }
                s += v;
            }
            if (k > 1 && Math.abs(s - 1) > 1e-6) {
                throw Checks.fail("%s: row %d sums to %s, not 1 (tolerance 1e-6)", name, i, s);
            }
        }
    }

    /** Rows renormalised to sum exactly 1 (after {@link #requireProbabilities}); one column is kept. */
    static double[][] renormalised(double[][] p) {
        if (p[0].length == 1) {
            return p;
        }
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            double s = 0;
            for (double v : p[i]) {
                s += v;
            }
            out[i] = new double[p[i].length];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = p[i][j] / s;
            }
        }
        return out;
    }

    /**
     * The probabilities the scores stand for before calibration: the given rows (renormalised) for
     * probability input, else softmax (sigmoid for one column), i.e. temperature scaling at T = 1.
     */
    static double[][] uncalibrated(double[][] scores, ScoreInput input) {
        if (input == ScoreInput.PROBABILITY) {
            return renormalised(scores);
        }
        return new TemperatureScalingModel(1, input, scores[0].length == 1, 0, true).predict(scores);
    }
}
