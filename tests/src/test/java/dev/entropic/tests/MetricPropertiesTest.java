package dev.entropic.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entropic.divergences.Divergence;
import dev.entropic.divergences.DivergenceKind;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The metric laws: triangle inequality of tv, hellinger and √js (Endres and Schindelin, "A new
 * metric for probability distributions", IEEE T-IT 2003), and Pinsker's inequality
 * tv ≤ √(kl/2). Both sides are evaluated on the same vectors, so only evaluation rounding
 * ({@link Slack#EVALUATION}, and {@link Slack#SUBNORMAL_SPACING}) is allowed, plus {@link Slack#SQRT_OF_SUBNORMAL} where the test takes
 * a square root itself (√js, √(kl/2)). Hellinger gets no further allowance: the engine keeps its
 * relative accuracy below 1e-154 (where its square would be subnormal).
 */
class MetricPropertiesTest {
    static final int TRIES_TRIANGLE = 500;
    static final int TRIES_PINSKER = 800;

    private static void triangle(Divergence d, DoubleUnaryOperator toMetric, double absolute, String name) {
        Inputs.qt(TRIES_TRIANGLE).forAll(Inputs.triples()).checkAssert(v -> {
            double pr = toMetric.applyAsDouble(d.between(v.get(0), v.get(2)));
            double pq = toMetric.applyAsDouble(d.between(v.get(0), v.get(1)));
            double qr = toMetric.applyAsDouble(d.between(v.get(1), v.get(2)));
            assertTrue(Slack.atMost(pr, pq + qr, absolute), () -> String.format(Locale.ROOT,
                    "%s: d(p,r) = %s > d(p,q) + d(q,r) = %s + %s", name, pr, pq, qr));
        });
    }

    @Test
    void totalVariationTriangleInequality() {
        triangle(Divergence.of(DivergenceKind.TV), x -> x, 0, "tv");
    }

    @Test
    void hellingerTriangleInequality() {
        triangle(Divergence.of(DivergenceKind.HELLINGER), x -> x, 0, "hellinger");
    }

    @Test
    void rootJensenShannonTriangleInequality() {
        // √ of a js that may be subnormal, taken here: allow for its spacing.
        triangle(Divergence.of(DivergenceKind.JS), Math::sqrt, Slack.SQRT_OF_SUBNORMAL, "√js");
    }

    /** Pinsker: tv(p, q) ≤ √(kl(p‖q)/2), natural logarithms. */
    @Test
    void pinskerInequality() {
        Divergence tv = Divergence.of(DivergenceKind.TV);
        Divergence kl = Divergence.kl();
        Inputs.qt(TRIES_PINSKER).forAll(Inputs.pairs()).checkAssert(v -> {
            double t = tv.between(v.get(0), v.get(1));
            double k = kl.between(v.get(0), v.get(1));
            double bound = Math.sqrt(k / 2);
            assertTrue(Slack.atMost(t, bound, Slack.SQRT_OF_SUBNORMAL), () -> String.format(Locale.ROOT,
                    "tv = %s > sqrt(kl/2) = %s (kl = %s)", t, bound, k));
        });
    }
}
