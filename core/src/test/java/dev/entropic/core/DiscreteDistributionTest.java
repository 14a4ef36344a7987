package dev.entropic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DiscreteDistributionTest {
    private static void rejects(String message, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void validatesAtConstruction() {
        rejects("probabilities[1] is negative: -0.1", () -> DiscreteDistribution.ofProbabilities(0.6, -0.1, 0.5));
        rejects("probabilities[0] is NaN", () -> DiscreteDistribution.ofProbabilities(Double.NaN, 1));
        rejects("probabilities[1] is infinite", () -> DiscreteDistribution.ofProbabilities(0, Double.POSITIVE_INFINITY));
        rejects("probabilities is empty", () -> DiscreteDistribution.ofProbabilities());
        rejects("must sum to 1", () -> DiscreteDistribution.ofProbabilities(0.5, 0.5 + 1e-8));
        rejects("weights has zero total mass", () -> DiscreteDistribution.ofWeights(0, 0));
        rejects("logWeights[1] is NaN", () -> DiscreteDistribution.ofLogWeights(0, Double.NaN));
        rejects("logWeights has zero total mass",
                () -> DiscreteDistribution.ofLogWeights(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    @Test
    void acceptsSumsWithinTolerance() {
        DiscreteDistribution d = DiscreteDistribution.ofProbabilities(0.5, 0.5 + 5e-10);
        assertEquals(1.0, d.probability(0) + d.probability(1), 1e-16);
    }

    @Test
    void normalisesWeightsAndLogWeights() {
        DiscreteDistribution w = DiscreteDistribution.ofWeights(1, 3);
        assertArrayEquals(new double[] {0.25, 0.75}, w.probabilities(), 1e-16);
        DiscreteDistribution l = DiscreteDistribution.ofLogWeights(-1000, -1000 + Math.log(3), Double.NEGATIVE_INFINITY);
        // -1000 + ln 3 is itself rounded (absolute error ~1e-13), which bounds the accuracy here
        assertArrayEquals(new double[] {0.25, 0.75, 0}, l.probabilities(), 1e-12);
        assertEquals(Math.log(0.25), l.logProbability(0), 1e-14);
        // log-probabilities far below the double range are kept exactly
        DiscreteDistribution tiny = DiscreteDistribution.ofLogWeights(0, -2000);
        assertEquals(-2000, tiny.logProbability(1), 1e-12);
        assertEquals(0, tiny.probability(1));
    }

    @Test
    void entropyMatchesScipy() {
        // scipy.stats.entropy([0.1, 0.2, 0.3, 0.4]) = 1.2798542258336676
        DiscreteDistribution d = DiscreteDistribution.ofProbabilities(0.1, 0.2, 0.3, 0.4);
        assertEquals(1.2798542258336676, d.entropy(), 1e-15);
        assertEquals(0, DiscreteDistribution.ofProbabilities(0, 1, 0).entropy());
        assertEquals(Math.log(7), DiscreteDistribution.uniform(7).entropy(), 1e-15);
    }

    @Test
    void samplingIsSeededAndFollowsTheLaw() {
        DiscreteDistribution d = DiscreteDistribution.ofProbabilities(0.1, 0.0, 0.6, 0.3);
        int n = 50000;
        int[] a = d.sample(Rng.seeded(3), n);
        int[] b = d.sample(Rng.seeded(3), n);
        assertArrayEquals(a, b);
        int[] counts = new int[4];
        for (int x : a) {
            counts[x]++;
        }
        assertEquals(0, counts[1]);
        for (int i = 0; i < 4; i++) {
            double p = d.probability(i);
            assertEquals(p, counts[i] / (double) n, 5 * Math.sqrt(p * (1 - p) / n) + 1e-12, "frequency " + i);
        }
    }

    @Test
    void doesNotAliasTheCallersArray() {
        double[] p = {0.5, 0.5};
        DiscreteDistribution d = DiscreteDistribution.ofProbabilities(p);
        p[0] = 7;
        assertEquals(0.5, d.probability(0));
        d.probabilities()[1] = 3;
        assertEquals(0.5, d.probability(1));
    }
}
