package dev.entropic.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entropic.core.Rng;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class OverlapDiagnosticTest {
    /**
     * Two 1-D Gaussian classes N(∓μ, 1) with equal priors; the features are x, the model is an
     * over-confident logistic model with logits (0, 8·x).
     */
    private static OverlapDiagnostic.Result run(double mu, long seed) {
        UniformRandomProvider rng = Rng.seeded(seed);
        int n = 2000;
        double[][] x = new double[n][1];
        double[][] p = new double[n][2];
        int[] y = new int[n];
        org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian g =
                org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x[i][0] = g.sample() + (y[i] == 1 ? mu : -mu);
            double q = 1 / (1 + Math.exp(-8 * x[i][0]));
            p[i][0] = 1 - q;
            p[i][1] = q;
        }
        return OverlapDiagnostic.of(x, p, y, 25);
    }

    /** Well separated classes: no overlap, no warning; Bayes error Φ(−μ) ≈ 0. */
    @Test
    void separatedClassesRaiseNoWarning() {
        OverlapDiagnostic.Result r = run(5, 1);
        assertTrue(r.bayesErrorEstimate() < 0.005, r.toString());
        assertTrue(r.overlapFraction() < OverlapDiagnostic.OVERLAP_THRESHOLD, r.toString());
        assertFalse(r.warning(), r.toString());
    }

    /** Overlapping classes (μ = 0.5: Bayes error Φ(−0.5) = 0.3085) and an over-confident model: warning. */
    @Test
    void overlappingClassesWithAnOverconfidentModelWarn() {
        OverlapDiagnostic.Result r = run(0.5, 2);
        assertEquals(0.3085, r.bayesErrorEstimate(), 0.05, r.toString());
        assertTrue(r.overlapFraction() > 0.5, r.toString());
        assertTrue(r.confidenceGap() > OverlapDiagnostic.GAP_THRESHOLD, r.toString());
        assertTrue(r.warning(), r.toString());
    }

    @Test
    void badInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OverlapDiagnostic.of(new double[][] {{0, 1}, {1, 0}}, new int[] {0, 1}, 2));
        assertTrue(e.getMessage().contains("neighbours"), e.getMessage());
    }
}
