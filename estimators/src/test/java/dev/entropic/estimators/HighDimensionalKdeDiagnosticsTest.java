package dev.entropic.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entropic.core.Rng;
import dev.entropic.estimators.HighDimensionalKdeDiagnostics.Regime;
import dev.entropic.estimators.HighDimensionalKdeDiagnostics.WeightSummary;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

/**
 * The regimes of Biroli &amp; Mézard reproduced numerically: Gaussian data in d = 20 and 30 with
 * n = e^{αd}, kernel weights measured at fresh points x ~ N(0, I) on both sides of h_CLT and h_G.
 */
class HighDimensionalKdeDiagnosticsTest {
    static double[][] gaussian(UniformRandomProvider rng, int n, int d) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] y = new double[n][d];
        for (double[] row : y) {
            for (int j = 0; j < d; j++) {
                row[j] = g.sample();
            }
        }
        return y;
    }

    /** Mean over queries of {(1/d) ln N_eff, largest share}. */
    static double[] measure(double[][] data, double[][] queries, double h) {
        double logNeff = 0;
        double share = 0;
        for (double[] x : queries) {
            WeightSummary s = HighDimensionalKdeDiagnostics.weightsAt(x, data, h);
            logNeff += Math.log(s.effectiveNumber()) / x.length / queries.length;
            share += s.largestShare() / queries.length;
        }
        return new double[] {logNeff, share};
    }

    @Test
    void simulatedWeightsFollowThePredictedRegimes() {
        int[][] cases = {{20, 8}, {30, 9}}; // d, ln n → α = 0.4, 0.3
        for (int[] c : cases) {
            int d = c[0];
            int n = (int) Math.round(Math.exp(c[1]));
            double alpha = HighDimensionalKdeDiagnostics.alpha(n, d);
            UniformRandomProvider rng = Rng.seeded(2408_05807L + d);
            double[][] data = gaussian(rng, n, d);
            double[][] queries = gaussian(rng, 30, d);
            double hClt = HighDimensionalKdeDiagnostics.gaussianCentralLimitThreshold(alpha);
            double hG = HighDimensionalKdeDiagnostics.gaussianCondensationThreshold(alpha);
            double[] hs = {2 * hClt, hClt, Math.sqrt(hClt * hG), hG, 0.6 * hG};
            double[] shares = new double[hs.length];
            double[] rates = new double[hs.length];
            for (int i = 0; i < hs.length; i++) {
                double[] m = measure(data, queries, hs[i]);
                rates[i] = m[0];
                shares[i] = m[1];
                System.out.printf(Locale.ROOT,
                    "d=%d n=%d alpha=%.3f h=%.3f (%s, kappa=%.2f): (1/d)ln Neff %.3f predicted %.3f, largest share %.3f%n",
                    d, n, alpha, hs[i], HighDimensionalKdeDiagnostics.classify(hs[i], alpha),
                    HighDimensionalKdeDiagnostics.stableIndex(hs[i], alpha), m[0],
                    HighDimensionalKdeDiagnostics.predictedLogEffectiveNumberRate(hs[i], alpha), m[1]);
            }
            // CLT side: a large share of the n points contribute, no point dominates.
            assertTrue(Math.exp(rates[0] * d) > 0.05 * n, "CLT regime Neff " + Math.exp(rates[0] * d));
            assertTrue(shares[0] < 0.01, "CLT largest share " + shares[0]);
            // Measured rate close to the prediction in the CLT regime.
            assertEquals(HighDimensionalKdeDiagnostics.predictedLogEffectiveNumberRate(hs[0], alpha), rates[0], 0.03);
            // Extreme-value side: a handful of points, the largest carries a large share.
            assertTrue(Math.exp(rates[4] * d) < 3, "condensed Neff " + Math.exp(rates[4] * d));
            assertTrue(shares[4] > 0.5, "condensed largest share " + shares[4]);
            // Monotone crossover in between.
            for (int i = 1; i < hs.length; i++) {
                assertTrue(rates[i] < rates[i - 1] && shares[i] > shares[i - 1], "monotone at " + i);
            }
        }
    }

    @Test
    void thresholdsAreOrderedAndClassifyConsistently() {
        for (double alpha : new double[] {0.05, 0.2, 0.4, 1, 3}) {
            double hClt = HighDimensionalKdeDiagnostics.gaussianCentralLimitThreshold(alpha);
            double hG = HighDimensionalKdeDiagnostics.gaussianCondensationThreshold(alpha);
            // g_h(k) depends on k/h² only, so h_G = h_CLT/√2 exactly.
            assertEquals(hClt / Math.sqrt(2), hG, 1e-12 * hClt);
            assertEquals(alpha, HighDimensionalKdeDiagnostics.g(hClt, 2), 1e-12);
            assertEquals(2, HighDimensionalKdeDiagnostics.stableIndex(hClt, alpha), 1e-9);
            assertEquals(1, HighDimensionalKdeDiagnostics.stableIndex(hG, alpha), 1e-9);
            assertEquals(Regime.CENTRAL_LIMIT, HighDimensionalKdeDiagnostics.classify(1.01 * hClt, alpha));
            assertEquals(Regime.HEAVY_TAILED, HighDimensionalKdeDiagnostics.classify(0.99 * hClt, alpha));
            assertEquals(Regime.EXTREME_VALUE, HighDimensionalKdeDiagnostics.classify(0.99 * hG, alpha));
            // The paper's finding: the KL-optimal bandwidth lies below h_CLT.
            double hKl = HighDimensionalKdeDiagnostics.klOptimalBandwidth(alpha);
            assertTrue(hKl < hClt, "h_KL " + hKl + " h_CLT " + hClt);
            // Above h_G the rate is the closed-form KL(N(0,I) ‖ N(0,(1+h²)I))/d.
            double h = 1.5 * hG;
            assertEquals(0.5 * (Math.log1p(h * h) - h * h / (1 + h * h)), HighDimensionalKdeDiagnostics.klRate(h, alpha), 1e-12);
        }
    }

    @Test
    void weightSummaryBoundsAndValidation() {
        double[][] data = {{0, 0}, {0, 0}, {10, 10}};
        WeightSummary s = HighDimensionalKdeDiagnostics.weightsAt(new double[] {0, 0}, data, 1);
        assertEquals(2, s.effectiveNumber(), 1e-12);
        assertEquals(0.5, s.largestShare(), 1e-12);
        assertEquals(Math.log(2 + Math.exp(-100)), s.logSumWeights(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> HighDimensionalKdeDiagnostics.weightsAt(new double[] {0}, data, 1));
        assertThrows(IllegalArgumentException.class, () -> HighDimensionalKdeDiagnostics.weightsAt(new double[] {0, 0}, data, 0));
        assertThrows(IllegalArgumentException.class, () -> HighDimensionalKdeDiagnostics.classify(1, Double.NaN));
    }
}
