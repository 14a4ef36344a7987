package dev.entropic.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entropic.core.Rng;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class VectorMatrixScalingTest {
    /** Both sides solve a smooth convex problem to a gradient of ~1e-11. */
    private static final double OBJECTIVE_REL_TOLERANCE = 1e-10;
    private static final double PARAM_TOLERANCE = 1e-5;

    private static double[][] scores(List<String[]> rows, String c, List<Integer> labels) {
        List<double[]> out = new ArrayList<>();
        for (String[] r : rows) {
            if (r[0].equals("row") && r[1].equals(c)) {
                labels.add(Integer.parseInt(r[2]));
                double[] z = new double[r.length - 3];
                for (int j = 0; j < z.length; j++) {
                    z[j] = Double.parseDouble(r[3 + j]);
                }
                out.add(z);
            }
        }
        return out.toArray(new double[0][]);
    }

    private static double nll(double[][] p, int[] y) {
        double t = 0;
        for (int i = 0; i < y.length; i++) {
            t -= Math.log(p[i][y[i]]);
        }
        return t / y.length;
    }

    @Test
    void matchesScipyLbfgsb() {
        List<String[]> rows = ReferenceData.rows("affine_scaling.csv");
        int checked = 0;
        for (String[] f : rows) {
            if (!f[0].equals("fit")) {
                continue;
            }
            List<Integer> labels = new ArrayList<>();
            double[][] s = scores(rows, f[1], labels);
            int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
            int k = s[0].length;
            double lod = Double.parseDouble(f[3]);
            double lb = Double.parseDouble(f[4]);
            double expected = Double.parseDouble(f[5]);
            String what = "case " + f[1] + " " + f[2] + " " + lod;
            if (f[2].equals("vector")) {
                VectorScalingModel m = VectorScaling.withDefaults().fit(s, y);
                assertTrue(m.converged(), what);
                assertTrue(m.nll() <= expected * (1 + OBJECTIVE_REL_TOLERANCE), what + " " + m.nll());
                assertEquals(expected, m.nll(), OBJECTIVE_REL_TOLERANCE * expected, what);
                assertEquals(m.nll(), nll(m.predict(s), y), 1e-13, what);
                for (int j = 0; j < k; j++) {
                    assertEquals(Double.parseDouble(f[6 + j]), m.weights()[j], PARAM_TOLERANCE, what);
                    assertEquals(Double.parseDouble(f[6 + k + j]), m.intercepts()[j], PARAM_TOLERANCE, what);
                }
            } else {
                MatrixScalingModel m = MatrixScaling.withDefaults().withOdir(lod, lb).fit(s, y);
                assertTrue(m.converged(), what);
                assertEquals(expected, m.objective(), OBJECTIVE_REL_TOLERANCE * expected, what);
                if (lod == 0 && lb == 0) {
                    assertEquals(m.objective(), nll(m.predict(s), y), 1e-13, what);
                }
                if (f.length > 6) {
                    for (int j = 0; j < k; j++) {
                        for (int l = 0; l < k; l++) {
                            assertEquals(Double.parseDouble(f[6 + j * k + l]), m.weights()[j][l], PARAM_TOLERANCE, what);
                        }
                        assertEquals(Double.parseDouble(f[6 + k * k + j]), m.intercepts()[j], PARAM_TOLERANCE, what);
                    }
                }
            }
            checked++;
        }
        assertEquals(6, checked);
    }

    @Test
    void nllOrderingMatrixVectorTemperatureIdentity() {
        qt().withExamples(15).forAll(longs().all()).checkAssert(seed -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            int n = 400;
            int k = 2 + rng.nextInt(3);
            double[] scale = new double[k];
            for (int j = 0; j < k; j++) {
                scale[j] = 0.5 + 3 * rng.nextDouble();
            }
            double[][] z = new double[n][k];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = rng.nextInt(k);
                for (int j = 0; j < k; j++) {
                    z[i][j] = scale[j] * (2 * rng.nextDouble() - 1) + (j == y[i] ? 1.5 : 0);
                }
            }
            double identity = TemperatureScaling.negativeLogLikelihood(z, y, ScoreInput.SCORE, 1);
            TemperatureScalingModel t = TemperatureScaling.withDefaults().fit(z, y);
            double temperature = TemperatureScaling.negativeLogLikelihood(z, y, ScoreInput.SCORE, t.temperature());
            VectorScalingModel v = VectorScaling.withDefaults().fit(z, y);
            // Unregularised matrix scaling has no finite optimum on separable data; the cap keeps the
            // property fast and the ordering holds for any iterate below the vector optimum.
            MatrixScalingModel m = MatrixScaling.withDefaults().withMaxIterations(1000).fit(z, y);
            double slack = 1e-12;
            assertTrue(v.converged(), v.toString());
            assertTrue(temperature <= identity + slack, temperature + " > " + identity);
            assertTrue(v.nll() <= temperature + slack, v.nll() + " > " + temperature);
            assertTrue(m.objective() <= v.nll() + slack, m.objective() + " > " + v.nll());
            for (double[] p : m.predict(z)) {
                double sum = 0;
                for (double q : p) {
                    assertTrue(q >= 0 && q <= 1);
                    sum += q;
                }
                assertEquals(1, sum, 1e-12);
            }
        });
    }

    @Test
    void probabilityInputUsesLogProbabilities() {
        UniformRandomProvider rng = Rng.seeded(5);
        int n = 100;
        double[][] z = new double[n][3];
        double[][] p = new double[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(3);
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                p[i][j] = Math.exp(2 * rng.nextDouble() + (j == y[i] ? 1 : 0));
                sum += p[i][j];
            }
            for (int j = 0; j < 3; j++) {
                p[i][j] /= sum;
                z[i][j] = Math.log(p[i][j]);
            }
        }
        VectorScalingModel a = VectorScaling.withDefaults().withInput(ScoreInput.PROBABILITY).fit(p, y);
        VectorScalingModel b = VectorScaling.withDefaults().fit(z, y);
        assertEquals(b.nll(), a.nll(), 1e-12);
        assertEquals(ScoreInput.PROBABILITY, a.input());
        double[][] pa = a.predict(p);
        double[][] pb = b.predict(z);
        assertEquals(pb[7][2], pa[7][2], 1e-9);
    }

    @Test
    void jsonRoundTripsBitExactly() {
        UniformRandomProvider rng = Rng.seeded(9);
        int n = 60;
        double[][] z = new double[n][4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(4);
            for (int j = 0; j < 4; j++) {
                z[i][j] = 3 * rng.nextDouble() + (j == y[i] ? 1 : 0);
            }
        }
        Object[] models = {
            VectorScaling.withDefaults().fit(z, y),
            MatrixScaling.withDefaults().fit(z, y),
            MatrixScaling.withDefaults().withOdir(0.3, 0.1).withInput(ScoreInput.SCORE).fit(z, y),
        };
        for (Object m : models) {
            String json = CalibrationJson.write(m);
            assertEquals(m, CalibrationJson.read(json), json);
        }
        assertTrue(CalibrationJson.write(models[0]).contains("\"method\":\"vector\""));
        assertTrue(CalibrationJson.write(models[1]).contains("\"method\":\"matrix\""));
    }

    @Test
    void rejectsBadInput() {
        double[][] one = {{1}, {2}};
        int[] y = {0, 1};
        assertThrows(IllegalArgumentException.class, () -> VectorScaling.withDefaults().fit(one, y));
        assertThrows(IllegalArgumentException.class, () -> MatrixScaling.withDefaults().fit(one, y));
        assertThrows(IllegalArgumentException.class, () -> MatrixScaling.withDefaults().withOdir(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> MatrixScaling.withDefaults().withOdir(0, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> VectorScaling.withDefaults().fit(new double[][] {{1, 2}, {0, Double.NaN}}, y));
        assertThrows(IllegalArgumentException.class,
                () -> new VectorScalingModel(new double[] {1, 2}, new double[] {0}, ScoreInput.SCORE, 0, 0, true));
        assertThrows(IllegalArgumentException.class,
                () -> CalibrationJson.read("{\"method\":\"matrix\",\"version\":1,\"input\":\"score\","
                        + "\"weights\":[[1,0],[0]],\"intercepts\":[0,0],\"lambdaOffDiagonal\":0,"
                        + "\"lambdaIntercept\":0,\"objective\":0,\"iterations\":1,\"converged\":true}"));
    }
}
