package dev.entropic.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entropic.core.Rng;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact solvers against POT 0.8.2 {@code ot.emd2} and {@code ot.wasserstein_1d}, and brute force. */
class ExactReferenceTest {
    /** Relative agreement with POT's C++ network simplex (both exact up to rounding). */
    private static final double RTOL = 1e-12;
    /** Marginals of an exact plan: rounding only. */
    private static final double MARGINAL_TOL = 1e-13;

    static Stream<JsonNode> emdCases() {
        return PotReference.cases("emd2").stream();
    }

    static Stream<JsonNode> oneDimensionalCases() {
        return PotReference.cases("wasserstein_1d").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emdCases")
    void networkSimplexMatchesPotEmd2(JsonNode c) {
        TransportProblem p = PotReference.problem(c);
        TransportResult r = NetworkSimplex.withDefaults().solve(p);
        double expected = c.get("value").asDouble();
        assertTrue(r.converged());
        assertEquals(expected, r.cost(), RTOL * expected, c.get("name").asText());
        assertTrue(r.marginalError() <= MARGINAL_TOL, () -> "marginal error " + r.marginalError());
        assertTrue(r.plan().isSparse());
        assertTrue(r.plan().storedEntries() <= p.sourceSize() + p.targetSize() - 1);
        checkKantorovichPotentials(p, r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneDimensionalCases")
    void quantileCouplingMatchesPotWasserstein1d(JsonNode c) {
        double[] x = PotReference.vector(c.get("x"));
        double[] y = PotReference.vector(c.get("y"));
        double[] a = PotReference.vector(c.get("a"));
        double[] b = PotReference.vector(c.get("b"));
        double p = c.get("p").asDouble();
        double expected = c.get("value").asDouble();
        assertEquals(expected, OneDimensionalTransport.wassersteinPower(x, a, y, b, p), RTOL * expected);
        TransportResult r = OneDimensionalTransport.solve(x, a, y, b, p);
        assertEquals(expected, r.cost(), RTOL * expected);
        assertTrue(r.marginalError() <= MARGINAL_TOL);
        double[] cost = new double[x.length * y.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                cost[i * y.length + j] = Math.pow(Math.abs(x[i] - y[j]), p);
            }
        }
        TransportProblem problem = TransportProblem.of(a, b, CostMatrix.of(cost, x.length, y.length));
        checkKantorovichPotentials(problem, r);
        assertEquals(NetworkSimplex.withDefaults().solve(problem).cost(), r.cost(), RTOL * expected);
    }

    /** f_i + g_j ≤ C_ij everywhere and ⟨a,f⟩ + ⟨b,g⟩ = cost (strong duality). */
    static void checkKantorovichPotentials(TransportProblem p, TransportResult r) {
        double[] f = r.sourcePotential();
        double[] g = r.targetPotential();
        double[] a = p.sourceMasses();
        double[] b = p.targetMasses();
        double scale = Math.max(1.0, p.cost().max() - p.cost().min());
        double dual = 0;
        for (int i = 0; i < f.length; i++) {
            dual += a[i] * f[i];
            for (int j = 0; j < g.length; j++) {
                assertTrue(f[i] + g[j] <= p.cost().get(i, j) + 1e-11 * scale, "dual infeasible at " + i + "," + j);
            }
        }
        for (int j = 0; j < g.length; j++) {
            dual += b[j] * g[j];
        }
        assertEquals(r.cost(), dual, 1e-11 * scale, "duality gap");
    }

    @Test
    void networkSimplexSolvesAssignmentsLikeBruteForce() {
        UniformRandomProvider rng = Rng.seeded(7);
        for (int trial = 0; trial < 30; trial++) {
            int n = 2 + rng.nextInt(5);
            double[] c = new double[n * n];
            for (int k = 0; k < c.length; k++) {
                c[k] = rng.nextInt(4) == 0 ? rng.nextInt(3) : rng.nextDouble() * 10 - 2;
            }
            TransportProblem p = TransportProblem.uniform(CostMatrix.of(c, n, n));
            double best = bestPermutation(c, n, new int[n], new boolean[n], 0, 0);
            TransportResult r = NetworkSimplex.withDefaults().solve(p);
            assertEquals(best / n, r.cost(), 1e-12, "trial " + trial);
            checkKantorovichPotentials(p, r);
        }
    }

    private static double bestPermutation(double[] c, int n, int[] perm, boolean[] used, int k, double acc) {
        if (k == n) {
            return acc;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, bestPermutation(c, n, perm, used, k + 1, acc + c[k * n + j]));
                used[j] = false;
            }
        }
        return best;
    }
}
