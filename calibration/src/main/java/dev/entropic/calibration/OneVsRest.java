package dev.entropic.calibration;

import dev.entropic.core.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One-vs-rest (marginal) multiclass use of a binary calibrator (Platt, isotonic, histogram
 * binning, scaling-binning), as scikit-learn's {@code CalibratedClassifierCV} does: one binary
 * calibrator per class {@code c}, fitted on the pairs (binary score of class c, {@code 1[y = c]}),
 * then the per-class probabilities are divided by their row sum (a row whose sum is 0 gets
 * {@code 1/k} everywhere, scikit-learn's convention).
 *
 * <p><b>Binary score of class c.</b> The logit of the model's own probability for c, so that it
 * does not depend on the logits' arbitrary offset: for {@link ScoreInput#SCORE} (logits z),
 * {@code z_c − ln Σ_{j≠c} e^{z_j}} = logit(softmax(z)_c), computed stably; for
 * {@link ScoreInput#PROBABILITY} (rows p), {@code ln p_c − ln(1 − p_c)}. The binary calibrators
 * are fitted on these values as scores ({@link ScoreInput#SCORE}).
 */
public final class OneVsRest {
    private OneVsRest() {
    }

    /**
     * Fits one binary calibrator per class.
     *
     * @param binaryFit fits a binary calibrator on {@code [n][1]} scores and 0/1 labels
     * @param scores    {@code [n][k]} scores, k ≥ 2; not modified
     * @param labels    labels in {@code 0..k-1}
     * @param input     what the scores are
     */
    public static OneVsRestModel fit(BiFunction<double[][], int[], ? extends CalibrationModel> binaryFit,
                                     double[][] scores, int[] labels, ScoreInput input) {
        Checks.requireNonNull("binaryFit", binaryFit);
        Checks.requireNonNull("input", input);
        Logits z = Logits.of(scores, labels, input);
        if (z.binary) {
            throw Checks.fail("scores must have at least 2 columns for one-vs-rest, got 1 (use the binary calibrator)");
        }
        List<CalibrationModel> models = new ArrayList<>(z.k);
        double[] scoresOfClasses = binaryScores(z);
        double[][] column = new double[z.n][1];
        int[] target = new int[z.n];
        for (int c = 0; c < z.k; c++) {
            for (int i = 0; i < z.n; i++) {
                column[i][0] = scoresOfClasses[i * z.k + c];
            }
            int positives = 0;
            for (int i = 0; i < z.n; i++) {
                target[i] = labels[i] == c ? 1 : 0;
                positives += target[i];
            }
            if (positives == 0 || positives == z.n) {
                throw Checks.fail("class %d has %s in the labels: one-vs-rest needs both outcomes for every class",
                        c, positives == 0 ? "no example" : "every example");
            }
            CalibrationModel m;
            try {
                m = binaryFit.apply(column, target.clone());
            } catch (IllegalArgumentException e) {
                throw Checks.fail("class %d: %s", c, e.getMessage());
            }
            models.add(Checks.requireNonNull("binaryFit result", m));
        }
        return new OneVsRestModel(models, input);
    }

    /**
     * The binary score of every class of every row, flat {@code [n][k]} (see the class comment), in
     * O(k) per row: with m the row's max (at a) and m₂ the largest other value,
     * {@code ln Σ_{j≠c} e^{z_j} = m + ln(S − e^{z_c−m})} for {@code c ≠ a}, where
     * {@code S = Σ_j e^{z_j−m}} and the difference is at least 1 (it keeps the argmax term), and
     * {@code m₂ + ln Σ_{j≠a} e^{z_j−m₂}} for {@code c = a}; no term underflows to a zero sum.
     */
    static double[] binaryScores(Logits z) {
        int k = z.k;
        double[] v = z.values;
        double[] out = new double[z.n * k];
        for (int i = 0; i < z.n; i++) {
            int off = i * k;
            int a = 0;
            for (int j = 1; j < k; j++) {
                if (v[off + j] > v[off + a]) {
                    a = j;
                }
            }
            double m = v[off + a];
            double m2 = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                if (j != a) {
                    m2 = Math.max(m2, v[off + j]);
                }
            }
            double sum = 0;
            double others = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(v[off + j] - m);
                if (j != a) {
                    others += Math.exp(v[off + j] - m2);
                }
            }
            for (int c = 0; c < k; c++) {
                double rest = c == a ? m2 + Math.log(others) : m + Math.log(sum - Math.exp(v[off + c] - m));
                out[off + c] = v[off + c] - rest;
            }
        }
        return out;
    }
}
