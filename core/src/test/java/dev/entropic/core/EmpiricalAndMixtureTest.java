package dev.entropic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.SplittableUniformRandomProvider;
import org.junit.jupiter.api.Test;

class EmpiricalAndMixtureTest {
    @Test
    void empiricalStoresRowMajorAndNormalisesWeights() {
        EmpiricalDistribution e = EmpiricalDistribution.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}, new double[] {1, 1, 2});
        assertEquals(3, e.size());
        assertEquals(2, e.dimension());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, e.pointsRowMajor());
        assertArrayEquals(new double[] {0.25, 0.25, 0.5}, e.weights(), 1e-16);
        assertEquals(4, e.coordinate(1, 1));
        assertTrue(EmpiricalDistribution.ofValues(1, 2, 3).isUniformlyWeighted());
    }

    @Test
    void empiricalRejectsBadInput() {
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> EmpiricalDistribution.of(new double[][] {{1, 2}, {3}}));
        assertTrue(ragged.getMessage().contains("points[1] has length 1"), ragged.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> EmpiricalDistribution.of(new double[][] {{1, 2}, {3, Double.NaN}}));
        assertTrue(nan.getMessage().contains("points[1][1] is not finite"), nan.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> EmpiricalDistribution.of(new double[][] {{1}, {2}}, new double[] {1, -1}));
        assertTrue(neg.getMessage().contains("weights[1] is negative"), neg.getMessage());
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> EmpiricalDistribution.of(new double[][] {{1}, {2}}, new double[] {1}));
        assertTrue(len.getMessage().contains("differ in length: 2 vs 1"), len.getMessage());
    }

    @Test
    void mixtureDensityCdfAndQuantileAreConsistent() {
        UnivariateMixture m = UnivariateMixture.of(new double[] {1, 3}, List.of(Normal.of(-2, 1), Normal.of(3, 0.5)));
        double x = 0.7;
        double density = 0.25 * Normal.of(-2, 1).density(x) + 0.75 * Normal.of(3, 0.5).density(x);
        assertEquals(density, m.density(x), 1e-16);
        assertEquals(Math.log(density), m.logDensity(x), 1e-14);
        // far tail: the density underflows, the log-density does not
        assertEquals(0, m.density(-60));
        double expectedLog = Math.log(0.25) + Normal.of(-2, 1).logDensity(-60);
        assertEquals(expectedLog, m.logDensity(-60), 1e-12 * Math.abs(expectedLog));
        for (double u : new double[] {0.01, 0.25, 0.5, 0.9}) {
            assertEquals(u, m.cdf(m.inverseCdf(u)), 1e-12);
        }
        assertEquals(0.25 * -2 + 0.75 * 3, m.mean(), 1e-15);
        double[] s = m.sample(Rng.seeded(11), 40000);
        assertEquals(m.mean(), Numerics.sum(s) / s.length, 5 * Math.sqrt(m.variance() / s.length));
    }

    @Test
    void seededStreamsAreReproducibleAndSplittable() {
        SplittableUniformRandomProvider a = Rng.seeded(99);
        SplittableUniformRandomProvider b = Rng.seeded(99);
        assertEquals(a.nextLong(), b.nextLong());
        assertEquals(a.split().nextLong(), b.split().nextLong());
        double[] x = Normal.standard().sample(Rng.seeded(5), 3);
        double[] y = Normal.standard().sample(Rng.seeded(5), 3);
        assertArrayEquals(x, y);
    }
}
