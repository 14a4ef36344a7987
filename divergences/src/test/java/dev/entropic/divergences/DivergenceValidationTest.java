package dev.entropic.divergences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.entropic.core.DiscreteDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input is rejected at the door with an {@link IllegalArgumentException} naming the argument and the rule. */
class DivergenceValidationTest {
    private static final double[] GOOD = {0.2, 0.3, 0.5};

    private static void rejects(String expectedMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void negativeMass() {
        rejects("p[1] is negative: -0.1", () -> Divergence.kl().between(new double[] {0.5, -0.1, 0.6}, GOOD));
        rejects("q[2] is negative: -0.5", () -> Divergence.kl().between(GOOD, new double[] {0.5, 1.0, -0.5}));
    }

    @Test
    void nanMass() {
        rejects("q[1] is NaN", () -> Divergence.of(DivergenceKind.TV).between(new double[] {0.5, 0.5}, new double[] {0.5, Double.NaN}));
        rejects("p[0] is NaN", () -> Divergence.renyi(2).between(new double[] {Double.NaN, 1}, new double[] {0.5, 0.5}));
    }

    @Test
    void infiniteMass() {
        rejects("p[0] is infinite", () -> Divergence.kl().between(new double[] {Double.POSITIVE_INFINITY, 0}, new double[] {0.5, 0.5}));
        rejects("q[1] is negative: -Infinity",
                () -> Divergence.kl().between(new double[] {0.5, 0.5}, new double[] {1, Double.NEGATIVE_INFINITY}));
    }

    @Test
    void lengthMismatch() {
        rejects("p and q differ in length: 3 vs 2", () -> Divergence.kl().between(GOOD, new double[] {0.5, 0.5}));
        rejects("p and q differ in length: 2 vs 3", () -> Divergence.of(DivergenceKind.JS)
                .between(DiscreteDistribution.uniform(2), DiscreteDistribution.ofProbabilities(GOOD)));
    }

    @Test
    void notSummingToOne() {
        rejects("p must sum to 1 (within 1.0E-9): sums to 1.1", () -> Divergence.kl().between(new double[] {0.5, 0.6}, new double[] {0.5, 0.5}));
        rejects("q must sum to 1 (within 1.0E-9): sums to 0.9", () -> Divergence.kl().between(new double[] {0.5, 0.5}, new double[] {0.5, 0.4}));
        rejects("q has zero total mass", () -> Divergence.kl().between(new double[] {0.5, 0.5}, new double[] {0, 0}));
    }

    @Test
    void emptyOrNull() {
        rejects("p is empty", () -> Divergence.kl().between(new double[0], new double[0]));
        rejects("q is null", () -> Divergence.kl().between(GOOD, (double[]) null));
        rejects("p is null", () -> Divergence.kl().between((DiscreteDistribution) null, DiscreteDistribution.uniform(2)));
    }

    @Test
    void unknownKind() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Divergence.of("kullback", Double.NaN));
        assertEquals("kind 'kullback' is unknown; known kinds: kl, reverse-kl, js, squared-hellinger, hellinger, tv, chi2, "
                + "neyman-chi2, jeffreys, triangular, alpha, renyi", e.getMessage());
        rejects("kind is null", () -> DivergenceKind.fromName(null));
        rejects("kind 'KL' is unknown; known kinds: kl, reverse-kl, js, squared-hellinger, hellinger, tv, chi2, "
                + "neyman-chi2, jeffreys, triangular, alpha, renyi", () -> Divergence.of("KL", Double.NaN));
    }

    @Test
    void badOrder() {
        rejects("kind alpha needs an order alpha", () -> Divergence.of(DivergenceKind.ALPHA));
        rejects("kind kl takes no alpha (got 0.5)", () -> Divergence.of(DivergenceKind.KL, 0.5));
        rejects("alpha must be finite: NaN", () -> Divergence.of("alpha", Double.NaN));
        rejects("alpha must be finite: Infinity", () -> Divergence.alpha(Double.POSITIVE_INFINITY));
        rejects("alpha must be non-negative for renyi: -0.5", () -> Divergence.renyi(-0.5));
    }

    @Test
    void badArgumentsOfTheGenerator() {
        Divergence kl = Divergence.kl();
        rejects("r must be non-negative: -1.0", () -> kl.generator(-1));
        rejects("r must be non-negative: NaN", () -> kl.generator(Double.NaN));
        rejects("r must be non-negative: -0.5", () -> kl.gradientWeight(-0.5));
        rejects("t is NaN", () -> kl.conjugate(Double.NaN));
    }

    @Test
    void callersArraysAreNotModified() {
        double[] p = {0.1, 0.2, 0.7};
        double[] q = {0.3, 0.3, 0.4};
        double[] pCopy = p.clone();
        double[] qCopy = q.clone();
        for (DivergenceKind k : DivergenceKind.values()) {
            Divergence.of(k.cliName(), 0.5).between(p, q);
        }
        assertArrayEquals(pCopy, p, 0);
        assertArrayEquals(qCopy, q, 0);
    }
}
