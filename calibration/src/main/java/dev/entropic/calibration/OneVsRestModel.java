package dev.entropic.calibration;

import dev.entropic.core.Checks;
import java.util.List;

/**
 * A fitted one-vs-rest calibrator (see {@link OneVsRest}): one binary model per class.
 *
 * @param classes the binary model of each class, in class order
 * @param input   what the multiclass scores are
 */
public record OneVsRestModel(List<CalibrationModel> classes, ScoreInput input) implements CalibrationModel {
    /** Validates and copies. */
    public OneVsRestModel {
        Checks.requireNonNull("classes", classes);
        Checks.requireNonNull("input", input);
        if (classes.size() < 2) {
            throw Checks.fail("classes must hold at least 2 models, got %d", classes.size());
        }
        for (int c = 0; c < classes.size(); c++) {
            Checks.requireNonNull("classes[" + c + "]", classes.get(c));
        }
        classes = List.copyOf(classes);
    }

    /** {@code [n][k]} probability rows for {@code [n][k]} scores. */
    @Override
    public double[][] predict(double[][] scores) {
        Logits z = Logits.of(scores, input);
        int k = classes.size();
        if (z.binary || z.k != k) {
            throw Checks.fail("scores must have %d columns, got %d", k, scores[0].length);
        }
        double[][] out = new double[z.n][k];
        double[] scoresOfClasses = OneVsRest.binaryScores(z);
        double[][] column = new double[z.n][1];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < z.n; i++) {
                column[i][0] = scoresOfClasses[i * k + c];
            }
            double[][] pc = classes.get(c).predict(column);
            for (int i = 0; i < z.n; i++) {
                out[i][c] = pc[i][0];
            }
        }
        for (double[] row : out) {
            double s = 0;
            for (double v : row) {
                s += v;
            }
            for (int c = 0; c < k; c++) {
                row[c] = s > 0 ? row[c] / s : 1.0 / k;
            }
        }
        return out;
    }
}
