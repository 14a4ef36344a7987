package dev.entropic.core;

/**
 * The shared numeric primitives, written once: compensated summation, log-sum-exp and the
 * {@code x log y} family with the information-theory conventions {@code 0 log 0 = 0}.
 *
 * <p>Every module uses these instead of re-deriving them, so that a fix or a speed-up lands
 * everywhere at once.
 */
public final class Numerics {
    private Numerics() {
    }

    /**
     * Sum of {@code values} with Neumaier's compensated summation: the error is bounded by about
     * {@code 2ε Σ|x_i|} independently of the length, instead of {@code n ε Σ|x_i|} for a plain loop.
     *
     * <p>Reference: A. Neumaier, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
     * Summen", ZAMM 54 (1974).
     */
    public static double sum(double[] values) {
        return sum(values, 0, values.length);
    }

    /** Compensated sum of {@code values[from, to)}. */
    public static double sum(double[] values, int from, int to) {
        double s = 0;
        double c = 0;
        for (int i = from; i < to; i++) {
            double x = values[i];
            double t = s + x;
            if (Math.abs(s) >= Math.abs(x)) {
                c += (s - t) + x;
            } else {
                c += (x - t) + s;
            }
            s = t;
        }
        return s + c;
    }

    /**
     * {@code log Σ exp(a_i)}, computed stably by shifting by the maximum. Returns −∞ for an all −∞
     * input, +∞ if any entry is +∞, NaN if any entry is NaN.
     */
    public static double logSumExp(double[] a) {
        return logSumExp(a, 0, a.length);
    }

    /** {@code log Σ_{i∈[from,to)} exp(a_i)}. */
    public static double logSumExp(double[] a, int from, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            double v = a[i];
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            if (v > max) {
                max = v;
            }
        }
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (int i = from; i < to; i++) {
            s += Math.exp(a[i] - max);
        }
        return max + Math.log(s);
    }

    /** {@code log(exp(a) + exp(b))}, stably. */
    public static double logAddExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    /** {@code x log x} with {@code 0 log 0 = 0}. */
    public static double xlogx(double x) {
        return x == 0 ? 0 : x * Math.log(x);
    }

    /** {@code x log y} with {@code 0 log y = 0} for every {@code y} (scipy's {@code xlogy}). */
    public static double xlogy(double x, double y) {
        return x == 0 ? 0 : x * Math.log(y);
    }

    /**
     * {@code φ(x) = (1+x) log(1+x) − x ≥ 0} for {@code x ≥ −1}, accurate to a few ulps also when
     * {@code |x|} is tiny (where the direct formula cancels). It is the summand of the generalised
     * Kullback–Leibler divergence: {@code p log(p/q) − p + q = q φ(p/q − 1)}.
     */
    public static double onePlusXLogOnePlusXMinusX(double x) {
        if (Math.abs(x) < 0.1) {
            // Σ_{k≥2} (−1)^k x^k / (k(k−1)); 18 terms reach full double precision for |x| < 0.1.
            double term = x * x;
            double s = 0;
            double sign = 1;
            for (int k = 2; k <= 19; k++) {
                s += sign * term / (k * (k - 1.0));
                term *= x;
                sign = -sign;
            }
            return s;
        }
        if (x == -1) {
            return 1;
        }
        return (1 + x) * Math.log1p(x) - x;
    }

    /** Log of the standard normal density at {@code x}. */
    public static double logStandardNormalDensity(double x) {
        return -0.5 * x * x - LOG_SQRT_2PI;
    }

    /** {@code ½ log(2π)}. */
    public static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
}
