package dev.entropic.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entropic.core.EmpiricalDistribution;
import dev.entropic.core.MultivariateNormal;
import dev.entropic.core.Rng;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SlicedAndGaussianTest {
    /** Agreement with POT's sliced distance for the same directions (sorting + sums only). */
    private static final double RTOL = 1e-12;

    static Stream<JsonNode> slicedCases() {
        return PotReference.cases("sliced").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slicedCases")
    void slicedMatchesPotForTheSameDirections(JsonNode c) {
        EmpiricalDistribution x = PotReference.cloud(c, "xs", "a");
        EmpiricalDistribution y = PotReference.cloud(c, "xt", "b");
        double expected = c.get("value").asDouble();
        double got = SlicedWasserstein.sliced(x, y, c.get("p").asDouble(), PotReference.matrix(c.get("projections")));
        assertEquals(expected, got, RTOL * expected);
    }

    @Test
    void slicedIsSeededAndBoundedByExactW() {
        UniformRandomProvider rng = Rng.seeded(11);
        EmpiricalDistribution x = EmpiricalDistribution.of(TransportPropertiesTest.cloud(rng, 30, 3, 0));
        EmpiricalDistribution y = EmpiricalDistribution.of(TransportPropertiesTest.cloud(rng, 25, 3, 1));
        double a = SlicedWasserstein.sliced(x, y, 2, 50, Rng.seeded(5));
        double b = SlicedWasserstein.sliced(x, y, 2, 50, Rng.seeded(5));
        assertEquals(a, b, 0.0);
        double w2 = TransportPropertiesTest.w2(x, y);
        double max = SlicedWasserstein.maxSliced(x, y, 2, 50, Rng.seeded(5));
        // projections are 1-Lipschitz: every sliced value ≤ W_2; the mean ≤ the max
        assertTrue(a <= max + 1e-12);
        assertTrue(max <= w2 + 1e-12);
        double vmfConcentrated = SlicedWasserstein.vonMisesFisher(x, y, 2, 50, 1e6, Rng.seeded(5));
        assertEquals(max, vmfConcentrated, 0.02 * max);
        double vmfFlat = SlicedWasserstein.vonMisesFisher(x, y, 2, 2000, 0, Rng.seeded(6));
        double slicedMany = SlicedWasserstein.sliced(x, y, 2, 2000, Rng.seeded(7));
        assertEquals(slicedMany, vmfFlat, 0.05 * slicedMany);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlicedWasserstein.vonMisesFisher(x, y, 2, 10, -1, Rng.seeded(1)));
        assertTrue(e.getMessage().contains("kappa"), e.getMessage());
    }

    @Test
    void vonMisesFisherSamplesAreUnitAndConcentrate() {
        UniformRandomProvider rng = Rng.seeded(3);
        double[] mu = {0, 0.6, 0.8};
        double mean = 0;
        int n = 4000;
        for (int i = 0; i < n; i++) {
            double[] s = SlicedWasserstein.sampleVonMisesFisher(mu, 10, rng);
            assertEquals(1.0, s[0] * s[0] + s[1] * s[1] + s[2] * s[2], 1e-12);
            mean += (s[1] * mu[1] + s[2] * mu[2]) / n;
        }
        // E[μᵀθ] = coth κ − 1/κ in d = 3
        double expected = 1 / Math.tanh(10) - 0.1;
        assertEquals(expected, mean, 0.01);
    }

    @Test
    void buresWassersteinClosedForms() {
        // 1-D: (m1 − m2)² + (σ1 − σ2)²
        MultivariateNormal p = MultivariateNormal.of(new double[] {1}, new double[][] {{4}});
        MultivariateNormal q = MultivariateNormal.of(new double[] {-1}, new double[][] {{9}});
        assertEquals(4 + 1, BuresWasserstein.squaredDistance(p, q), 1e-12);
        // commuting (diagonal) covariances: Σ (√a_i − √b_i)²
        double[][] a = {{1, 0, 0}, {0, 4, 0}, {0, 0, 0.25}};
        double[][] b = {{9, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        assertEquals(4 + 1 + 0.25, BuresWasserstein.squaredDistance(new double[3], a, new double[3], b), 1e-12);
        assertEquals(0.0, BuresWasserstein.squaredDistance(new double[3], a, new double[3], a), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuresWasserstein.squaredDistance(new double[2], new double[][] {{1, 0.5}, {0, 1}}, new double[2],
                        new double[][] {{1, 0}, {0, 1}}));
        assertTrue(e.getMessage().contains("not symmetric"), e.getMessage());
    }

    @Test
    void buresWassersteinIsRotationInvariant() {
        qt().withFixedSeed(20261122L).withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            double[][] s1 = randomSpd(rng);
            double[][] s2 = randomSpd(rng);
            double t = rng.nextDouble() * 2 * Math.PI;
            double[][] r = {{Math.cos(t), -Math.sin(t)}, {Math.sin(t), Math.cos(t)}};
            double[] m1 = {rng.nextDouble(), rng.nextDouble()};
            double[] m2 = {rng.nextDouble(), rng.nextDouble()};
            double base = BuresWasserstein.squaredDistance(m1, s1, m2, s2);
            double rotated = BuresWasserstein.squaredDistance(mul(r, m1), conj(r, s1), mul(r, m2), conj(r, s2));
            assertEquals(base, rotated, 1e-10 * Math.max(1, base));
            assertTrue(base >= 0);
            assertEquals(BuresWasserstein.squaredDistance(m2, s2, m1, s1), base, 1e-10 * Math.max(1, base));
        });
    }

    private static double[][] randomSpd(UniformRandomProvider rng) {
        double a = rng.nextDouble() * 2 - 1;
        double b = rng.nextDouble() * 2 - 1;
        double c = rng.nextDouble() * 2 - 1;
        double d = rng.nextDouble() * 2 - 1;
        return new double[][] {{a * a + b * b + 0.1, a * c + b * d}, {a * c + b * d, c * c + d * d + 0.1}};
    }

    private static double[] mul(double[][] r, double[] v) {
        return new double[] {r[0][0] * v[0] + r[0][1] * v[1], r[1][0] * v[0] + r[1][1] * v[1]};
    }

    private static double[][] conj(double[][] r, double[][] s) {
        double[][] out = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double v = 0;
                for (int k = 0; k < 2; k++) {
                    for (int l = 0; l < 2; l++) {
                        v += r[i][k] * s[k][l] * r[j][l];
                    }
                }
                out[i][j] = v;
            }
        }
        return out;
    }

    @Test
    void sinkhornDivergenceIsNonNegativeAndZeroOnEqualInputs() {
        qt().withFixedSeed(20261122L).withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            EmpiricalDistribution x = TransportPropertiesTest.randomCloud(rng, 2);
            EmpiricalDistribution y = TransportPropertiesTest.randomCloud(rng, 2);
            // ε relative to the largest cost: with max C / ε large, Sinkhorn has genuinely slow modes
            // (e.g. 3 points, C up to 34, ε = 2: error 1e-7 after 1e5 iterations in every implementation)
            double maxCost = Math.max(CostMatrix.squaredEuclidean(x, y).max(),
                    Math.max(CostMatrix.squaredEuclidean(x, x).max(), CostMatrix.squaredEuclidean(y, y).max()));
            LogSinkhorn solver = LogSinkhorn.withDefaults().withEpsilon(0.25 * maxCost).withTolerance(1e-11);
            SinkhornDivergence.Result r = SinkhornDivergence.between(x, y, GroundCost.squaredEuclidean(), solver);
            assertTrue(r.converged(), () -> r.crossTerm() + " " + r.sourceTerm() + " " + r.targetTerm());
            assertTrue(r.value() >= -1e-10, "S = " + r.value());
            assertEquals(0.0, SinkhornDivergence.between(x, x, GroundCost.squaredEuclidean(), solver).value(), 1e-10);
        });
    }
}
