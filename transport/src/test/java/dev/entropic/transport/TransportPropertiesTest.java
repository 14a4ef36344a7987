package dev.entropic.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entropic.core.EmpiricalDistribution;
import dev.entropic.core.Rng;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * Laws of optimal transport, checked on random small problems. Each case is built from a generated
 * seed (QuickTheories prints it on failure), so a failure replays with {@code Rng.seeded(seed)}; the
 * generator itself has a fixed seed so that CI runs are reproducible.
 */
class TransportPropertiesTest {
    private static final int EXAMPLES = 40;
    /** Marginal tolerance of the entropic solves in these properties. */
    private static final double TOL = 1e-10;
    /** Rounding slack for exact-solver identities (costs are O(10)). */
    private static final double EXACT_SLACK = 1e-10;

    static double[][] cloud(UniformRandomProvider rng, int n, int d, double shift) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = SinkhornStabilityTest.gaussian(rng) + shift;
            }
        }
        return x;
    }

    static double[] weights(UniformRandomProvider rng, int n) {
        double[] w = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 0.05 + rng.nextDouble();
            s += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= s;
        }
        return w;
    }

    static TransportProblem randomProblem(long seed) {
        UniformRandomProvider rng = Rng.seeded(seed);
        int n = 2 + rng.nextInt(12);
        int m = 2 + rng.nextInt(12);
        int d = 1 + rng.nextInt(3);
        CostMatrix c = CostMatrix.squaredEuclidean(EmpiricalDistribution.of(cloud(rng, n, d, 0)),
                EmpiricalDistribution.of(cloud(rng, m, d, rng.nextDouble())));
        return TransportProblem.of(weights(rng, n), weights(rng, m), c);
    }

    static double w2(EmpiricalDistribution x, EmpiricalDistribution y) {
        return Math.sqrt(Math.max(0, NetworkSimplex.withDefaults().solve(TransportProblem.between(x, y, GroundCost.squaredEuclidean())).cost()));
    }

    static EmpiricalDistribution randomCloud(UniformRandomProvider rng, int d) {
        int n = 2 + rng.nextInt(8);
        return EmpiricalDistribution.of(cloud(rng, n, d, rng.nextDouble() * 2), weights(rng, n));
    }

    @Test
    void planMarginalsEqualAAndB() {
        qt().withFixedSeed(20261122L).withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            TransportProblem p = randomProblem(seed);
            TransportResult exact = NetworkSimplex.withDefaults().solve(p);
            assertTrue(exact.marginalError() <= 1e-14, "exact marginals");
            TransportResult ent = LogSinkhorn.withDefaults().withEpsilon(0.05 * p.cost().max()).withTolerance(TOL).solve(p);
            assertTrue(ent.converged());
            assertTrue(ent.plan().marginalError(p.sourceMasses(), p.targetMasses()) <= TOL);
        });
    }

    @Test
    void wassersteinIsSymmetricZeroOnEqualInputsAndSatisfiesTriangleInequality() {
        qt().withFixedSeed(20261122L).withExamples(EXAMPLES).forAll(longs().all(), integers().between(1, 3)).checkAssert((seed, d) -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            EmpiricalDistribution x = randomCloud(rng, d);
            EmpiricalDistribution y = randomCloud(rng, d);
            EmpiricalDistribution z = randomCloud(rng, d);
            double xy = w2(x, y);
            assertEquals(xy, w2(y, x), EXACT_SLACK);
            assertEquals(0.0, w2(x, x), 1e-6); // sqrt of a rounding-level cost
            assertTrue(xy <= w2(x, z) + w2(z, y) + 1e-9);
        });
    }

    @Test
    void squaredW2SplitsIntoCentredPartPlusMeanShift() {
        qt().withFixedSeed(20261122L).withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            EmpiricalDistribution x = randomCloud(rng, 2);
            EmpiricalDistribution y = randomCloud(rng, 2);
            double t0 = 3 * rng.nextDouble() - 1.5;
            double t1 = 3 * rng.nextDouble() - 1.5;
            double[] pts = y.pointsRowMajor();
            for (int i = 0; i < y.size(); i++) {
                pts[2 * i] += t0;
                pts[2 * i + 1] += t1;
            }
            EmpiricalDistribution yt = EmpiricalDistribution.ofRowMajor(pts, 2, y.weights());
            double base = Math.pow(w2(x, y), 2) - meanGap2(x, y);
            double moved = Math.pow(w2(x, yt), 2) - meanGap2(x, yt);
            assertEquals(base, moved, 1e-9);
        });
    }

    private static double meanGap2(EmpiricalDistribution x, EmpiricalDistribution y) {
        double s = 0;
        for (int k = 0; k < x.dimension(); k++) {
            double mx = 0;
            double my = 0;
            for (int i = 0; i < x.size(); i++) {
                mx += x.weight(i) * x.coordinate(i, k);
            }
            for (int j = 0; j < y.size(); j++) {
                my += y.weight(j) * y.coordinate(j, k);
            }
            s += (mx - my) * (mx - my);
        }
        return s;
    }

    @Test
    void oneDimensionalClosedFormEqualsNetworkSimplex() {
        qt().withFixedSeed(20261122L).withExamples(EXAMPLES).forAll(longs().all(), integers().between(1, 3)).checkAssert((seed, p) -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            int n = 1 + rng.nextInt(15);
            int m = 1 + rng.nextInt(15);
            double[] x = new double[n];
            double[] y = new double[m];
            for (int i = 0; i < n; i++) {
                x[i] = rng.nextInt(3) == 0 ? rng.nextInt(3) : SinkhornStabilityTest.gaussian(rng); // ties too
            }
            for (int j = 0; j < m; j++) {
                y[j] = rng.nextInt(3) == 0 ? rng.nextInt(3) : 2 * SinkhornStabilityTest.gaussian(rng);
            }
            double[] a = weights(rng, n);
            double[] b = weights(rng, m);
            CostMatrix c = CostMatrix.between(x, y, 1, GroundCost.of((u, v) -> Math.pow(Math.abs(u[0] - v[0]), p)));
            double simplex = NetworkSimplex.withDefaults().solve(TransportProblem.of(a, b, c)).cost();
            assertEquals(simplex, OneDimensionalTransport.wassersteinPower(x, a, y, b, p), 1e-12 * Math.max(1, simplex));
        });
    }

    @Test
    void entropicCostDecreasesToExactCost() {
        qt().withFixedSeed(20261122L).withExamples(15).forAll(longs().all()).checkAssert(seed -> {
            TransportProblem p = randomProblem(seed).withCost(randomProblem(seed).cost().normalizedByMax());
            double exact = NetworkSimplex.withDefaults().solve(p).cost();
            double entropyBound = Math.min(entropy(p.sourceMasses()), entropy(p.targetMasses()));
            double previousGap = Double.POSITIVE_INFINITY;
            for (double eps : new double[] {0.1, 0.01, 0.001}) {
                TransportResult r = LogSinkhorn.withDefaults().withEpsilon(eps).withTolerance(1e-11).withEpsilonScaling(0.5)
                        .withMaxIterations(1_000_000).solve(p);
                assertTrue(r.converged());
                double gap = r.cost() - exact;
                // 0 ≤ ⟨P_ε, C⟩ − OT ≤ ε·min(H(a), H(b)) up to the marginal tolerance (C ≤ 1)
                assertTrue(gap >= -1e-10, "gap " + gap);
                assertTrue(gap <= eps * entropyBound + 1e-10, "gap " + gap + " at eps " + eps);
                assertTrue(gap <= previousGap + 1e-10);
                previousGap = gap;
            }
        });
    }

    private static double entropy(double[] w) {
        double h = 0;
        for (double x : w) {
            h -= x > 0 ? x * Math.log(x) : 0;
        }
        return h;
    }

    @Test
    void methodsAgree() {
        qt().withFixedSeed(20261122L).withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            TransportProblem p = randomProblem(seed);
            double eps = 0.05 * p.cost().max();
            TransportResult log = LogSinkhorn.withDefaults().withEpsilon(eps).withTolerance(TOL).solve(p);
            TransportResult scaled = LogSinkhorn.withDefaults().withEpsilon(eps).withTolerance(TOL).withEpsilonScaling(0.3).solve(p);
            TransportResult plain = Sinkhorn.withDefaults().withEpsilon(eps).withTolerance(TOL).withMaxIterations(1_000_000).solve(p);
            TransportResult sns = SinkhornNewtonSparse.withDefaults().withEpsilon(eps).withTolerance(TOL).withWarmUpIterations(3)
                    .withSparsity(2).solve(p);
            double scale = Math.max(1, p.cost().max());
            for (TransportResult r : new TransportResult[] {scaled, plain, sns}) {
                assertTrue(r.converged(), r.method().toString());
                assertEquals(log.cost(), r.cost(), 1e-8 * scale, r.method().toString());
                assertEquals(log.objective(), r.objective(), 1e-8 * scale, r.method().toString());
            }
        });
    }

    @Test
    void permutationInvariance() {
        qt().withFixedSeed(20261122L).withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            TransportProblem p = randomProblem(seed);
            UniformRandomProvider rng = Rng.seeded(seed ^ 0x5DEECE66DL);
            int n = p.sourceSize();
            int m = p.targetSize();
            int[] pr = permutation(rng, n);
            int[] pc = permutation(rng, m);
            double[] a = p.sourceMasses();
            double[] b = p.targetMasses();
            double[] a2 = new double[n];
            double[] b2 = new double[m];
            double[] c2 = new double[n * m];
            for (int i = 0; i < n; i++) {
                a2[i] = a[pr[i]];
                for (int j = 0; j < m; j++) {
                    c2[i * m + j] = p.cost().get(pr[i], pc[j]);
                }
            }
            for (int j = 0; j < m; j++) {
                b2[j] = b[pc[j]];
            }
            TransportProblem q = TransportProblem.of(a2, b2, CostMatrix.of(c2, n, m));
            double scale = Math.max(1, p.cost().max());
            assertEquals(NetworkSimplex.withDefaults().solve(p).cost(), NetworkSimplex.withDefaults().solve(q).cost(), 1e-12 * scale);
            LogSinkhorn s = LogSinkhorn.withDefaults().withEpsilon(0.1).withTolerance(TOL);
            assertEquals(s.solve(p).cost(), s.solve(q).cost(), 1e-8 * scale);
        });
    }

    private static int[] permutation(UniformRandomProvider rng, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
