package dev.entropic.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entropic.core.Rng;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class TemperatureScalingTest {
    /** Relative agreement of T with scipy brentq on dNLL/dbeta (both solve to ~1e-15). */
    private static final double T_REL_TOLERANCE = 1e-10;
    private static final double NLL_REL_TOLERANCE = 1e-13;

    @Test
    void matchesHighPrecisionScipySolve() {
        List<String[]> rows = ReferenceData.rows("temperature.csv");
        for (String[] c : rows) {
            if (!c[0].equals("case")) {
                continue;
            }
            List<double[]> scores = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (String[] r : rows) {
                if (r[0].equals("row") && r[1].equals(c[1])) {
                    labels.add(Integer.parseInt(r[2]));
                    double[] z = new double[r.length - 3];
                    for (int j = 0; j < z.length; j++) {
                        z[j] = Double.parseDouble(r[3 + j]);
                    }
                    scores.add(z);
                }
            }
            double[][] s = scores.toArray(new double[0][]);
            int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
            TemperatureScalingModel m = TemperatureScaling.withDefaults().fit(s, y);
            double expectedT = Double.parseDouble(c[2]);
            double expectedNll = Double.parseDouble(c[3]);
            assertTrue(m.converged(), "case " + c[1]);
            assertTrue(m.iterations() <= 20, "case " + c[1] + " iterations " + m.iterations());
            assertEquals(expectedT, m.temperature(), T_REL_TOLERANCE * expectedT, "case " + c[1]);
            double nll = TemperatureScaling.negativeLogLikelihood(s, y, ScoreInput.SCORE, m.temperature());
            assertEquals(expectedNll, nll, NLL_REL_TOLERANCE * expectedNll, "case " + c[1]);
        }
    }

    @Test
    void perfectlySeparatedDataHitsTheBoundAndSaysSo() {
        double[][] s = {{5, 0}, {0, 5}, {6, 1}};
        TemperatureScalingModel m = TemperatureScaling.withDefaults().fit(s, new int[] {0, 1, 0});
        assertFalse(m.converged());
        assertEquals(1e-4, m.temperature(), 1e-12);
    }

    @Test
    void rejectsBadInput() {
        TemperatureScaling t = TemperatureScaling.withDefaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.fit(new double[][] {{1, 2}, {3, 4}}, new int[] {0, 2}));
        assertTrue(e.getMessage().contains("labels[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.fit(new double[][] {{1, 2}}, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("differ in length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> t.withInput(ScoreInput.PROBABILITY).fit(new double[][] {{0.2, 1.2}}, new int[] {0}));
        assertTrue(e.getMessage().contains("scores[0][1]"), e.getMessage());
    }

    @Test
    void preservesArgmaxAndAccuracyAndIsTheNllMinimiser() {
        qt().withExamples(40).forAll(longs().all(), integers().between(2, 8)).checkAssert((seed, k) -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            int n = 60;
            double[][] z = new double[n][k];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = rng.nextInt(k);
                for (int j = 0; j < k; j++) {
                    z[i][j] = 3 * (rng.nextDouble() - 0.5) + (j == y[i] ? 1.0 : 0.0);
                }
            }
            double[][] copy = new double[n][];
            for (int i = 0; i < n; i++) {
                copy[i] = z[i].clone();
            }
            TemperatureScalingModel m = TemperatureScaling.withDefaults().fit(z, y);
            double[][] p = m.predict(z);
            for (int i = 0; i < n; i++) {
                assertEquals(argmax(z[i]), argmax(p[i]));
                org.junit.jupiter.api.Assertions.assertArrayEquals(copy[i], z[i]);
            }
            if (m.converged()) {
                double t = m.temperature();
                double at = TemperatureScaling.negativeLogLikelihood(z, y, ScoreInput.SCORE, t);
                assertTrue(at <= TemperatureScaling.negativeLogLikelihood(z, y, ScoreInput.SCORE, t * 1.001) + 1e-15);
                assertTrue(at <= TemperatureScaling.negativeLogLikelihood(z, y, ScoreInput.SCORE, t / 1.001) + 1e-15);
            }
        });
    }

    @Test
    void binaryOneColumnEqualsTwoColumnLogits() {
        UniformRandomProvider rng = Rng.seeded(7);
        int n = 100;
        double[][] one = new double[n][1];
        double[][] two = new double[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(2);
            one[i][0] = 4 * (rng.nextDouble() - 0.5) + (y[i] == 1 ? 1 : -1);
            two[i][1] = one[i][0];
        }
        TemperatureScalingModel a = TemperatureScaling.withDefaults().fit(one, y);
        TemperatureScalingModel b = TemperatureScaling.withDefaults().fit(two, y);
        assertEquals(b.temperature(), a.temperature(), 0.0);
        double[][] pa = a.predict(one);
        double[][] pb = b.predict(two);
        for (int i = 0; i < n; i++) {
            assertEquals(pb[i][1], pa[i][0], 1e-15);
        }
    }

    private static int argmax(double[] a) {
        int best = 0;
        for (int j = 1; j < a.length; j++) {
            if (a[j] > a[best]) {
                best = j;
            }
        }
        return best;
    }

    /** Separated data: the minimiser is T → 0; the lower bound is returned, not converged. */
    @Test
    void separatedDataStopAtTheLowerBoundUnconverged() {
        double[][] z = {{-2}, {-1}, {1}, {2}, {-3}, {3}};
        int[] y = {0, 0, 1, 1, 0, 1};
        TemperatureScalingModel m = TemperatureScaling.withDefaults().fit(z, y);
        assertEquals(1e-4, m.temperature(), 1e-12);
        assertTrue(!m.converged());
    }

    /** Logits pointing the wrong way: the minimiser is T → ∞; the upper bound is returned, not converged. */
    @Test
    void antiInformativeLogitsStopAtTheUpperBoundUnconverged() {
        double[][] z = {{2}, {1}, {-1}, {-2}, {0.5}, {-0.5}};
        int[] y = {0, 0, 1, 1, 0, 1};
        TemperatureScalingModel m = TemperatureScaling.withDefaults().fit(z, y);
        assertEquals(1e4, m.temperature(), 1e-6);
        assertTrue(!m.converged());
    }
}
