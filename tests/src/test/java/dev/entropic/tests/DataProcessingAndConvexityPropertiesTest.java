package dev.entropic.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;

import dev.entropic.divergences.Divergence;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Data processing (merging support points never increases a divergence: every f-divergence, and
 * hellinger and renyi as increasing transforms of one) and joint convexity of the f-divergences
 * (not hellinger, not renyi). The merged and mixed vectors are formed by the test, so their masses
 * carry a few ulps of rounding; the allowance is {@link Slack#inputSlack}, the measured
 * sensitivity of the divergence to that rounding.
 */
class DataProcessingAndConvexityPropertiesTest {
    static final int TRIES_DATA_PROCESSING = 400;
    static final int TRIES_CONVEXITY = 400;

    private static final List<Divergence> ALL = Inputs.allDivergences();

    @Test
    void mergingSupportPointsNeverIncreasesAnyDivergence() {
        Inputs.qt(TRIES_DATA_PROCESSING).forAll(Inputs.merges()).checkAssert(m -> {
            double[] p = m.pair().get(0);
            double[] q = m.pair().get(1);
            double[] mp = m.merge(Slack.asEngineSees(p));
            double[] mq = m.merge(Slack.asEngineSees(q));
            for (Divergence d : ALL) {
                double fine = d.between(p, q);
                double coarse = d.between(mp, mq);
                double slack = Slack.inputSlack(d, mp, mq);
                assertTrue(Slack.atMost(coarse, fine, slack), () -> String.format(Locale.ROOT,
                        "%s: merged %s > original %s (allowance %s)", d, coarse, fine, slack));
            }
        });
    }

    /** D(λp₁+(1−λ)p₂ ‖ λq₁+(1−λ)q₂) ≤ λD(p₁‖q₁) + (1−λ)D(p₂‖q₂) for every f-divergence. */
    @Test
    void fDivergencesAreJointlyConvex() {
        List<Divergence> fDivergences = ALL.stream().filter(Divergence::isFDivergence).toList();
        Inputs.qt(TRIES_CONVEXITY).forAll(Inputs.twoPairs(), doubles().between(0, 1)).checkAssert((v, lambda) -> {
            double[] p1 = Slack.asEngineSees(v.get(0));
            double[] q1 = Slack.asEngineSees(v.get(1));
            double[] p2 = Slack.asEngineSees(v.get(2));
            double[] q2 = Slack.asEngineSees(v.get(3));
            double[] pm = mix(lambda, p1, p2);
            double[] qm = mix(lambda, q1, q2);
            for (Divergence d : fDivergences) {
                double left = d.between(pm, qm);
                double d1 = d.between(p1, q1);
                double d2 = d.between(p2, q2);
                // 0·∞ = 0: a component with weight 0 does not count.
                double right = (lambda == 0 ? 0 : lambda * d1) + (lambda == 1 ? 0 : (1 - lambda) * d2);
                // The mixture's masses, and the components (renormalised once more), carry rounding.
                double slack = Slack.inputSlack(d, pm, qm)
                        + lambda * Slack.inputSlack(d, p1, q1) + (1 - lambda) * Slack.inputSlack(d, p2, q2);
                assertTrue(Slack.atMost(left, right, slack), () -> String.format(Locale.ROOT,
                        "%s: D(mixture) = %s > λD1 + (1−λ)D2 = %s (λ = %s, D1 = %s, D2 = %s, allowance %s)",
                        d, left, right, lambda, d1, d2, slack));
            }
        });
    }

    private static double[] mix(double lambda, double[] a, double[] b) {
        double[] m = new double[a.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = lambda * a[i] + (1 - lambda) * b[i];
        }
        return m;
    }
}
