package dev.entropic.bench;

import dev.entropic.divergences.DivergenceKind;

/**
 * The baseline that the benchmarks compare entropic with: each divergence written the way a
 * textbook (or a quick numpy one-liner) writes it, as one plain loop over the two arrays with a
 * naive running sum, e.g. {@code Σ p ln(p/q)} for kl and {@code 1 − Σ √(pq)} for squared Hellinger.
 *
 * <p>No validation, no copies, no boundary conventions (a zero mass gives NaN or ±∞ wherever the
 * formula does), no compensation, no series for {@code p ≈ q}. It is the speed floor of a
 * single pass, so the gap between it and {@code Divergence.between} is the price of validation,
 * copies and careful numerics. It is <em>not</em> a correct implementation: never use it outside
 * the benchmarks.
 */
public final class NaiveDivergence {
    private NaiveDivergence() {
    }

    /** The naive {@code D(p‖q)} of {@code kind} (order {@code alpha} for alpha and renyi). */
    public static double evaluate(DivergenceKind kind, double alpha, double[] p, double[] q) {
        switch (kind) {
            case KL:
                return kl(p, q);
            case REVERSE_KL:
                return kl(q, p);
            case JS: {
                double s = 0;
                for (int i = 0; i < p.length; i++) {
                    double m = 0.5 * (p[i] + q[i]);
                    s += p[i] * Math.log(p[i] / m) + q[i] * Math.log(q[i] / m);
                }
                return 0.5 * s;
            }
            case SQUARED_HELLINGER:
                return 1 - bhattacharyya(p, q);
            case HELLINGER:
                return Math.sqrt(1 - bhattacharyya(p, q));
            case TV: {
                double s = 0;
                for (int i = 0; i < p.length; i++) {
                    s += Math.abs(p[i] - q[i]);
                }
                return 0.5 * s;
            }
            case CHI2:
                return chi2(p, q);
            case NEYMAN_CHI2:
                return chi2(q, p);
            case JEFFREYS: {
                double s = 0;
                for (int i = 0; i < p.length; i++) {
                    s += (p[i] - q[i]) * Math.log(p[i] / q[i]);
                }
                return s;
            }
            case TRIANGULAR: {
                double s = 0;
                for (int i = 0; i < p.length; i++) {
                    double d = p[i] - q[i];
                    s += d * d / (p[i] + q[i]);
                }
                return s;
            }
            case ALPHA:
                return (powerSum(p, q, alpha) - 1) / (alpha * (alpha - 1));
            case RENYI:
                return Math.log(powerSum(p, q, alpha)) / (alpha - 1);
            default:
                throw new AssertionError(kind);
        }
    }

    /** {@code Σ p ln(p/q)}: the naive kl loop. */
    public static double kl(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += p[i] * Math.log(p[i] / q[i]);
        }
        return s;
    }

    private static double bhattacharyya(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += Math.sqrt(p[i] * q[i]);
        }
        return s;
    }

    private static double chi2(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double d = p[i] - q[i];
            s += d * d / q[i];
        }
        return s;
    }

    private static double powerSum(double[] p, double[] q, double alpha) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += Math.pow(p[i], alpha) * Math.pow(q[i], 1 - alpha);
        }
        return s;
    }
}
