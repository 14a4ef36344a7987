package dev.entropic.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entropic.core.Rng;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class BinningCalibratorsTest {
    /** Platt parameters agree with sklearn to ~1e-9, which moves g values (and bin means) by less. */
    private static final double TOLERANCE = 1e-8;

    @Test
    void noSplitScalingBinningMatchesTheNumpyReference() {
        List<double[]> p = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<double[]> edges = new ArrayList<>();
        List<double[]> grid = new ArrayList<>();
        for (String[] r : ReferenceData.rows("scaling_binning.csv")) {
            double a = Double.parseDouble(r[1]);
            double b = Double.parseDouble(r[2]);
            switch (r[0]) {
                case "edge" -> edges.add(new double[] {a, b});
                case "row" -> {
                    y.add((int) a);
                    p.add(new double[] {b});
                }
                default -> grid.add(new double[] {a, b});
            }
        }
        BinnedModel m = ScalingBinning.withDefaults().withBins(10).withInput(ScoreInput.PROBABILITY)
                .fit(p.toArray(new double[0][]), y.stream().mapToInt(Integer::intValue).toArray());
        assertEquals(edges.size(), m.edges().length);
        for (int j = 0; j < edges.size(); j++) {
            assertEquals(edges.get(j)[0], m.edges()[j], TOLERANCE);
            assertEquals(edges.get(j)[1], m.outputs()[j], TOLERANCE);
        }
        for (double[] g : grid) {
            assertEquals(g[1], m.predict(new double[][] {{g[0]}})[0][0], TOLERANCE, "at " + g[0]);
        }
    }

    @Test
    void binningCalibratorsOutputAtMostBValuesAndScalingBinningIsMonotone() {
        qt().withExamples(40).forAll(longs().all(), integers().between(1, 12)).checkAssert((seed, bins) -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            int n = 120;
            double[][] s = new double[n][1];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = rng.nextInt(2);
                s[i][0] = Math.round(10 * (2 * y[i] - 1 + 2 * rng.nextDouble() - 1)) / 10.0;
            }
            BinnedModel h = HistogramBinning.withDefaults().withBins(bins).fit(s, y);
            BinnedModel sb = ScalingBinning.withDefaults().withBins(bins).fit(s, y);
            Set<Double> hv = new HashSet<>();
            Set<Double> sv = new HashSet<>();
            double prev = -1;
            for (double t = -4; t <= 4; t += 0.01) {
                double[][] q = {{t}};
                hv.add(h.predict(q)[0][0]);
                double v = sb.predict(q)[0][0];
                sv.add(v);
                assertTrue(v >= prev, "scaling-binning not monotone at " + t);
                prev = v;
            }
            assertTrue(hv.size() <= bins && sv.size() <= bins, hv.size() + " " + sv.size() + " > " + bins);
            // Histogram outputs are the positive fractions of the training points in each bin.
            double[][] fitted = h.predict(s);
            double[] e = h.edges();
            for (int j = 0; j < e.length; j++) {
                double pos = 0;
                int cnt = 0;
                for (int i = 0; i < n; i++) {
                    if (BinnedModel.bin(e, s[i][0]) == j) {
                        pos += y[i];
                        cnt++;
                        assertEquals(h.outputs()[j], fitted[i][0], 0.0);
                    }
                }
                assertEquals(pos / cnt, h.outputs()[j], 1e-15);
            }
        });
    }

    @Test
    void threeWaySplitUsesT3ForTheBinMeans() {
        double[][] t1 = {{-2}, {-1}, {0.5}, {1}, {2}, {-0.5}, {0}, {1.5}};
        int[] y1 = {0, 0, 1, 1, 1, 1, 0, 0};
        double[][] t2 = {{-1}, {1}};
        double[][] t3 = {{-3}, {3}};
        BinnedModel m = ScalingBinning.withDefaults().withBins(2).fit(t1, y1, t2, t3);
        PlattModel g = m.platt();
        double lowMean = g.predict(new double[][] {{-3}})[0][0];
        double highMean = g.predict(new double[][] {{3}})[0][0];
        assertEquals(lowMean, m.predict(new double[][] {{-1}})[0][0], 0.0);
        assertEquals(highMean, m.predict(new double[][] {{1}})[0][0], 0.0);
    }
}
