package dev.entropic.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entropic.core.Rng;
import java.io.InputStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** Mmd and EnergyDistance against numpy/scipy (reference/twosample.py), and the permutation test's laws. */
class TwoSampleTest {
    /** Sums of up to 1.7 M exponentials/square roots in a different order: agreement to rounding. */
    static final double TOL = 1e-12;

    static double[] flat(JsonNode n) {
        int d = n.get(0).size();
        double[] a = new double[n.size() * d];
        for (int i = 0; i < n.size(); i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] = n.get(i).get(j).asDouble();
            }
        }
        return a;
    }

    @Test
    void matchesNumpyAndScipy() throws Exception {
        JsonNode ref;
        try (InputStream in = TwoSampleTest.class.getResourceAsStream("/reference/twosample.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        int checked = 0;
        for (JsonNode c : ref.get("cases")) {
            int d = c.get("x").get(0).size();
            double[] x = flat(c.get("x"));
            double[] y = flat(c.get("y"));
            String msg = "d=" + d;
            assertEquals(c.get("median").asDouble(), Mmd.medianHeuristic(x, y, d), TOL, msg);
            assertEquals(c.get("mmd2u").asDouble(), Mmd.test(x, y, d, Double.NaN, 0, null).statistic(), TOL, msg);
            assertEquals(c.get("mmd2uBandwidth2").asDouble(), Mmd.unbiased(x, y, d, 2.0), TOL, msg);
            assertEquals(c.get("energy").asDouble(), EnergyDistance.statistic(x, y, d), TOL, msg);
            if (c.has("scipyEnergyDistance")) {
                assertEquals(c.get("scipyEnergyDistance").asDouble(), EnergyDistance.scipyDistance(x, y, d), TOL, msg);
            }
            checked++;
        }
        assertEquals(4, checked);
    }

    static double[] sample(UniformRandomProvider rng, int n, int d, double shift) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() + rng.nextDouble() + shift;
        }
        return x;
    }

    @Test
    void everyPermutedStatisticEqualsTheStatisticOfThePermutedSamples() {
        qt().withExamples(5).forAll(longs().all(), integers().between(1, 4)).checkAssert((seed, d) -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            int m = 20 + rng.nextInt(30);
            int n = 20 + rng.nextInt(30);
            double[] z = sample(rng, m + n, d, 0);
            double[][] labels = PairwiseSums.labels(m + n, m, 4, rng);
            double[][] sg = PairwiseSums.sums(z, d, PairwiseSums.GAUSSIAN, 0.5, labels);
            double[][] se = PairwiseSums.sums(z, d, PairwiseSums.DISTANCE, 0, labels);
            for (int b = 0; b < labels.length; b++) {
                double[] x = new double[m * d];
                double[] y = new double[n * d];
                int ix = 0;
                int iy = 0;
                for (int i = 0; i < m + n; i++) {
                    if (labels[b][i] != 0) {
                        System.arraycopy(z, i * d, x, d * ix++, d);
                    } else {
                        System.arraycopy(z, i * d, y, d * iy++, d);
                    }
                }
                assertEquals(m, ix);
                double mmd = sg[b][0] / (m * (m - 1.0)) + sg[b][1] / (n * (n - 1.0)) - 2 * sg[b][2] / ((double) m * n);
                double en = 2 * se[b][2] / ((double) m * n) - se[b][0] / ((double) m * m) - se[b][1] / ((double) n * n);
                assertEquals(Mmd.unbiased(x, y, d, 1.0), mmd, TOL, "seed=" + seed);
                assertEquals(EnergyDistance.statistic(x, y, d), en, TOL, "seed=" + seed);
            }
        });
    }

    @Test
    void oneDimensionalEnergyTestEqualsThePairwiseComputation() {
        qt().withExamples(6).forAll(longs().all()).checkAssert(seed -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            int m = 10 + rng.nextInt(30);
            int n = 10 + rng.nextInt(30);
            double[] x = sample(rng, m, 1, 0);
            double[] y = sample(rng, n, 1, 0.2);
            double[][] labels = PairwiseSums.labels(m + n, m, 49, Rng.seeded(seed + 1));
            double[][] s = PairwiseSums.sums(Mmd.pool(x, y), 1, PairwiseSums.DISTANCE, 0, labels);
            double[] stats = new double[labels.length];
            for (int b = 0; b < stats.length; b++) {
                stats[b] = 2 * s[b][2] / ((double) m * n) - s[b][0] / ((double) m * m) - s[b][1] / ((double) n * n);
            }
            TwoSampleResult r = EnergyDistance.test(x, y, 1, 49, Rng.seeded(seed + 1));
            assertEquals(stats[0], r.statistic(), TOL, "seed=" + seed);
            // p-values agree unless a permuted statistic ties the observed one within rounding
            int ge = 0;
            for (int b = 1; b < stats.length; b++) {
                if (stats[b] >= stats[0] - 1e-12) {
                    ge++;
                }
            }
            assertTrue(Math.abs((1.0 + ge) / 50 - r.pValue()) <= 1e-12 || ties(stats), "seed=" + seed);
        });
    }

    static boolean ties(double[] stats) {
        for (int b = 1; b < stats.length; b++) {
            if (Math.abs(stats[b] - stats[0]) < 1e-12) {
                return true;
            }
        }
        return false;
    }

    @Test
    void symmetricAndEnergyNonNegative() {
        qt().withExamples(10).forAll(longs().all(), integers().between(1, 5)).checkAssert((seed, d) -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            double[] x = sample(rng, 30 + rng.nextInt(40), d, 0);
            double[] y = sample(rng, 30 + rng.nextInt(40), d, 0.1);
            assertEquals(Mmd.unbiased(x, y, d, 0.7), Mmd.unbiased(y, x, d, 0.7), TOL);
            assertEquals(EnergyDistance.statistic(x, y, d), EnergyDistance.statistic(y, x, d), TOL);
            assertTrue(EnergyDistance.statistic(x, y, d) >= 0);
            assertEquals(0, EnergyDistance.statistic(x, x, d), TOL);
        });
    }

    /**
     * Under the null the permutation test has size ≤ α: 300 seeded null experiments at α = 0.05
     * reject between 0 and 27 times (27 = 300·0.05 + 3.9 binomial sd, one-sided bound 0.09).
     */
    @Test
    void permutationTestHasSizeAlphaUnderTheNull() {
        UniformRandomProvider rng = Rng.seeded(20261123L);
        int rejectMmd = 0;
        int rejectEnergy = 0;
        for (int t = 0; t < 300; t++) {
            double[] x = sample(rng, 25, 2, 0);
            double[] y = sample(rng, 30, 2, 0);
            if (Mmd.test(x, y, 2, Double.NaN, 99, rng).pValue() <= 0.05) {
                rejectMmd++;
            }
            if (EnergyDistance.test(x, y, 2, 99, rng).pValue() <= 0.05) {
                rejectEnergy++;
            }
        }
        assertTrue(rejectMmd <= 27 && rejectMmd >= 4, "MMD rejections " + rejectMmd);
        assertTrue(rejectEnergy <= 27 && rejectEnergy >= 4, "energy rejections " + rejectEnergy);
    }

    @Test
    void shiftedSamplesGiveTheSmallestPValueAndSeedsReplay() {
        UniformRandomProvider rng = Rng.seeded(5);
        double[] x = sample(rng, 60, 3, 0);
        double[] y = sample(rng, 50, 3, 1.0);
        TwoSampleResult r = Mmd.test(x, y, 3, Double.NaN, 199, Rng.seeded(1));
        assertEquals(1.0 / 200, r.pValue(), 0.0);
        assertEquals(1.0 / 200, EnergyDistance.test(x, y, 3, 199, Rng.seeded(1)).pValue(), 0.0);
        double[] y0 = sample(rng, 50, 3, 0);
        assertEquals(Mmd.test(x, y0, 3, 0.5, 99, Rng.seeded(9)), Mmd.test(x, y0, 3, 0.5, 99, Rng.seeded(9)));
        assertEquals(1.0, Mmd.test(x, y0, 3, 0.5, 0, null).pValue(), 0.0);
    }

    @Test
    void badInputIsRejectedWithTheRule() {
        double[] x = {1, 2, 3};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mmd.unbiased(x, new double[] {1}, 1, 1.0))
            .getMessage().contains("at least 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mmd.unbiased(x, x, 1, -1.0))
            .getMessage().contains("bandwidth"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mmd.medianHeuristic(new double[] {1, 1, 1}, new double[] {1, 1}, 1))
            .getMessage().contains("median"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnergyDistance.test(x, x, 1, -1, null))
            .getMessage().contains("permutations"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnergyDistance.test(x, x, 1, 5, null))
            .getMessage().contains("rng"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> EnergyDistance.statistic(new double[][] {{1, 2}}, new double[][] {{1}})).getMessage().contains("dimension"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnergyDistance.statistic(x, new double[] {Double.NaN}, 1))
            .getMessage().contains("not finite"));
    }
}
