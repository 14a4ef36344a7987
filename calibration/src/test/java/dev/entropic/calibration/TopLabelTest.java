package dev.entropic.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entropic.core.Rng;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class TopLabelTest {
    private static final int N = 900;
    private static final int K = 4;

    /** Over-confident logits: labels drawn from softmax(z / 3). */
    private static Object[] data(long seed) {
        UniformRandomProvider rng = Rng.seeded(seed);
        double[][] z = new double[N][K];
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            double[] p = new double[K];
            double s = 0;
            for (int j = 0; j < K; j++) {
                z[i][j] = 4 * (rng.nextDouble() - 0.5) + (j == i % K ? 2 : 0);
                p[j] = Math.exp(z[i][j] / 3);
                s += p[j];
            }
            double u = rng.nextDouble() * s;
            int c = 0;
            while (c < K - 1 && (u -= p[c]) > 0) {
                c++;
            }
            y[i] = c;
        }
        return new Object[] {z, y};
    }

    /** The predicted class's output is its class's isotonic fit on (logit top prob, correct); rows sum to 1. */
    @Test
    void topClassGetsItsClassCalibratorAndTheRestIsProportional() {
        Object[] d = data(3);
        double[][] z = (double[][]) d[0];
        int[] y = (int[]) d[1];
        TopLabelModel m = TopLabel.fit((s, t) -> IsotonicCalibration.withDefaults().fit(s, t), z, y, ScoreInput.SCORE);
        double[][] p = m.predict(z);
        for (int i = 0; i < N; i++) {
            int c = 0;
            for (int j = 1; j < K; j++) {
                if (z[i][j] > z[i][c]) {
                    c = j;
                }
            }
            double lse = Math.log(Math.exp(z[i][0]) + Math.exp(z[i][1]) + Math.exp(z[i][2]) + Math.exp(z[i][3]));
            double logitTop = z[i][c] - Math.log(Math.exp(lse) - Math.exp(z[i][c]));
            CalibrationModel own = m.classes().get(c) != null ? m.classes().get(c) : m.pooled();
            assertEquals(own.predict(new double[][] {{logitTop}})[0][0], p[i][c], 1e-12);
            double sum = 0;
            for (int j = 0; j < K; j++) {
                sum += p[i][j];
                if (j != c) {
                    double share = Math.exp(z[i][j] - lse) / (1 - Math.exp(z[i][c] - lse));
                    assertEquals((1 - p[i][c]) * share, p[i][j], 1e-12);
                }
            }
            assertEquals(1.0, sum, 1e-12);
        }
    }

    /** On its own fitting data, top-label histogram binning has a smaller top-label ECE than the raw softmax. */
    @Test
    void reducesTheTopLabelErrorOnItsFittingData() {
        Object[] d = data(5);
        double[][] z = (double[][]) d[0];
        int[] y = (int[]) d[1];
        double[][] raw = new double[N][K];
        for (int i = 0; i < N; i++) {
            double s = 0;
            for (int j = 0; j < K; j++) {
                raw[i][j] = Math.exp(z[i][j]);
                s += raw[i][j];
            }
            for (int j = 0; j < K; j++) {
                raw[i][j] /= s;
            }
        }
        TopLabelModel m = TopLabel.fit((s, t) -> HistogramBinning.withDefaults().withBins(10).fit(s, t), z, y,
                ScoreInput.SCORE);
        CalibrationError ece = CalibrationError.withDefaults().withBins(10);
        double before = ece.estimate(raw, y);
        double after = ece.estimate(m.predict(z), y);
        assertTrue(after < 0.5 * before, before + " -> " + after);
    }

    @Test
    void jsonRoundTripIsExact() {
        Object[] d = data(7);
        double[][] z = (double[][]) d[0];
        int[] y = (int[]) d[1];
        TopLabelModel m = TopLabel.fit((s, t) -> PlattScaling.withDefaults().fit(s, t), z, y, ScoreInput.SCORE);
        String json = CalibrationJson.write(m);
        assertTrue(json.contains("\"multiclass\":\"top-label\""), json);
        CalibrationModel back = CalibrationJson.readModel(json);
        assertEquals(json, CalibrationJson.write(back));
        double[][] a = m.predict(z);
        double[][] b = back.predict(z);
        for (int i = 0; i < N; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
    }

    @Test
    void binaryScoresAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopLabel.fit(
                (s, t) -> PlattScaling.withDefaults().fit(s, t), new double[][] {{0.1}, {2}}, new int[] {0, 1},
                ScoreInput.SCORE));
        assertTrue(e.getMessage().contains("at least 2 columns"), e.getMessage());
    }
}
