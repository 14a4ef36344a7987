package dev.entropic.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entropic.core.Rng;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class IsotonicCalibrationTest {
    /** PAV means of 0/1 labels and numpy.interp are reproduced to rounding. */
    private static final double TOLERANCE = 1e-14;

    @Test
    void matchesScikitLearnIsotonicRegression() {
        List<double[]> s = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<double[]> grid = new ArrayList<>();
        List<Double> tx = new ArrayList<>();
        List<Double> ty = new ArrayList<>();
        for (String[] r : ReferenceData.rows("isotonic.csv")) {
            switch (r[0]) {
                case "fit" -> {
                    y.add(Integer.parseInt(r[1]));
                    s.add(new double[] {Double.parseDouble(r[2])});
                }
                case "grid" -> grid.add(new double[] {Double.parseDouble(r[1]), Double.parseDouble(r[2])});
                default -> {
                    tx.add(Double.parseDouble(r[1]));
                    ty.add(Double.parseDouble(r[2]));
                }
            }
        }
        IsotonicModel m = IsotonicCalibration.withDefaults()
                .fit(s.toArray(new double[0][]), y.stream().mapToInt(Integer::intValue).toArray());
        assertArrayEquals(tx.stream().mapToDouble(Double::doubleValue).toArray(), m.thresholds(), 0.0);
        assertArrayEquals(ty.stream().mapToDouble(Double::doubleValue).toArray(), m.values(), TOLERANCE);
        for (double[] g : grid) {
            assertEquals(g[1], m.predict(new double[][] {{g[0]}})[0][0], TOLERANCE, "at " + g[0]);
        }
    }

    @Test
    void outputIsMonotoneInTheScore() {
        qt().withExamples(50).forAll(longs().all()).checkAssert(seed -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            int n = 50;
            double[][] s = new double[n][1];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                s[i][0] = 4 * rng.nextDouble() - 2;
                y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-s[i][0])) ? 1 : 0;
            }
            IsotonicModel m = IsotonicCalibration.withDefaults().fit(s, y);
            double prev = -1;
            for (double t = -3; t <= 3; t += 0.01) {
                double p = m.predict(new double[][] {{t}})[0][0];
                assertTrue(p >= prev && p >= 0 && p <= 1);
                prev = p;
            }
        });
    }
}
