package dev.entropic.tests;

import dev.entropic.core.DiscreteDistribution;
import dev.entropic.divergences.Divergence;
import dev.entropic.divergences.DivergenceKind;

/**
 * The rounding allowances of the properties, derived rather than guessed.
 *
 * <p>When both sides of a law are evaluated on the same vectors, only the evaluation rounds:
 * the summands are non-negative and summed with compensation, so {@link #EVALUATION} (relative)
 * covers it. When one side is evaluated on vectors that the test forms itself (merged cells,
 * mixtures), their masses carry a relative rounding of a few ulps, and a divergence between nearly
 * equal vectors is sensitive to that (D ≈ δ² moves by about ε·δ): {@link #inputSlack} measures that
 * sensitivity with the engine's own summands.
 */
final class Slack {
    /** Relative rounding of one evaluation (non-negative summands, compensated sum, one transform). */
    static final double EVALUATION = 1e-13;
    /** Relative rounding of a mass formed by the test (a sum or mixture) and renormalised: 4 ulps. */
    static final double INPUT_ROUNDING = 4 * Math.ulp(1.0);

    private Slack() {
    }

    /** The vector as the engine sees it (renormalised by its compensated sum). */
    static double[] asEngineSees(double[] p) {
        return DiscreteDistribution.ofProbabilities(p).probabilities();
    }

    /**
     * How far {@code D(p‖q)} can move when every mass moves by its {@link #roundingOf} δ:
     * {@code fromSum(S + ΔS) − fromSum(S)} with {@code ΔS = Σ_i max_{±,±} |term(p_i ± δp_i, q_i ± δq_i)
     * − term(p_i, q_i)| + e·term(p_i, q_i)} (masses clamped at 0; a divergence that blows up as a mass
     * vanishes then gets an infinite allowance, i.e. no check, where masses are subnormal). For renyi of order 0 (a function of Σ_{p>0} q, not of the
     * summands) it is the relative rounding of that sum.
     */
    static double inputSlack(Divergence d, double[] p, double[] q) {
        double e = INPUT_ROUNDING;
        if (d.kind() == DivergenceKind.RENYI && d.alpha() == 0) {
            return 2 * e;
        }
        double[] pp = asEngineSees(p);
        double[] qq = asEngineSees(q);
        if (d.kind() == DivergenceKind.RENYI && renyiInLogDomain(d, pp, qq)) {
            // ln Σ p^α q^(1−α) moves by at most max_i(|α| δp_i/p_i + |1−α| δq_i/q_i) (common support).
            double worst = 0;
            for (int i = 0; i < pp.length; i++) {
                if (pp[i] > 0 && qq[i] > 0) {
                    worst = Math.max(worst, Math.abs(d.alpha()) * roundingOf(pp[i]) / pp[i]
                            + Math.abs(1 - d.alpha()) * roundingOf(qq[i]) / qq[i]);
                }
            }
            return worst / Math.abs(d.alpha() - 1);
        }
        double s = 0;
        double slack = 0;
        for (int i = 0; i < pp.length; i++) {
            double t = d.term(pp[i], qq[i]);
            if (t == Double.POSITIVE_INFINITY) {
                return 0;
            }
            double worst = 0;
            double dp = roundingOf(pp[i]);
            double dq = roundingOf(qq[i]);
            for (int sp = -1; sp <= 1; sp += 2) {
                for (int sq = -1; sq <= 1; sq += 2) {
                    double moved = d.term(Math.max(0, pp[i] + sp * dp), Math.max(0, qq[i] + sq * dq));
                    worst = Math.max(worst, Math.abs(moved - t));
                }
            }
            s += t;
            slack += worst + e * t;
        }
        if (s == Double.POSITIVE_INFINITY) {
            return 0; // the divergence is +∞ (its finite summands overflow)
        }
        return d.fromSum(s + slack) - d.fromSum(s);
    }

    /** Whether the engine evaluates this Rényi divergence in the log domain (Σ p^α q^(1−α) &lt; ½). */
    private static boolean renyiInLogDomain(Divergence d, double[] p, double[] q) {
        double a = d.alpha();
        if (a == 0 || a == 1) {
            return false;
        }
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += d.term(p[i], q[i]);
        }
        return !(1 + a * (a - 1) * s >= 0.5) || s == Double.POSITIVE_INFINITY;
    }

    /**
     * Allowance for a square root taken by the test of a value that may be subnormal (√js, √(kl/2)):
     * a subnormal carries an absolute error of up to about 10⁴ units of {@link Double#MIN_VALUE}
     * summed over 10⁴ points, whose square root is about 2e-160.
     */
    static final double SQRT_OF_SUBNORMAL = Math.sqrt(1e4 * Double.MIN_VALUE);

    /**
     * The rounding a formed mass may carry: {@link #INPUT_ROUNDING} relative, plus two units of the
     * smallest subnormal (absolute: a product or sum landing among the subnormals keeps only a few
     * significant bits). Exact zeros stay exact (mixtures and sums of zeros are zero).
     */
    static double roundingOf(double mass) {
        return mass == 0 ? 0 : INPUT_ROUNDING * mass + 2 * Double.MIN_VALUE;
    }

    /**
     * Absolute rounding of a value in the subnormal range: doubles there are spaced by
     * {@link Double#MIN_VALUE}, and a sum of up to 10⁴ such summands carries that many spacings.
     */
    static final double SUBNORMAL_SPACING = 1e4 * Double.MIN_VALUE;

    /**
     * {@code a ≤ b} up to the evaluation rounding of both (relative), the subnormal spacing, and an
     * absolute allowance.
     */
    static boolean atMost(double a, double b, double absolute) {
        if (b == Double.POSITIVE_INFINITY) {
            return true;
        }
        return a <= b + EVALUATION * (Math.abs(a) + Math.abs(b)) + SUBNORMAL_SPACING + absolute;
    }
}
