package dev.entropic.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entropic.core.MultivariateDistribution;
import dev.entropic.core.MultivariateMixture;
import dev.entropic.core.MultivariateNormal;
import dev.entropic.core.Rng;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** CauchySchwarz against numpy/scipy (reference/cauchy_schwarz.py), the closed form and its laws. */
class CauchySchwarzTest {
    /** Closed-form sums of a few Gaussian densities or Gram-matrix sums: agreement to rounding. */
    static final double TOL = 1e-11;

    static JsonNode ref() throws Exception {
        try (InputStream in = CauchySchwarzTest.class.getResourceAsStream("/reference/cauchy_schwarz.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static MultivariateMixture mixture(JsonNode m) {
        JsonNode w = m.get("weights");
        double[] weights = new double[w.size()];
        List<MultivariateDistribution> comps = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            weights[i] = w.get(i).asDouble();
            comps.add(MultivariateNormal.of(KnnReferenceTest.matrix(m.get("means"))[i], KnnReferenceTest.matrix(m.get("covariances").get(i))));
        }
        return MultivariateMixture.of(weights, comps);
    }

    @Test
    void matchesNumpyReference() throws Exception {
        JsonNode r = ref();
        for (JsonNode c : r.get("mixtures")) {
            assertEquals(c.get("value").asDouble(), CauchySchwarz.divergence(mixture(c.get("p")), mixture(c.get("q"))), TOL);
        }
        for (JsonNode c : r.get("samples")) {
            assertEquals(c.get("value").asDouble(), CauchySchwarz.parzen(KnnReferenceTest.matrix(c.get("x")),
                KnnReferenceTest.matrix(c.get("y")), c.get("bandwidth").asDouble()), TOL);
        }
        for (JsonNode c : r.get("paired")) {
            double[][] x = KnnReferenceTest.matrix(c.get("x"));
            double[][] y = KnnReferenceTest.matrix(c.get("y"));
            double[][] q = KnnReferenceTest.matrix(c.get("yHat"));
            double sx = c.get("bandwidthX").asDouble();
            double sy = c.get("bandwidthY").asDouble();
            assertEquals(c.get("mutualInformation").asDouble(), CauchySchwarz.mutualInformation(x, y, sx, sy), TOL);
            assertEquals(c.get("conditional").asDouble(), CauchySchwarz.conditionalDivergence(x, y, q, sx, sy), TOL);
        }
    }

    @Test
    void twoGaussiansMatchTheOneDimensionalFormula() {
        // D_CS(N(a, s²), N(b, t²)) = (a−b)²/(s²+t²) + ln((s²+t²)/(2 s t))
        double a = 0.3;
        double b = -1.1;
        double s = 0.7;
        double t = 1.9;
        double exact = (a - b) * (a - b) / (s * s + t * t) + Math.log((s * s + t * t) / (2 * s * t));
        assertEquals(exact, CauchySchwarz.divergence(MultivariateNormal.of(new double[] {a}, new double[][] {{s * s}}),
            MultivariateNormal.of(new double[] {b}, new double[][] {{t * t}})), 1e-14);
    }

    @Test
    void parzenEqualsTheClosedFormOnTheKdeMixtures() {
        qt().withExamples(8).forAll(longs().all(), integers().between(1, 3)).checkAssert((seed, d) -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            int m = 5 + rng.nextInt(20);
            int n = 5 + rng.nextInt(20);
            double sigma = 0.3 + rng.nextDouble();
            double[][] x = MultivariateNormal.standard(d).sample(rng, m);
            double[][] y = MultivariateNormal.standard(d).sample(rng, n);
            double[][] cov = new double[d][d];
            for (int c = 0; c < d; c++) {
                cov[c][c] = sigma * sigma;
            }
            assertEquals(CauchySchwarz.divergence(kde(x, cov), kde(y, cov)), CauchySchwarz.parzen(x, y, sigma), 1e-10, "seed=" + seed);
            assertEquals(CauchySchwarz.parzen(x, y, sigma), CauchySchwarz.parzen(y, x, sigma), 1e-12);
            assertEquals(0, CauchySchwarz.parzen(x, x, sigma), 1e-12);
            assertTrue(CauchySchwarz.parzen(x, y, sigma) >= 0);
        });
    }

    static MultivariateMixture kde(double[][] x, double[][] cov) {
        double[] w = new double[x.length];
        List<MultivariateDistribution> comps = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            w[i] = 1.0 / x.length;
            comps.add(MultivariateNormal.of(x[i], cov));
        }
        return MultivariateMixture.of(w, comps);
    }

    @Test
    void conditionalDivergenceVanishesForIdenticalTargetsAndMiIsSymmetric() {
        qt().withExamples(6).forAll(longs().all()).checkAssert(seed -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            double[][] x = MultivariateNormal.standard(2).sample(rng, 60);
            double[][] y = MultivariateNormal.standard(1).sample(rng, 60);
            assertEquals(0, CauchySchwarz.conditionalDivergence(x, y, y, 0.8, 0.5), 1e-12);
            assertEquals(CauchySchwarz.mutualInformation(x, y, 0.8, 0.5), CauchySchwarz.mutualInformation(y, x, 0.5, 0.8), 1e-12);
            assertTrue(CauchySchwarz.mutualInformation(x, y, Double.NaN, Double.NaN) >= -1e-12);
        });
    }

    /**
     * Well-separated samples: the cross potential is about e^-100, far below the fast exponential's
     * range (e^-60), and must still be exact: D̂ against the definition summed with Math.exp.
     */
    @Test
    void parzenIsExactForWellSeparatedSamples() {
        double[][] x = {{0}, {0.1}, {0.25}, {0.3}};
        double[][] y = {{10}, {10.2}, {9.9}};
        double sigma = 0.5;
        double vxx = 0;
        double vyy = 0;
        double vxy = 0;
        for (double[] a : x) {
            for (double[] b : x) {
                vxx += Math.exp(-(a[0] - b[0]) * (a[0] - b[0]) / (4 * sigma * sigma)) / 16;
            }
            for (double[] b : y) {
                vxy += Math.exp(-(a[0] - b[0]) * (a[0] - b[0]) / (4 * sigma * sigma)) / 12;
            }
        }
        for (double[] a : y) {
            for (double[] b : y) {
                vyy += Math.exp(-(a[0] - b[0]) * (a[0] - b[0]) / (4 * sigma * sigma)) / 9;
            }
        }
        double expected = -2 * Math.log(vxy) + Math.log(vxx) + Math.log(vyy);
        assertTrue(expected > 150, "cross potential not tiny: " + expected);
        assertEquals(expected, CauchySchwarz.parzen(x, y, sigma), 1e-12 * expected);
    }

    @Test
    void badInputIsRejectedWithTheRule() {
        double[][] a = {{1}, {2}, {3}};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CauchySchwarz.parzen(a, a, 0))
            .getMessage().contains("bandwidth"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CauchySchwarz.parzen(a, new double[][] {{1000}}, 1e-3))
            .getMessage().contains("underflows"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CauchySchwarz.mutualInformation(a, new double[][] {{1}}, 1, 1))
            .getMessage().contains("differ in number"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> CauchySchwarz.conditionalDivergence(a, a, new double[][] {{1, 2}, {1, 2}, {1, 2}}, 1, 1)).getMessage().contains("dimension"));
        MultivariateMixture p = MultivariateMixture.of(new double[] {1}, List.of(MultivariateNormal.standard(1)));
        MultivariateMixture q = MultivariateMixture.of(new double[] {1}, List.of(MultivariateNormal.standard(2)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CauchySchwarz.divergence(p, q)).getMessage().contains("dimension"));
    }
}
