package dev.entropic.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entropic.core.Rng;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class CalibrationJsonTest {
    @Test
    void everyModelRoundTripsBitExactly() {
        qt().withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            int n = 80;
            double[][] s = new double[n][1];
            double[][] z = new double[n][3];
            int[] y = new int[n];
            int[] y3 = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = rng.nextInt(2);
                y3[i] = rng.nextInt(3);
                s[i][0] = (2 * y[i] - 1) + 2 * rng.nextDouble() - 1;
                for (int j = 0; j < 3; j++) {
                    z[i][j] = 3 * rng.nextDouble() + (j == y3[i] ? 1 : 0);
                }
            }
            Object[] models = {
                TemperatureScaling.withDefaults().fit(z, y3),
                PlattScaling.withDefaults().fit(s, y),
                IsotonicCalibration.withDefaults().fit(s, y),
                HistogramBinning.withDefaults().withBins(7).fit(s, y),
                ScalingBinning.withDefaults().withBins(7).fit(s, y),
            };
            for (Object m : models) {
                String json = CalibrationJson.write(m);
                Object back = CalibrationJson.read(json);
                assertEquals(json, CalibrationJson.write(back));
                double[][] input = m instanceof TemperatureScalingModel ? z : s;
                double[][] a = predict(m, input);
                double[][] b = predict(back, input);
                for (int i = 0; i < n; i++) {
                    assertArrayEquals(a[i], b[i], 0.0);
                }
            }
            TemperatureScalingModel t = (TemperatureScalingModel) models[0];
            assertEquals(t, CalibrationJson.read(CalibrationJson.write(t)));
            assertEquals(Double.doubleToLongBits(t.temperature()),
                    Double.doubleToLongBits(((TemperatureScalingModel) CalibrationJson.read(CalibrationJson.write(t)))
                            .temperature()));
        });
    }

    private static double[][] predict(Object m, double[][] x) {
        if (m instanceof TemperatureScalingModel t) {
            return t.predict(x);
        } else if (m instanceof PlattModel p) {
            return p.predict(x);
        } else if (m instanceof IsotonicModel i) {
            return i.predict(x);
        }
        return ((BinnedModel) m).predict(x);
    }

    @Test
    void writesTheDocumentedKeysAndRejectsBadFiles() {
        String json = CalibrationJson.write(new TemperatureScalingModel(1.83, ScoreInput.SCORE, false, 5, true));
        assertEquals("{\"method\":\"temperature\",\"version\":1,\"input\":\"score\",\"temperature\":1.83,"
                + "\"binary\":false,\"iterations\":5,\"converged\":true}", json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CalibrationJson.read("{"));
        assertTrue(e.getMessage().startsWith("json is not valid JSON"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CalibrationJson.read(
                "{\"method\":\"nope\",\"version\":1,\"input\":\"score\"}"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CalibrationJson.read(
                "{\"method\":\"temperature\",\"version\":1,\"input\":\"score\",\"temperature\":-1,"
                        + "\"binary\":false,\"iterations\":5,\"converged\":true}"));
        assertTrue(e.getMessage().contains("temperature"), e.getMessage());
    }
}
