package dev.entropic.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneVsRestTest {
    private static final int K = 4;

    private record Data(double[][] fit, int[] labels, double[][] query, double[][] expected) {
    }

    private static Data data() {
        List<double[]> fit = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<double[]> query = new ArrayList<>();
        List<double[]> expected = new ArrayList<>();
        for (String[] r : ReferenceData.rows("one_vs_rest.csv")) {
            if (r[0].equals("fit")) {
                labels.add(Integer.parseInt(r[1]));
                fit.add(parse(r, 2, K));
            } else {
                query.add(parse(r, 1, K));
                expected.add(parse(r, 1 + K, K));
            }
        }
        return new Data(fit.toArray(double[][]::new), labels.stream().mapToInt(Integer::intValue).toArray(),
                query.toArray(double[][]::new), expected.toArray(double[][]::new));
    }

    private static double[] parse(String[] r, int from, int count) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = Double.parseDouble(r[from + i]);
        }
        return v;
    }

    /** Per-class sklearn IsotonicRegression on logit(softmax) scores, rows normalised: one_vs_rest.py. */
    @Test
    void isotonicOneVsRestMatchesScikitLearn() {
        Data d = data();
        OneVsRestModel m = OneVsRest.fit((s, y) -> IsotonicCalibration.withDefaults().fit(s, y), d.fit(), d.labels(),
                ScoreInput.SCORE);
        double[][] p = m.predict(d.query());
        for (int i = 0; i < p.length; i++) {
            for (int c = 0; c < K; c++) {
                assertEquals(d.expected()[i][c], p[i][c], 1e-12, "row " + i + " class " + c);
            }
        }
    }

    @Test
    void probabilityInputGivesTheSameModelAsItsLogits() {
        Data d = data();
        double[][] probs = softmax(d.fit());
        OneVsRestModel fromLogits = OneVsRest.fit((s, y) -> PlattScaling.withDefaults().fit(s, y), d.fit(), d.labels(),
                ScoreInput.SCORE);
        OneVsRestModel fromProbs = OneVsRest.fit((s, y) -> PlattScaling.withDefaults().fit(s, y), probs, d.labels(),
                ScoreInput.PROBABILITY);
        double[][] a = fromLogits.predict(d.query());
        double[][] b = fromProbs.predict(softmax(d.query()));
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 1e-9);
            double s = 0;
            for (double v : b[i]) {
                s += v;
            }
            assertEquals(1.0, s, 1e-12);
        }
    }

    @Test
    void invariantToAConstantAddedToARowOfLogits() {
        Data d = data();
        OneVsRestModel m = OneVsRest.fit((s, y) -> HistogramBinning.withDefaults().withBins(8).fit(s, y), d.fit(),
                d.labels(), ScoreInput.SCORE);
        double[][] shifted = new double[d.query().length][];
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = d.query()[i].clone();
            for (int c = 0; c < K; c++) {
                shifted[i][c] += 3.5 * i - 40;
            }
        }
        double[][] a = m.predict(d.query());
        double[][] b = m.predict(shifted);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 1e-12);
        }
    }

    @Test
    void jsonRoundTripIsExact() {
        Data d = data();
        OneVsRestModel m = OneVsRest.fit((s, y) -> ScalingBinning.withDefaults().withBins(5).fit(s, y), d.fit(),
                d.labels(), ScoreInput.SCORE);
        String json = CalibrationJson.write(m);
        assertTrue(json.contains("\"method\":\"scaling-binning\"") && json.contains("\"multiclass\":\"one-vs-rest\""), json);
        CalibrationModel back = CalibrationJson.readModel(json);
        assertInstanceOf(OneVsRestModel.class, back);
        assertEquals(json, CalibrationJson.write(back));
        double[][] a = m.predict(d.query());
        double[][] b = back.predict(d.query());
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
    }

    @Test
    void badInputIsRejected() {
        Data d = data();
        int[] noClass3 = d.labels().clone();
        for (int i = 0; i < noClass3.length; i++) {
            noClass3[i] = noClass3[i] == 3 ? 0 : noClass3[i];
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OneVsRest.fit(
                (s, y) -> PlattScaling.withDefaults().fit(s, y), d.fit(), noClass3, ScoreInput.SCORE));
        assertTrue(e.getMessage().contains("class 3"), e.getMessage());
        double[][] binary = new double[][] {{0.1}, {0.9}};
        e = assertThrows(IllegalArgumentException.class, () -> OneVsRest.fit(
                (s, y) -> PlattScaling.withDefaults().fit(s, y), binary, new int[] {0, 1}, ScoreInput.SCORE));
        assertTrue(e.getMessage().contains("at least 2 columns"), e.getMessage());
        OneVsRestModel m = OneVsRest.fit((s, y) -> PlattScaling.withDefaults().fit(s, y), d.fit(), d.labels(),
                ScoreInput.SCORE);
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(new double[][] {{1, 2, 3}}));
        assertTrue(e.getMessage().contains("4 columns"), e.getMessage());
    }

    private static double[][] softmax(double[][] z) {
        double[][] p = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (double v : z[i]) {
                m = Math.max(m, v);
            }
            p[i] = new double[z[i].length];
            double s = 0;
            for (int c = 0; c < p[i].length; c++) {
                p[i][c] = Math.exp(z[i][c] - m);
                s += p[i][c];
            }
            for (int c = 0; c < p[i].length; c++) {
                p[i][c] /= s;
            }
        }
        return p;
    }
}
