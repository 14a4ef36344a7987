package dev.entropic.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;

import dev.entropic.divergences.Divergence;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Laws in the order α: the α-divergence tends to kl as α → 1 and to reverse-kl as α → 0, at the
 * rate its Taylor expansion dictates; Rényi divergences are non-decreasing in α (van Erven and
 * Harremoës, "Rényi divergence and Kullback–Leibler divergence", IEEE T-IT 2014, Thm 3), equal kl
 * at α = 1, and so lie below kl for α &lt; 1.
 */
class OrderPropertiesTest {
    static final int TRIES_LIMIT = 400;
    static final int TRIES_RENYI_MONOTONE = 400;
    static final int TRIES_RENYI_BELOW_KL = 600;

    /** Distances 1 − α (or α) at which the limits are checked. */
    static final double[] EPSILONS = {1e-2, 1e-4, 1e-6};
    /** Orders at which Rényi is checked to be non-decreasing (1 is kl). */
    static final double[] RENYI_GRID = {0, 1e-3, 0.1, 0.25, 0.5, 0.9, 0.999, 1, 1.001, 1.5, 2, 5, 20};

    /**
     * Checks {@code |D_α(p‖q) − KL(p‖q)|} for {@code α = 1 ± ε} against the Taylor bound. With
     * {@code F(α) = Σ p^α q^{1−α}} over the common support (so that {@code F(1) = 1},
     * {@code F'(1) = KL}, {@code F''(1) = M₂ = Σ p u²}, {@code |F'''| ≤ M₃ e^{εU}}, {@code u = ln(p/q)},
     * {@code M₃ = Σ p|u|³}, {@code U = max|u|}): {@code D_α = (F(α) − 1)/(α(α−1))} gives
     * {@code |D_α − KL| ≤ (ε KL + ε M₂/2 + ε² M₃ e^{εU}/6)/(1−ε)}. Evaluating D_α itself divides
     * by {@code α(α−1) ≈ ±ε}, so it may round by about {@code 16 ulp · 3/ε}; KL by a relative
     * {@link Slack#EVALUATION}. If {@code q = 0 < p} somewhere (KL = ∞), D_{1+ε} = ∞ and
     * {@code D_{1−ε} ≥ P₀/ε} with {@code P₀ = Σ_{q=0} p}.
     */
    private static void checkLimit(String what, double[] p, double[] q, double eps, double alphaMinus, double alphaPlus,
            double[] pAsKl, double[] qAsKl, Divergence alphaDivergenceMinus, Divergence alphaDivergencePlus) {
        double kl = Divergence.kl().between(pAsKl, qAsKl);
        double below = alphaDivergenceMinus.between(p, q);
        double above = alphaDivergencePlus.between(p, q);
        double[] pp = Slack.asEngineSees(pAsKl);
        double[] qq = Slack.asEngineSees(qAsKl);
        if (kl == Double.POSITIVE_INFINITY) {
            double p0 = 0;
            for (int i = 0; i < pp.length; i++) {
                if (qq[i] == 0) {
                    p0 += pp[i];
                }
            }
            double lower = p0 / eps * (1 - 1e-9);
            assertTrue(below >= lower, () -> String.format(Locale.ROOT, "%s: kl = inf but D at order %s = %s < P0/eps = %s",
                    what, alphaMinus, below, lower));
            assertEquals(Double.POSITIVE_INFINITY, above, () -> what + ": kl = inf but D at order " + alphaPlus + " is finite");
            return;
        }
        double m2 = 0;
        double m3 = 0;
        double uMax = 0;
        for (int i = 0; i < pp.length; i++) {
            if (pp[i] > 0 && qq[i] > 0) {
                double u = Math.log(pp[i]) - Math.log(qq[i]);
                m2 += pp[i] * u * u;
                m3 += pp[i] * Math.abs(u * u * u);
                uMax = Math.max(uMax, Math.abs(u));
            }
        }
        double bound = (eps * kl + eps * m2 / 2 + eps * eps * m3 * Math.exp(eps * uMax) / 6) / (1 - eps);
        double rounding = 16 * Math.ulp(1.0) * 3 / eps + Slack.EVALUATION * kl;
        for (double[] orderAndValue : new double[][] {{alphaMinus, below}, {alphaPlus, above}}) {
            double err = Math.abs(orderAndValue[1] - kl);
            assertTrue(err <= bound + rounding, () -> String.format(Locale.ROOT,
                    "%s: |D(order %s) − limit| = |%s − %s| = %s exceeds the Taylor bound %s (+ rounding %s)",
                    what, orderAndValue[0], orderAndValue[1], kl, err, bound, rounding));
        }
    }

    @Test
    void alphaDivergenceTendsToKlAsAlphaTendsToOne() {
        Inputs.qt(TRIES_LIMIT).forAll(Inputs.pairs()).checkAssert(v -> {
            for (double eps : EPSILONS) {
                checkLimit("alpha -> kl", v.get(0), v.get(1), eps, 1 - eps, 1 + eps, v.get(0), v.get(1),
                        Divergence.alpha(1 - eps), Divergence.alpha(1 + eps));
            }
        });
    }

    /** D_α(p‖q) = D_{1−α}(q‖p), so the limit α → 0 is reverse-kl with the roles of p and q swapped. */
    @Test
    void alphaDivergenceTendsToReverseKlAsAlphaTendsToZero() {
        Inputs.qt(TRIES_LIMIT).forAll(Inputs.pairs()).checkAssert(v -> {
            for (double eps : EPSILONS) {
                checkLimit("alpha -> reverse-kl", v.get(0), v.get(1), eps, eps, -eps, v.get(1), v.get(0),
                        Divergence.alpha(eps), Divergence.alpha(-eps));
            }
        });
    }

    @Test
    void renyiIsNonDecreasingInAlpha() {
        Inputs.qt(TRIES_RENYI_MONOTONE).forAll(Inputs.pairs()).checkAssert(v -> {
            double previous = 0;
            double previousAlpha = Double.NaN;
            for (double a : RENYI_GRID) {
                double r = Divergence.renyi(a).between(v.get(0), v.get(1));
                if (a == 1) {
                    assertEquals(Divergence.kl().between(v.get(0), v.get(1)), r, 0.0, "renyi(1) is kl");
                }
                double prev = previous;
                double prevA = previousAlpha;
                assertTrue(Slack.atMost(prev, r, 0), () -> String.format(Locale.ROOT,
                        "renyi(%s) = %s > renyi(%s) = %s", prevA, prev, a, r));
                previous = r;
                previousAlpha = a;
            }
        });
    }

    @Test
    void renyiOfOrderBelowOneIsAtMostKl() {
        Inputs.qt(TRIES_RENYI_BELOW_KL).forAll(Inputs.pairs(), doubles().between(0, 1)).checkAssert((v, alpha) -> {
            if (alpha >= 1) {
                return;
            }
            double r = Divergence.renyi(alpha).between(v.get(0), v.get(1));
            double kl = Divergence.kl().between(v.get(0), v.get(1));
            assertTrue(Slack.atMost(r, kl, 0), () -> String.format(Locale.ROOT, "renyi(%s) = %s > kl = %s", alpha, r, kl));
        });
    }
}
