package dev.entropic.calibration;

import dev.entropic.core.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Top-label multiclass use of a binary calibrator (Gupta and Ramdas, "Top-label calibration and
 * multiclass-to-binary reductions", ICLR 2022): the prediction is the argmax class
 * {@code c(x)} (ties to the lowest index) and only its confidence is recalibrated, conditionally on
 * the predicted class. For every class c, a binary calibrator is fitted on the rows predicted as c,
 * on the pairs (logit of the top probability, {@code 1[y = c]}); a class predicted fewer than
 * {@link #MIN_ROWS} times, or whose predictions are all right or all wrong, uses the calibrator
 * fitted on all rows pooled (documented fallback; the paper leaves such classes to the user).
 *
 * <p><b>Output row.</b> The predicted class gets the calibrated confidence {@code h}; the other
 * classes share {@code 1 − h} in proportion to their uncalibrated probabilities (uniformly if those
 * are all 0), so rows sum to 1. The reported argmax can change when {@code h} falls below another
 * class's share; the top-label calibration error of the output is measured on the predicted
 * class's column as {@link CalibrationError.Scope#TOP_LABEL} does for its argmax.
 *
 * <p><b>Top-label score.</b> {@code logit(p_top)} with {@code p = softmax(z)} for
 * {@link ScoreInput#SCORE}, the given row for {@link ScoreInput#PROBABILITY}, computed stably as
 * {@code z_c − ln Σ_{j≠c} e^{z_j}}; binary calibrators see it as {@link ScoreInput#SCORE}.
 */
public final class TopLabel {
    /** Minimum rows (with both outcomes) for a class's own calibrator. */
    public static final int MIN_ROWS = 20;

    private TopLabel() {
    }

    /** Fits the class-conditional top-label calibrators. */
    public static TopLabelModel fit(BiFunction<double[][], int[], ? extends CalibrationModel> binaryFit,
                                    double[][] scores, int[] labels, ScoreInput input) {
        Checks.requireNonNull("binaryFit", binaryFit);
        Checks.requireNonNull("input", input);
        Logits z = Logits.of(scores, labels, input);
        if (z.binary) {
            throw Checks.fail("scores must have at least 2 columns for top-label calibration, got 1 (use the binary calibrator)");
        }
        int[] top = new int[z.n];
        double[] score = new double[z.n];
        topScores(z, top, score);
        int[] correct = new int[z.n];
        for (int i = 0; i < z.n; i++) {
            correct[i] = top[i] == labels[i] ? 1 : 0;
        }
        CalibrationModel pooled = fitRows(binaryFit, score, correct, null, -1, "pooled");
        List<CalibrationModel> perClass = new ArrayList<>(z.k);
        for (int c = 0; c < z.k; c++) {
            int rows = 0;
            int right = 0;
            for (int i = 0; i < z.n; i++) {
                if (top[i] == c) {
                    rows++;
                    right += correct[i];
                }
            }
            perClass.add(rows >= MIN_ROWS && right > 0 && right < rows
                    ? fitRows(binaryFit, score, correct, top, c, "class " + c) : null);
        }
        return new TopLabelModel(perClass, pooled, input);
    }

    private static CalibrationModel fitRows(BiFunction<double[][], int[], ? extends CalibrationModel> binaryFit,
                                            double[] score, int[] correct, int[] top, int c, String what) {
        List<double[]> s = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int i = 0; i < score.length; i++) {
            if (top == null || top[i] == c) {
                s.add(new double[] {score[i]});
                y.add(correct[i]);
            }
        }
        try {
            return Checks.requireNonNull("binaryFit result",
                    binaryFit.apply(s.toArray(double[][]::new), y.stream().mapToInt(Integer::intValue).toArray()));
        } catch (IllegalArgumentException e) {
            throw Checks.fail("%s: %s", what, e.getMessage());
        }
    }

    /** Argmax class (ties to the lowest index) and the logit of its softmax probability, per row. */
    static void topScores(Logits z, int[] top, double[] score) {
        double[] all = OneVsRest.binaryScores(z);
        int k = z.k;
        for (int i = 0; i < z.n; i++) {
            int off = i * k;
            int arg = 0;
            for (int j = 1; j < k; j++) {
                if (z.values[off + j] > z.values[off + arg]) {
                    arg = j;
                }
            }
            top[i] = arg;
            score[i] = all[off + arg];
        }
    }
}
