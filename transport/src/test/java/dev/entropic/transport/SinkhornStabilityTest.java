package dev.entropic.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entropic.core.EmpiricalDistribution;
import dev.entropic.core.Rng;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class SinkhornStabilityTest {
    /** Sinkhorn at ε = 1e-4 converges linearly with a rate close to 1: a moderate tolerance. */
    private static final double TOL = 1e-6;

    static TransportProblem gaussianClouds(int n, long seed) {
        UniformRandomProvider rng = Rng.seeded(seed);
        double[][] x = new double[n][2];
        double[][] y = new double[n][2];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                x[i][k] = gaussian(rng);
                y[i][k] = gaussian(rng) + 1;
            }
        }
        CostMatrix c = CostMatrix.squaredEuclidean(EmpiricalDistribution.of(x), EmpiricalDistribution.of(y)).normalizedByMax();
        return TransportProblem.uniform(c);
    }

    static double gaussian(UniformRandomProvider rng) {
        return Math.sqrt(-2 * Math.log1p(-rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Test
    void logDomainConvergesAtEpsilonOneMinusFourWithoutUnderflow() {
        TransportProblem p = gaussianClouds(60, 1);
        // without ε-scaling, Sinkhorn at ε = 1e-4 is slow (not unstable): a moderate tolerance
        TransportResult plain = LogSinkhorn.withDefaults().withEpsilon(1e-4).withTolerance(1e-4).solve(p);
        TransportResult scaled = LogSinkhorn.withDefaults().withEpsilon(1e-4).withTolerance(TOL).withEpsilonScaling(0.5).solve(p);
        for (TransportResult r : new TransportResult[] {plain, scaled}) {
            assertTrue(r.converged(), r::toString);
            assertTrue(r.marginalError() <= 1e-4);
            assertTrue(Double.isFinite(r.objective()));
            for (double f : r.sourcePotential()) {
                assertTrue(Double.isFinite(f));
            }
        }
        assertTrue(scaled.marginalError() <= TOL);
        assertEquals(plain.cost(), scaled.cost(), 1e-4);
    }

    @Test
    void scalingDomainReportsUnderflowInsteadOfNaN() {
        TransportProblem p = gaussianClouds(40, 2);
        TransportResult r = Sinkhorn.withDefaults().withEpsilon(1e-4).solve(p);
        assertFalse(r.converged());
        assertTrue(Double.isFinite(r.cost()) && Double.isFinite(r.objective()) && Double.isFinite(r.marginalError()));
        for (double f : r.sourcePotential()) {
            assertFalse(Double.isNaN(f));
        }
    }

    @Test
    void nonConvergenceIsReported() {
        TransportProblem p = gaussianClouds(30, 3);
        TransportResult r = LogSinkhorn.withDefaults().withEpsilon(1e-3).withTolerance(1e-14).withMaxIterations(5).solve(p);
        assertFalse(r.converged());
        assertEquals(5, r.iterations());
        assertTrue(r.marginalError() > 1e-14);
    }

    @Test
    void badOptionsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogSinkhorn.withDefaults().withEpsilon(0));
        assertTrue(e.getMessage().contains("epsilon must be positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sinkhorn.withDefaults().withEpsilon(Double.NaN));
        assertTrue(e.getMessage().contains("epsilon must be positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sinkhorn.withDefaults().withTolerance(-1));
        assertTrue(e.getMessage().contains("tolerance must be positive"), e.getMessage());
    }

    @Test
    void zeroMassPointsAreHandled() {
        CostMatrix c = CostMatrix.of(new double[] {0, 1, 2, 1, 0, 1, 2, 1, 0}, 3, 3);
        TransportProblem p = TransportProblem.of(new double[] {0.5, 0, 0.5}, new double[] {0.25, 0.5, 0.25}, c);
        TransportResult r = LogSinkhorn.withDefaults().withEpsilon(0.05).withTolerance(1e-12).solve(p);
        assertTrue(r.converged());
        assertEquals(0.0, r.plan().get(1, 1), 0.0);
        assertTrue(Double.isFinite(r.sourcePotential()[1]));
        assertEquals(0.5, r.cost(), 1e-6);
    }
}
