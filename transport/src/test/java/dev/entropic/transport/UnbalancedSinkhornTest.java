package dev.entropic.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UnbalancedSinkhornTest {
    /** Plan entries vs POT (both iterated to a fixed point at ~1e-15). */
    private static final double PLAN_ATOL = 1e-11;

    static Stream<JsonNode> cases() {
        return PotReference.cases("unbalanced").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPotSinkhornUnbalancedWithShiftedCost(JsonNode c) {
        TransportProblem p = PotReference.problem(c);
        double eps = c.get("reg").asDouble();
        double[] a = p.sourceMasses();
        double[] b = p.targetMasses();
        int n = a.length;
        int m = b.length;
        double[] shifted = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                shifted[i * m + j] = p.cost().get(i, j) + eps * Math.log(a[i] * b[j]);
            }
        }
        TransportResult r = UnbalancedSinkhorn.withDefaults().withEpsilon(eps).withMarginalRelaxation(c.get("reg_m").asDouble())
                .withTolerance(1e-14).solve(p.withCost(CostMatrix.of(shifted, n, m)));
        assertTrue(r.converged());
        double[] plan = r.plan().toDenseArray();
        double[] ref = PotReference.vector(c.get("plan"));
        for (int k = 0; k < plan.length; k++) {
            assertEquals(ref[k], plan[k], PLAN_ATOL, "plan[" + k + "]");
        }
    }

    @Test
    void growingRelaxationApproachesBalancedTransport() {
        TransportProblem p = SinkhornStabilityTest.gaussianClouds(20, 9);
        TransportResult balanced = LogSinkhorn.withDefaults().withEpsilon(0.05).withTolerance(1e-12).solve(p);
        double previousError = Double.POSITIVE_INFINITY;
        double previousGap = Double.POSITIVE_INFINITY;
        for (double rho : new double[] {1, 10, 100}) {
            TransportResult r = UnbalancedSinkhorn.withDefaults().withEpsilon(0.05).withMarginalRelaxation(rho)
                    .withTolerance(1e-10).withMaxIterations(1_000_000).solve(p);
            assertTrue(r.converged());
            double gap = Math.abs(balanced.objective() - r.objective());
            assertTrue(r.marginalError() < previousError, "rho " + rho);
            assertTrue(gap < previousGap, "rho " + rho);
            previousError = r.marginalError();
            previousGap = gap;
        }
        assertTrue(previousError < 1e-2);
    }

    @Test
    void acceptsUnequalMass() {
        CostMatrix c = CostMatrix.of(new double[] {0, 1, 1, 0}, 2, 2);
        TransportProblem p = TransportProblem.of(new double[] {1, 1}, new double[] {0.5, 0.5}, c);
        TransportResult r = UnbalancedSinkhorn.withDefaults().solve(p);
        assertTrue(r.converged());
        double mass = r.plan().mass();
        assertTrue(mass > 1 && mass < 2, "mass " + mass);
    }
}
