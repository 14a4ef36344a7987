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
     * How far {@code D(p‖q)} can move when every mass moves by a relative {@link #INPUT_ROUNDING}:
     * {@code fromSum(S + ΔS) − fromSum(S)} with {@code ΔS = Σ_i max_{±,±} |term(p_i(1±e), q_i(1±e)) −
     * term(p_i, q_i)| + e·term(p_i, q_i)}. For renyi of order 0 (a function of Σ_{p>0} q, not of the
     * summands) it is the relative rounding of that sum.
     */
    static double inputSlack(Divergence d, double[] p, double[] q) {
        double e = INPUT_ROUNDING;
        if (d.kind() == DivergenceKind.RENYI && d.alpha() == 0) {
            return 2 * e;
        }
        double[] pp = asEngineSees(p);
        double[] qq = asEngineSees(q);
        double s = 0;
        double slack = 0;
        for (int i = 0; i < pp.length; i++) {
            double t = d.term(pp[i], qq[i]);
            if (t == Double.POSITIVE_INFINITY) {
                return 0;
            }
            double worst = 0;
            for (int sp = -1; sp <= 1; sp += 2) {
                for (int sq = -1; sq <= 1; sq += 2) {
                    double moved = d.term(pp[i] * (1 + sp * e), qq[i] * (1 + sq * e));
                    worst = Math.max(worst, Math.abs(moved - t));
                }
            }
            s += t;
            slack += worst + e * t;
        }
        return d.fromSum(s + slack) - d.fromSum(s);
    }

    /** {@code a ≤ b} up to the evaluation rounding of both (relative) and an absolute allowance. */
    static boolean atMost(double a, double b, double absolute) {
        return a <= b + EVALUATION * (Math.abs(a) + Math.abs(b)) + absolute;
    }
}
