package dev.entropic.calibration;

import dev.entropic.core.Checks;
import dev.entropic.core.Numerics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A fitted top-label calibrator (see {@link TopLabel}).
 *
 * @param classes the binary model of each predicted class, or {@code null} where the pooled one is used
 * @param pooled  the binary model fitted on all rows
 * @param input   what the multiclass scores are
 */
public record TopLabelModel(List<CalibrationModel> classes, CalibrationModel pooled, ScoreInput input)
        implements CalibrationModel {
    /** Validates and copies (the list may hold nulls). */
    public TopLabelModel {
        Checks.requireNonNull("classes", classes);
        Checks.requireNonNull("pooled", pooled);
        Checks.requireNonNull("input", input);
        if (classes.size() < 2) {
            throw Checks.fail("classes must have at least 2 entries, got %d", classes.size());
        }
        classes = Collections.unmodifiableList(new ArrayList<>(classes));
    }

    /** {@code [n][k]} probability rows for {@code [n][k]} scores. */
    @Override
    public double[][] predict(double[][] scores) {
        Logits z = Logits.of(scores, input);
        int k = classes.size();
        if (z.binary || z.k != k) {
            throw Checks.fail("scores must have %d columns, got %d", k, scores[0].length);
        }
        int[] top = new int[z.n];
        double[] score = new double[z.n];
        TopLabel.topScores(z, top, score);
        double[][] out = new double[z.n][k];
        double[][] one = new double[1][1];
        for (int i = 0; i < z.n; i++) {
            int c = top[i];
            CalibrationModel m = classes.get(c) != null ? classes.get(c) : pooled;
            one[0][0] = score[i];
            double h = m.predict(one)[0][0];
            int off = i * k;
            double lse = Numerics.logSumExp(z.values, off, off + k);
            double rest = 0;
            for (int j = 0; j < k; j++) {
                if (j != c) {
                    out[i][j] = Math.exp(z.values[off + j] - lse);
                    rest += out[i][j];
                }
            }
            for (int j = 0; j < k; j++) {
                if (j != c) {
                    out[i][j] = rest > 0 ? (1 - h) * out[i][j] / rest : (1 - h) / (k - 1);
                }
            }
            out[i][c] = h;
        }
        return out;
    }
}
