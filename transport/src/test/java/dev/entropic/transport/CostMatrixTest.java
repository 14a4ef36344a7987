package dev.entropic.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entropic.core.Rng;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** The cost matrix fill (row blocks on all cores above 2^16 entries) against the defining formula. */
class CostMatrixTest {
    private static double[] points(UniformRandomProvider rng, int n, int d) {
        double[] x = new double[n * d];
        for (int k = 0; k < x.length; k++) {
            x[k] = 4 * rng.nextDouble() - 2;
        }
        return x;
    }

    @Test
    void largeFillsEqualTheFormulaEntryByEntry() {
        UniformRandomProvider rng = Rng.seeded(17);
        for (int d : new int[] {1, 2, 3}) {
            int n = 300;
            int m = 257;
            double[] x = points(rng, n, d);
            double[] y = points(rng, m, d);
            for (GroundCost cost : new GroundCost[] {GroundCost.squaredEuclidean(), GroundCost.euclidean(), GroundCost.minkowski(1)}) {
                CostMatrix c = CostMatrix.between(x, y, d, cost);
                double mx = Double.NEGATIVE_INFINITY;
                double mn = Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        double s = 0;
                        double l1 = 0;
                        for (int k = 0; k < d; k++) {
                            double t = x[i * d + k] - y[j * d + k];
                            s += t * t;
                            l1 += Math.abs(t);
                        }
                        double want = cost == GroundCost.squaredEuclidean() ? s : cost == GroundCost.euclidean() ? Math.sqrt(s) : l1;
                        assertEquals(want, c.get(i, j), 1e-12 * (1 + want));
                        mx = Math.max(mx, c.get(i, j));
                        mn = Math.min(mn, c.get(i, j));
                    }
                }
                assertEquals(mx, c.max());
                assertEquals(mn, c.min());
                CostMatrix scaled = c.normalizedByMax();
                assertEquals(1.0, scaled.max(), 1e-15);
                assertEquals(mn / mx, scaled.min(), 1e-15);
                assertEquals(c.get(123, 45) / mx, scaled.get(123, 45), 1e-15);
            }
        }
    }

    @Test
    void overflowingLargeFillIsRejectedWithTheEntry() {
        double[] x = new double[300];
        double[] y = new double[300];
        x[7] = 1e200;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CostMatrix.between(x, y, 1, GroundCost.squaredEuclidean()));
        assertTrue(e.getMessage().contains("cost[7][0] is not finite"), e.getMessage());
        CostMatrix big = CostMatrix.between(new double[300], new double[300], 1, GroundCost.squaredEuclidean());
        assertEquals(0.0, big.max());
        e = assertThrows(IllegalArgumentException.class, () -> CostMatrix.of(new double[] {1, 2, Double.NaN, 4}, 2, 2));
        assertTrue(e.getMessage().contains("cost[1][0] is not finite"), e.getMessage());
    }
}
