package dev.entropic.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entropic.core.EmpiricalDistribution;
import dev.entropic.core.Rng;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class OnlineLogSinkhornTest {
    @Test
    void matchesDenseLogSinkhornWithoutAMatrix() {
        UniformRandomProvider rng = Rng.seeded(21);
        int n = 300; // more than one column block (256)
        EmpiricalDistribution x = EmpiricalDistribution.of(TransportPropertiesTest.cloud(rng, n, 3, 0),
                TransportPropertiesTest.weights(rng, n));
        EmpiricalDistribution y = EmpiricalDistribution.of(TransportPropertiesTest.cloud(rng, 270, 3, 0.5),
                TransportPropertiesTest.weights(rng, 270));
        double eps = 0.2;
        TransportResult dense = LogSinkhorn.withDefaults().withEpsilon(eps).withTolerance(1e-11)
                .solve(TransportProblem.between(x, y, GroundCost.squaredEuclidean()));
        for (int threads : new int[] {1, 2}) {
            OnlineLogSinkhorn.Result r = OnlineLogSinkhorn.withDefaults().withEpsilon(eps).withTolerance(1e-11)
                    .withParallelism(threads).solve(x, y, GroundCost.squaredEuclidean());
            assertTrue(r.converged());
            assertTrue(r.marginalError() <= 1e-11);
            assertEquals(dense.cost(), r.cost(), 1e-9);
            assertEquals(dense.objective(), r.objective(), 1e-9);
            double[] f1 = dense.sourcePotential();
            double[] f2 = r.sourcePotential();
            double[] g1 = dense.targetPotential();
            double[] g2 = r.targetPotential();
            double shift = f1[0] - f2[0];
            for (int i = 0; i < n; i++) {
                assertEquals(f1[i], f2[i] + shift, 1e-9);
            }
            for (int j = 0; j < g1.length; j++) {
                assertEquals(g1[j], g2[j] - shift, 1e-9);
            }
        }
    }

    @Test
    void userCostArgumentsStaySourceThenTarget() {
        // an asymmetric cost: c(x, y) = max(y − x, 0) on the line
        EmpiricalDistribution x = EmpiricalDistribution.ofValues(0, 1, 2);
        EmpiricalDistribution y = EmpiricalDistribution.ofValues(0.5, 3);
        GroundCost c = GroundCost.of((p, q) -> Math.max(q[0] - p[0], 0));
        TransportResult dense = LogSinkhorn.withDefaults().withEpsilon(0.1).withTolerance(1e-12).solve(TransportProblem.between(x, y, c));
        OnlineLogSinkhorn.Result r = OnlineLogSinkhorn.withDefaults().withEpsilon(0.1).withTolerance(1e-12).solve(x, y, c);
        assertEquals(dense.cost(), r.cost(), 1e-10);
    }
}
