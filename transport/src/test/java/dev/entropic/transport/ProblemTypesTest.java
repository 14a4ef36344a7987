package dev.entropic.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entropic.core.EmpiricalDistribution;
import org.junit.jupiter.api.Test;

class ProblemTypesTest {
    private static final double EXACT = 1e-15;

    private final EmpiricalDistribution x = EmpiricalDistribution.of(new double[][] {{0, 0}, {1, 2}});
    private final EmpiricalDistribution y = EmpiricalDistribution.of(new double[][] {{3, 4}, {0, 1}, {-1, 0}});

    @Test
    void costMatricesAreRowMajor() {
        CostMatrix sq = CostMatrix.squaredEuclidean(x, y);
        assertEquals(2, sq.rows());
        assertEquals(3, sq.cols());
        assertArrayEquals(new double[] {25, 1, 1, 8, 2, 8}, sq.toArray(), EXACT);
        CostMatrix eu = CostMatrix.between(x, y, GroundCost.euclidean());
        assertEquals(5.0, eu.get(0, 0), EXACT);
        assertEquals(Math.sqrt(8), eu.get(1, 0), EXACT);
        CostMatrix l1 = CostMatrix.between(x, y, GroundCost.minkowski(1));
        assertEquals(7.0, l1.get(0, 0), EXACT);
        assertEquals(4.0, l1.get(1, 2), EXACT);
        CostMatrix l3 = CostMatrix.between(x, y, GroundCost.minkowski(3));
        assertEquals(Math.cbrt(27 + 64), l3.get(0, 0), 1e-14);
        CostMatrix user = CostMatrix.between(x, y, GroundCost.of((p, q) -> Math.abs(p[0] - q[0])));
        assertEquals(3.0, user.get(0, 0), EXACT);
        CostMatrix raw = CostMatrix.between(new double[] {0, 0, 1, 2}, new double[] {3, 4, 0, 1, -1, 0}, 2,
                GroundCost.squaredEuclidean());
        assertArrayEquals(sq.toArray(), raw.toArray(), EXACT);
        assertEquals(25.0, sq.max(), EXACT);
        assertEquals(1.0, sq.normalizedByMax().max(), EXACT);
        assertEquals(8.0, sq.transpose().get(0, 1), EXACT);
    }

    @Test
    void explicitMatrixIsCopiedAndValidated() {
        double[] c = {1, 2, 3, 4};
        CostMatrix m = CostMatrix.of(c, 2, 2);
        c[0] = 99;
        assertEquals(1.0, m.get(0, 0), EXACT);
        assertEquals(3.0, CostMatrix.of(new double[][] {{1, 2}, {3, 4}}).get(1, 0), EXACT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostMatrix.of(new double[] {1, Double.NaN}, 1, 2));
        assertTrue(e.getMessage().contains("cost[0][1] is not finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CostMatrix.of(new double[] {1, 2, 3}, 2, 2));
        assertTrue(e.getMessage().contains("expected rows·cols"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GroundCost.minkowski(0.5));
        assertTrue(e.getMessage().contains("minkowski p"), e.getMessage());
    }

    @Test
    void unequalMassIsRejectedByBalancedSolvers() {
        CostMatrix c = CostMatrix.of(new double[] {0, 1, 1, 0}, 2, 2);
        TransportProblem p = TransportProblem.of(new double[] {0.5, 0.5}, new double[] {0.5, 0.6}, c);
        assertFalse(p.isBalanced());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::requireBalanced);
        assertTrue(e.getMessage().contains("differ in total mass"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TransportProblem.of(new double[] {0.5, -0.5}, new double[] {0.5, 0.5}, c));
        assertTrue(e.getMessage().contains("a[1] is negative"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TransportProblem.of(new double[] {1}, new double[] {0.5, 0.5}, c));
        assertTrue(e.getMessage().contains("a and cost rows differ in length: 1 vs 2"), e.getMessage());
    }

    @Test
    void planAndResultAreImmutable() {
        TransportPlan sparse = TransportPlan.sparse(2, 3, new int[] {1, 0, 1}, new int[] {2, 0, 2}, new double[] {0.25, 0.5, 0.25});
        assertTrue(sparse.isSparse());
        assertEquals(2, sparse.storedEntries());
        assertEquals(0.5, sparse.get(1, 2), EXACT);
        assertEquals(0.0, sparse.get(1, 1), EXACT);
        assertArrayEquals(new double[] {0.5, 0, 0, 0, 0, 0.5}, sparse.toDenseArray(), EXACT);
        assertArrayEquals(new double[] {0.5, 0.5}, sparse.rowSums(), EXACT);
        assertEquals(0.0, sparse.marginalError(new double[] {0.5, 0.5}, new double[] {0.5, 0, 0.5}), EXACT);
        double[] f = {1, 2};
        TransportResult r = new TransportResult(TransportMethod.NETWORK_SIMPLEX, sparse, 1, 1, f, new double[3], 0, 1, 0, true, 0);
        f[0] = 7;
        assertEquals(1.0, r.sourcePotential()[0], EXACT);
        r.sourcePotential()[0] = 9;
        assertEquals(1.0, r.sourcePotential()[0], EXACT);
    }
}
