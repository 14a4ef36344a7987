package dev.entropic.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entropic.divergences.Divergence;
import dev.entropic.divergences.DivergenceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Non-negativity, identity of indiscernibles, symmetry, and hellinger² = squared-hellinger. */
class IdentityAndSymmetryPropertiesTest {
    static final int TRIES_IDENTITY = 400;
    static final int TRIES_SYMMETRY = 600;
    static final int TRIES_HELLINGER = 600;
    /** Differences above this are far from underflow: every kind's summand is then ≥ 1e-280 > 0. */
    static final double DISTINGUISHABLE = 1e-140;

    private static final List<Divergence> ALL = Inputs.allDivergences();

    /**
     * For every kind: D(p‖q) ≥ 0 (and never NaN), D(p‖p) = D(q‖q) = 0 exactly, and D(p‖q) &gt; 0 when
     * p and q differ by more than {@link #DISTINGUISHABLE} somewhere (renyi of order 0 excepted: it
     * is 0 whenever supp q ⊆ supp p).
     */
    @Test
    void nonNegativeAndZeroExactlyAtIdentity() {
        Inputs.qt(TRIES_IDENTITY).forAll(Inputs.pairs()).checkAssert(v -> {
            double[] p = v.get(0);
            double[] q = v.get(1);
            double maxDiff = 0;
            for (int i = 0; i < p.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(p[i] - q[i]));
            }
            for (Divergence d : ALL) {
                double pq = d.between(p, q);
                assertTrue(pq >= 0, () -> d + "(p‖q) = " + pq);
                assertEquals(0.0, d.between(p, p), 0.0, () -> d + "(p‖p)");
                assertEquals(0.0, d.between(q, q), 0.0, () -> d + "(q‖q)");
                boolean renyiZero = d.kind() == DivergenceKind.RENYI && d.alpha() == 0;
                if (maxDiff > DISTINGUISHABLE && !renyiZero) {
                    double m = maxDiff;
                    assertTrue(pq > 0, () -> d + "(p‖q) = " + pq + " although max|p−q| = " + m);
                }
            }
        });
    }

    /** D(p‖q) = D(q‖p) for js, hellinger, squared-hellinger, tv, jeffreys, triangular (to 2 ulps). */
    @Test
    void symmetricKindsAreSymmetric() {
        List<Divergence> symmetric = ALL.stream().filter(d -> d.kind().isSymmetric()).toList();
        assertEquals(6, symmetric.size());
        Inputs.qt(TRIES_SYMMETRY).forAll(Inputs.pairs()).checkAssert(v -> {
            for (Divergence d : symmetric) {
                double pq = d.between(v.get(0), v.get(1));
                double qp = d.between(v.get(1), v.get(0));
                assertEquals(pq, qp, 2 * Math.ulp(pq), () -> d + " is not symmetric");
            }
        });
    }

    /** hellinger(p, q)² = squared-hellinger(p, q) (to 4 ulps: one square root, one square), both ≤ 1. */
    @Test
    void hellingerSquaredIsSquaredHellinger() {
        Divergence h = Divergence.of(DivergenceKind.HELLINGER);
        Divergence h2 = Divergence.of(DivergenceKind.SQUARED_HELLINGER);
        Inputs.qt(TRIES_HELLINGER).forAll(Inputs.pairs()).checkAssert(v -> {
            double a = h.between(v.get(0), v.get(1));
            double b = h2.between(v.get(0), v.get(1));
            assertEquals(b, a * a, 4 * Math.ulp(b), "hellinger² vs squared-hellinger");
            // ≤ 1 up to the rounding of ½(Σp + Σq) = 1 for disjoint supports.
            assertTrue(a <= 1 + 4 * Math.ulp(1.0) && b <= 1 + 4 * Math.ulp(1.0), "hellinger ≤ 1");
        });
    }
}
