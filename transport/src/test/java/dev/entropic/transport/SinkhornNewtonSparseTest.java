package dev.entropic.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entropic.core.EmpiricalDistribution;
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

    /** Point clouds N(0, I) and N(shift, I) with random weights, squared Euclidean cost scaled to max 1. */
    static TransportProblem clouds(long seed, int n, int m, int d) {
        UniformRandomProvider rng = Rng.seeded(seed);
        CostMatrix c = CostMatrix.squaredEuclidean(EmpiricalDistribution.of(TransportPropertiesTest.cloud(rng, n, d, 0)),
                EmpiricalDistribution.of(TransportPropertiesTest.cloud(rng, m, d, 1))).normalizedByMax();
        return TransportProblem.of(TransportPropertiesTest.weights(rng, n), TransportPropertiesTest.weights(rng, m), c);
    }

    /** SNS and the log-domain Sinkhorn solve the same problem: plan, cost, objective, potentials up to the gauge. */
    static void assertSameSolution(TransportResult sk, TransportResult sns, double tol) {
        assertTrue(sk.converged(), "log sinkhorn did not converge");
        assertTrue(sns.converged(), "sns did not converge: " + sns.iterations() + " + " + sns.newtonIterations() + " iterations, error " + sns.marginalError());
        assertTrue(sns.marginalError() <= tol, "sns marginal error " + sns.marginalError());
        assertEquals(sk.cost(), sns.cost(), 1e-8);
        assertEquals(sk.objective(), sns.objective(), 1e-8);
        double[] p1 = sk.plan().toDenseArray();
        double[] p2 = sns.plan().toDenseArray();
        double l1 = 0;
        for (int k = 0; k < p1.length; k++) {
            l1 += Math.abs(p1[k] - p2[k]);
        }
        assertTrue(l1 <= 1e-7, "plan distance " + l1);
        double[] f1 = sk.sourcePotential();
        double[] f2 = sns.sourcePotential();
        double[] g1 = sk.targetPotential();
        double[] g2 = sns.targetPotential();
        double shift = f1[0] - f2[0];
        double scale = 1e-6 * (1 + Math.abs(f1[0]));
        for (int i = 0; i < f1.length; i++) {
            assertEquals(f1[i], f2[i] + shift, scale, "f[" + i + "]");
        }
        for (int j = 0; j < g1.length; j++) {
            assertEquals(g1[j], g2[j] - shift, scale, "g[" + j + "]");
        }
    }

    @Test
    void agreesWithLogSinkhornOnRandomCloudsAndWeights() {
        double[] epsilons = {0.1, 0.01, 0.003};
        qt().withFixedSeed(20261123L).withExamples(12).forAll(longs().all(), integers().between(0, 2)).checkAssert((seed, e) -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            TransportProblem p = clouds(seed, 5 + rng.nextInt(40), 5 + rng.nextInt(40), 1 + rng.nextInt(3));
            double eps = epsilons[e];
            TransportResult sk = LogSinkhorn.withDefaults().withEpsilon(eps).withTolerance(TOL).withMaxIterations(1_000_000).solve(p);
            TransportResult sns = SinkhornNewtonSparse.withDefaults().withEpsilon(eps).withTolerance(TOL).solve(p);
            assertSameSolution(sk, sns, TOL);
        });
    }

    @Test
    void largeProblemOnAllCoresWithSmallEpsilonMatchesLogSinkhorn() {
        // 300 × 300 ≥ 2^16 entries: row blocks, parallel sparse products, pattern reuse; ε = 2e-3 and a
        // single warm-up iteration make the Newton stage move the potentials far (absorptions)
        TransportProblem p = clouds(11, 300, 300, 2);
        double eps = 2e-3;
        TransportResult sk = LogSinkhorn.withDefaults().withEpsilon(eps).withTolerance(TOL).withMaxIterations(1_000_000).solve(p);
        TransportResult sns = SinkhornNewtonSparse.withDefaults().withEpsilon(eps).withTolerance(TOL).withWarmUpIterations(1).solve(p);
        assertSameSolution(sk, sns, TOL);
        assertEquals(1, sns.iterations());
        assertTrue(sns.newtonIterations() < 60, "newton steps " + sns.newtonIterations());
        TransportResult sns20 = SinkhornNewtonSparse.withDefaults().withEpsilon(eps).withTolerance(TOL).solve(p);
        assertSameSolution(sk, sns20, TOL);
        assertTrue(sk.iterations() > 10 * sns20.totalIterations(), "sinkhorn " + sk.iterations() + " vs " + sns20.totalIterations());
    }

    @Test
    void objectiveIsCostPlusEpsilonKullbackLeiblerOfThePlan() {
        // the result forms the objective from the potentials and marginals; check it against the plan
        TransportProblem p = clouds(5, 60, 45, 2);
        double eps = 0.005;
        TransportResult r = SinkhornNewtonSparse.withDefaults().withEpsilon(eps).withTolerance(TOL).solve(p);
        assertTrue(r.converged());
        assertTrue(r.newtonIterations() > 0);
        double[] plan = r.plan().toDenseArray();
        double[] a = p.sourceMasses();
        double[] b = p.targetMasses();
        double[] c = p.cost().toArray();
        assertEquals(PlanMath.dot(plan, c), r.cost(), 1e-14);
        assertEquals(PlanMath.dot(plan, c) + eps * PlanMath.klToProduct(plan, a, b), r.objective(), 1e-12);
        assertEquals(PlanMath.marginalError(plan, a, b), r.marginalError(), 1e-15);
    }

    @Test
    void zeroMassPointsAreExpandedAsLogSinkhornDoes() {
        TransportProblem base = clouds(8, 30, 25, 2);
        double[] a = base.sourceMasses();
        double[] b = base.targetMasses();
        a[3] = 0;
        b[0] = 0;
        b[24] = 0;
        normalise(a);
        normalise(b);
        TransportProblem p = TransportProblem.of(a, b, base.cost());
        double eps = 0.01;
        TransportResult sk = LogSinkhorn.withDefaults().withEpsilon(eps).withTolerance(TOL).solve(p);
        TransportResult sns = SinkhornNewtonSparse.withDefaults().withEpsilon(eps).withTolerance(TOL).withWarmUpIterations(2).solve(p);
        assertTrue(sns.newtonIterations() > 0);
        assertSameSolution(sk, sns, TOL);
        double[] plan = sns.plan().toDenseArray();
        for (int j = 0; j < 25; j++) {
            assertEquals(0.0, plan[3 * 25 + j]);
        }
    }

    private static void normalise(double[] w) {
        double s = 0;
        for (double x : w) {
            s += x;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= s;
        }
    }

    @Test
    void convergedFlagMatchesTheReportedError() {
        TransportProblem p = clouds(9, 40, 40, 2);
        for (int maxNewton = 1; maxNewton <= 6; maxNewton++) {
            TransportResult r = SinkhornNewtonSparse.withDefaults().withEpsilon(0.003).withTolerance(TOL).withWarmUpIterations(3)
                    .withMaxNewtonIterations(maxNewton).solve(p);
            assertEquals(r.marginalError() <= TOL, r.converged(), "after " + maxNewton + " Newton steps: " + r.marginalError());
            assertTrue(r.newtonIterations() <= maxNewton);
        }
    }

    @Test
    void epsilonScaledWarmUpReachesTheSameSolutionAndCountsAllStages() {
        TransportProblem p = clouds(21, 200, 180, 2);
        double eps = 2e-3;
        TransportResult sk = LogSinkhorn.withDefaults().withEpsilon(eps).withTolerance(TOL).withMaxIterations(1_000_000).solve(p);
        TransportResult plain = SinkhornNewtonSparse.withDefaults().withEpsilon(eps).withTolerance(TOL).solve(p);
        TransportResult scaled = SinkhornNewtonSparse.withDefaults().withEpsilon(eps).withTolerance(TOL).withWarmUpEpsilonScaling(4).solve(p);
        assertSameSolution(sk, scaled, TOL);
        assertEquals(20, scaled.iterations(), "N1 Sinkhorn iterations over all stages");
        assertTrue(scaled.newtonIterations() <= plain.newtonIterations(),
                "scaled " + scaled.newtonIterations() + " vs plain " + plain.newtonIterations());
        // fewer stages when N1 cannot give each stage an iteration and ε one
        TransportResult tiny = SinkhornNewtonSparse.withDefaults().withEpsilon(eps).withTolerance(TOL).withWarmUpIterations(3)
                .withWarmUpEpsilonScaling(10).solve(p);
        assertEquals(3, tiny.iterations());
        assertSameSolution(sk, tiny, TOL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SinkhornNewtonSparse.withDefaults().withWarmUpEpsilonScaling(-1));
        assertTrue(e.getMessage().contains("stages must be in [0, 30]: -1"), e.getMessage());
        assertEquals(0, SinkhornNewtonSparse.withDefaults().warmUpEpsilonScalingStages());
    }

    @Test
    void verySmallEpsilonStillConvergesThroughTheTighteningFallback() {
        // ε = 1e-4 on a cost with maximum 1: a nearly one-to-one plan, where the default sparsification
        // (δ = 1e-3, θ = 0.01) stalls; the stall guard and line-search fallback tighten it
        TransportProblem p = clouds(4, 120, 120, 2);
        double eps = 1e-4;
        TransportResult sk = LogSinkhorn.withDefaults().withEpsilon(eps).withTolerance(TOL).withMaxIterations(2_000_000).solve(p);
        TransportResult sns = SinkhornNewtonSparse.withDefaults().withEpsilon(eps).withTolerance(TOL).solve(p);
        assertSameSolution(sk, sns, TOL);
    }
}
