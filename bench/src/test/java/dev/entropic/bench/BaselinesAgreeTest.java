package dev.entropic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entropic.core.DiscreteDistribution;
import dev.entropic.divergences.Divergence;
import dev.entropic.divergences.DivergenceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The four benchmarked paths compute the same number, so that the timings compare like with like:
 * the kernel and the prebuilt-distribution path agree with {@code between(double[], double[])} to
 * rounding, and the naive loop agrees to the accuracy a plain sum allows on well-separated inputs.
 */
class BaselinesAgreeTest {
    /** Rounding of the normalisation by the (≈ 1) total in {@code ofProbabilities}. */
    private static final double SAME_ALGORITHM_TOLERANCE = 1e-13;
    /** A plain sum of 10⁴ terms, and 1 − Σ√(pq) cancelling to a value of order 0.1. */
    private static final double NAIVE_TOLERANCE = 1e-11;

    @Test
    void everyPathAgreesForEveryKindAndShape() {
        for (String shape : List.of("independent", "close")) {
            double[][] pq = DiscreteDivergenceBenchmark.inputs(shape, 7, 10_000);
            double[] p = pq[0];
            double[] q = pq[1];
            DiscreteDistribution pd = DiscreteDistribution.ofProbabilities(p);
            DiscreteDistribution qd = DiscreteDistribution.ofProbabilities(q);
            for (DivergenceKind kind : DivergenceKind.values()) {
                Divergence d = Divergence.of(kind.cliName(), 0.5);
                double expected = d.between(p, q);
                String what = kind.cliName() + " " + shape;
                assertTrue(expected > 0 && Double.isFinite(expected), what + ": " + expected);
                assertEquals(expected, d.between(pd, qd), 0, what);
                assertEquals(expected, DiscreteDivergenceBenchmark.kernel(d, p, q),
                        SAME_ALGORITHM_TOLERANCE * expected, what);
                if (shape.equals("independent")) {
                    assertEquals(expected, NaiveDivergence.evaluate(kind, 0.5, p, q),
                            NAIVE_TOLERANCE * expected, what);
                }
            }
        }
    }

    @Test
    void naiveKlIsTheTextbookSum() {
        double[] p = {0.5, 0.25, 0.25};
        double[] q = {0.25, 0.25, 0.5};
        assertEquals(0.5 * Math.log(2) + 0.25 * Math.log(0.5), NaiveDivergence.kl(p, q), 1e-16);
    }

    @Test
    void dirichletInputsAreSeededProbabilityVectors() {
        double[][] a = BenchData.pair(42, 1000);
        double[][] b = BenchData.pair(42, 1000);
        assertEquals(a[0][999], b[0][999], 0);
        double s = 0;
        for (double x : a[1]) {
            assertTrue(x > 0);
            s += x;
        }
        assertEquals(1, s, 1e-12);
    }
}
