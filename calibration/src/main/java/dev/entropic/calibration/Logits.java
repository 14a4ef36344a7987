package dev.entropic.calibration;

import dev.entropic.core.Checks;

/** Validated flat row-major logits; a binary single column s becomes the logits (0, s). */
final class Logits {
    final int n;
    final int k;
    final boolean binary;
    final double[] values;

    private Logits(int n, int k, boolean binary, double[] values) {
        this.n = n;
        this.k = k;
        this.binary = binary;
        this.values = values;
    }

    static Logits of(double[][] scores, int[] labels, ScoreInput input) {
        Logits z = of(scores, input);
        Checks.requireNonNull("labels", labels);
        if (labels.length != z.n) {
            throw Checks.fail("scores and labels differ in length: %d vs %d", z.n, labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= z.k) {
                throw Checks.fail("labels[%d] is out of range 0..%d: %d", i, z.k - 1, labels[i]);
            }
        }
        return z;
    }

    static Logits of(double[][] scores, ScoreInput input) {
        Checks.requireNonNull("scores", scores);
        if (scores.length == 0) {
            throw Checks.fail("scores is empty");
        }
        int cols = Checks.requireNonNull("scores[0]", scores[0]).length;
        if (cols == 0) {
            throw Checks.fail("scores[0] has no columns");
        }
        boolean binary = cols == 1;
        int k = binary ? 2 : cols;
        int n = scores.length;
        double[] v = new double[n * k];
        for (int i = 0; i < n; i++) {
            double[] row = Checks.requireNonNull("scores[" + i + "]", scores[i]);
            if (row.length != cols) {
                throw Checks.fail("scores[%d] has %d columns, expected %d", i, row.length, cols);
            }
            if (binary) {
                v[i * 2 + 1] = toScore(row[0], input, i, 0, true);
            } else {
                for (int j = 0; j < k; j++) {
                    v[i * k + j] = toScore(row[j], input, i, j, false);
                }
            }
        }
        return new Logits(n, k, binary, v);
    }

    static double toScore(double x, ScoreInput input, int i, int j, boolean binary) {
        if (input == ScoreInput.SCORE) {
            if (!Double.isFinite(x)) {
                throw Checks.fail("scores[%d][%d] must be finite: %s", i, j, x);
            }
            return x;
        }
        if (!(x >= 0 && x <= 1)) {
            throw Checks.fail("scores[%d][%d] is not a probability in [0, 1]: %s", i, j, x);
        }
        double s = binary ? Math.log(x) - Math.log1p(-x) : Math.log(x);
        if (!Double.isFinite(s)) {
            throw Checks.fail("scores[%d][%d] = %s gives an infinite %s; clip probabilities away from 0 and 1",
                    i, j, x, binary ? "logit" : "log");
        }
        return s;
    }
}
