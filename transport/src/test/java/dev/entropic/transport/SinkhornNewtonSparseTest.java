package dev.entropic.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entropic.core.Rng;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class SinkhornNewtonSparseTest {
    private static final double TOL = 1e-10;

    /** The paper's random assignment problem: C_ij ~ U[0,1] i.i.d., uniform marginals. */
    static TransportProblem randomAssignment(int n, long seed) {
        UniformRandomProvider rng = Rng.seeded(seed);
        double[] c = new double[n * n];
        for (int k = 0; k < c.length; k++) {
            c[k] = rng.nextDouble();
        }
        return TransportProblem.uniform(CostMatrix.of(c, n, n));
    }

    @Test
    void reachesTheLogSinkhornSolutionInFarFewerIterations() {
        TransportProblem p = randomAssignment(80, 3);
        double eps = 1.0 / 300;
        TransportResult sns = SinkhornNewtonSparse.withDefaults().withEpsilon(eps).withTolerance(TOL).solve(p);
        TransportResult sk = LogSinkhorn.withDefaults().withEpsilon(eps).withTolerance(TOL).solve(p);
        assertTrue(sns.converged());
        assertTrue(sk.converged());
        assertEquals(20, sns.iterations(), "warm-up Sinkhorn iterations");
        assertTrue(sns.newtonIterations() > 0 && sns.newtonIterations() < 50, "newton steps " + sns.newtonIterations());
        assertTrue(sk.iterations() > 10 * sns.totalIterations(), "sinkhorn " + sk.iterations());
        assertTrue(sns.marginalError() <= TOL);
        assertEquals(sk.cost(), sns.cost(), 1e-9);
        assertEquals(sk.objective(), sns.objective(), 1e-9);
        double[] a = sk.plan().toDenseArray();
        double[] b = sns.plan().toDenseArray();
        double l1 = 0;
        for (int k = 0; k < a.length; k++) {
            l1 += Math.abs(a[k] - b[k]);
        }
        assertTrue(l1 <= 1e-8, "plan distance " + l1);
        // potentials agree up to the gauge (f + t, g − t)
        double[] f1 = sk.sourcePotential();
        double[] f2 = sns.sourcePotential();
        double[] g1 = sk.targetPotential();
        double[] g2 = sns.targetPotential();
        double shift = f1[0] - f2[0];
        for (int i = 0; i < f1.length; i++) {
            assertEquals(f1[i], f2[i] + shift, 1e-8);
        }
        for (int j = 0; j < g1.length; j++) {
            assertEquals(g1[j], g2[j] - shift, 1e-8);
        }
    }

    @Test
    void nonConvergenceIsReportedWithBothCounts() {
        TransportProblem p = randomAssignment(40, 4);
        TransportResult r = SinkhornNewtonSparse.withDefaults().withEpsilon(1e-3).withTolerance(1e-15).withWarmUpIterations(5)
                .withMaxNewtonIterations(2).solve(p);
        assertEquals(5, r.iterations());
        assertTrue(r.newtonIterations() <= 2);
        assertTrue(!r.converged());
        assertTrue(Double.isFinite(r.cost()) && Double.isFinite(r.marginalError()));
    }

    @Test
    void optionsAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SinkhornNewtonSparse.withDefaults().withSparsity(0));
        assertTrue(e.getMessage().contains("sparsity must be positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SinkhornNewtonSparse.withDefaults().withWarmUpIterations(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }
}
