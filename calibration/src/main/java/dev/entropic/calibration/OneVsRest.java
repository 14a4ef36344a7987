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
        double[][] column = new double[z.n][1];
        int[] target = new int[z.n];
        for (int c = 0; c < z.k; c++) {
            binaryScores(z, c, column);
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

    /** Fills {@code out[i][0]} with the binary score of class {@code c} (see the class comment). */
    static void binaryScores(Logits z, int c, double[][] out) {
        int k = z.k;
        for (int i = 0; i < z.n; i++) {
            int o = i * k;
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                if (j != c) {
                    m = Math.max(m, z.values[o + j]);
                }
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
                if (j != c) {
                    s += Math.exp(z.values[o + j] - m);
                }
            }
            double rest = m + Math.log(s); // ln Σ_{j≠c} e^{z_j}
            double v = z.values[o + c] - rest;
            if (Double.isNaN(v)) { // both −∞ (probability input with zeros): no evidence either way
                v = 0;
            }
            out[i][0] = v;
        }
    }
}
