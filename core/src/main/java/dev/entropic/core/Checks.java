package dev.entropic.core;

import java.util.Locale;

/**
 * Validation at the door, shared by every module. Each check throws an
 * {@link IllegalArgumentException} whose message names the argument and the rule broken, formatted
 * with {@link Locale#ROOT}. Comparisons are written so that NaN fails them.
 */
public final class Checks {
    /** Relative tolerance on the total mass of a vector that is expected to be a probability vector. */
    public static final double PROBABILITY_SUM_TOLERANCE = 1e-9;

    private Checks() {
    }

    /** Formats a message with {@link Locale#ROOT}. */
    public static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** Throws an {@link IllegalArgumentException} with a formatted message. */
    public static IllegalArgumentException fail(String pattern, Object... args) {
        return new IllegalArgumentException(format(pattern, args));
    }

    /** Requires a non-null array. */
    public static <T> T requireNonNull(String name, T value) {
        if (value == null) {
            throw fail("%s is null", name);
        }
        return value;
    }

    /** Requires {@code 0 < x < ∞}. */
    public static double requirePositiveFinite(String name, double x) {
        if (!(x > 0 && x < Double.POSITIVE_INFINITY)) {
            throw fail("%s must be positive and finite: %s", name, x);
        }
        return x;
    }

    /** Requires a finite value (not NaN, not infinite). */
    public static double requireFinite(String name, double x) {
        if (!Double.isFinite(x)) {
            throw fail("%s must be finite: %s", name, x);
        }
        return x;
    }

    /** Requires {@code lo <= x <= hi}. */
    public static double requireInRange(String name, double x, double lo, double hi) {
        if (!(x >= lo && x <= hi)) {
            throw fail("%s must be in [%s, %s]: %s", name, lo, hi, x);
        }
        return x;
    }

    /** Requires a strictly positive count. */
    public static int requirePositive(String name, int n) {
        if (n <= 0) {
            throw fail("%s must be positive: %d", name, n);
        }
        return n;
    }

    /** Requires a non-empty array whose entries are all finite. */
    public static double[] requireFiniteArray(String name, double[] values) {
        requireNonEmpty(name, values);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw fail("%s[%d] is not finite: %s", name, i, values[i]);
            }
        }
        return values;
    }

    /** Requires a non-null, non-empty array. */
    public static double[] requireNonEmpty(String name, double[] values) {
        requireNonNull(name, values);
        if (values.length == 0) {
            throw fail("%s is empty", name);
        }
        return values;
    }

    /**
     * Requires a non-empty array of finite, non-negative weights with a positive finite total, and
     * returns that total (compensated sum).
     */
    public static double requireWeights(String name, double[] weights) {
        requireNonEmpty(name, weights);
        for (int i = 0; i < weights.length; i++) {
            double w = weights[i];
            if (Double.isNaN(w)) {
                throw fail("%s[%d] is NaN", name, i);
            }
            if (w < 0) {
                throw fail("%s[%d] is negative: %s", name, i, w);
            }
            if (w == Double.POSITIVE_INFINITY) {
                throw fail("%s[%d] is infinite", name, i);
            }
        }
        double total = Numerics.sum(weights);
        if (!(total > 0)) {
            throw fail("%s has zero total mass", name);
        }
        if (!Double.isFinite(total)) {
            throw fail("%s has an infinite total mass", name);
        }
        return total;
    }

    /**
     * Requires a probability vector: non-negative finite entries summing to 1 within
     * {@link #PROBABILITY_SUM_TOLERANCE} (relative). Returns the exact total, for normalisation.
     */
    public static double requireProbabilities(String name, double[] p) {
        double total = requireWeights(name, p);
        if (!(Math.abs(total - 1.0) <= PROBABILITY_SUM_TOLERANCE)) {
            throw fail("%s must sum to 1 (within %s): sums to %s", name, PROBABILITY_SUM_TOLERANCE, total);
        }
        return total;
    }

    /** Requires two arrays of the same length. */
    public static void requireSameLength(String nameA, double[] a, String nameB, double[] b) {
        if (a.length != b.length) {
            throw fail("%s and %s differ in length: %d vs %d", nameA, nameB, a.length, b.length);
        }
    }
}
