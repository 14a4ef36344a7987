package dev.entropic.divergences;

import dev.entropic.core.Checks;
import dev.entropic.core.Numerics;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The computation shared by {@link InformationValue} and {@link PopulationStabilityIndex}: the
 * binned Jeffreys divergence {@code J = Σ_i (p_i − q_i) ln(p_i/q_i)} between the bin shares of two
 * independent multinomial samples, its delta-method variance and the J-divergence χ² test.
 *
 * <p>{@code p} is the "first" sample (goods for IV, actual for PSI) and {@code q} the "second"
 * (bads for IV, expected/baseline for PSI). See {@link InformationValue} for the formulas.
 */
final class BinnedJeffreys {
    private static final Divergence JEFFREYS = Divergence.of(DivergenceKind.JEFFREYS);

    final double[] first;
    final double[] second;
    final double[] logRatios;
    final double[] contributions;
    final double total;
    /** Delta-method variance of J from the first sample alone (0 when {@code n1 = ∞}). */
    final double varianceFirst;
    /** Delta-method variance of J from the second sample alone (0 when {@code n2 = ∞}). */
    final double varianceSecond;
    /** Fixed-weight variance from the first sample: {@code Var_p(ln(p/q))/n1}. */
    final double fixedVarianceFirst;
    /** Fixed-weight variance from the second sample: {@code Var_q(ln(p/q))/n2}. */
    final double fixedVarianceSecond;
    final double n1;
    final double n2;
    final double effectiveSize;
    final int degreesOfFreedom;
    final double chiSquared;
    final double pValue;

    /**
     * @param rawFirst  normalised shares of the first sample (sum 1)
     * @param n1        size of the first sample (finite, positive)
     * @param rawSecond normalised shares of the second sample (sum 1)
     * @param n2        size of the second sample (positive, +∞ for a known distribution)
     * @param pseudoCount the count {@code c ≥ 0} added to every bin of each finite sample
     */
    BinnedJeffreys(double[] rawFirst, double n1, double[] rawSecond, double n2, double pseudoCount) {
        int k = rawFirst.length;
        this.n1 = n1;
        this.n2 = n2;
        this.first = smooth(rawFirst, n1, pseudoCount);
        this.second = smooth(rawSecond, n2, pseudoCount);
        double jacobian1 = jacobian(n1, k, pseudoCount);
        double jacobian2 = jacobian(n2, k, pseudoCount);

        logRatios = new double[k];
        contributions = new double[k];
        int occupied = 0;
        for (int i = 0; i < k; i++) {
            if (rawFirst[i] > 0 || rawSecond[i] > 0) {
                occupied++;
            }
            logRatios[i] = logRatio(first[i], second[i]);
            // (p − q) ln(p/q) = [p ln(p/q) − p + q] + [q ln(q/p) − q + p], free of cancellation.
            contributions[i] = JEFFREYS.term(first[i], second[i]);
        }
        total = sumOrInfinity(contributions);
        degreesOfFreedom = occupied - 1;
        effectiveSize = n2 == Double.POSITIVE_INFINITY ? n1 : n1 * n2 / (n1 + n2);

        if (total == Double.POSITIVE_INFINITY) {
            varianceFirst = varianceSecond = fixedVarianceFirst = fixedVarianceSecond = Double.POSITIVE_INFINITY;
            chiSquared = Double.POSITIVE_INFINITY;
            pValue = degreesOfFreedom == 0 ? 1 : 0;
            return;
        }
        // Gradient of J in the shares, each shifted by a constant (which the multinomial covariance
        // ignores since Σ s_i = 1): ∂J/∂p_i ≅ ln(p_i/q_i) + (p_i − q_i)/p_i,
        // ∂J/∂q_i ≅ −ln(p_i/q_i) + (q_i − p_i)/q_i.
        double[] gradFirst = new double[k];
        double[] gradSecond = new double[k];
        double[] negLog = new double[k];
        for (int i = 0; i < k; i++) {
            double p = first[i];
            double q = second[i];
            gradFirst[i] = p > 0 ? logRatios[i] + (p - q) / p : 0;
            gradSecond[i] = q > 0 ? -logRatios[i] + (q - p) / q : 0;
            negLog[i] = -logRatios[i];
        }
        varianceFirst = n1 == Double.POSITIVE_INFINITY ? 0
                : jacobian1 * jacobian1 * weightedVariance(first, gradFirst) / n1;
        varianceSecond = n2 == Double.POSITIVE_INFINITY ? 0
                : jacobian2 * jacobian2 * weightedVariance(second, gradSecond) / n2;
        fixedVarianceFirst = n1 == Double.POSITIVE_INFINITY ? 0
                : jacobian1 * jacobian1 * weightedVariance(first, logRatios) / n1;
        fixedVarianceSecond = n2 == Double.POSITIVE_INFINITY ? 0
                : jacobian2 * jacobian2 * weightedVariance(second, negLog) / n2;

        chiSquared = effectiveSize * total;
        pValue = degreesOfFreedom == 0 ? 1
                : ChiSquaredDistribution.of(degreesOfFreedom).survivalProbability(chiSquared);
    }

    /** {@code (n s_i + c)/(n + k c)}, or {@code s} itself when {@code c = 0} or {@code n = ∞}. */
    private static double[] smooth(double[] shares, double n, double c) {
        if (c == 0 || n == Double.POSITIVE_INFINITY) {
            return shares.clone();
        }
        int k = shares.length;
        double denominator = n + k * c;
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            out[i] = (n * shares[i] + c) / denominator;
        }
        return out;
    }

    /** {@code d(smoothed share)/d(raw share) = n/(n + k c)}. */
    private static double jacobian(double n, int k, double c) {
        return n == Double.POSITIVE_INFINITY || c == 0 ? 1 : n / (n + k * c);
    }

    /**
     * {@code ln(p/q)}: ±∞ when one share is 0, 0 by convention when both are; accurate when
     * {@code p ≈ q} (log1p of the exact difference).
     */
    static double logRatio(double p, double q) {
        if (p == 0 || q == 0) {
            if (p == q) {
                return 0;
            }
            return p == 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        double d = p - q;
        if (Math.abs(d) < 0.5 * q) {
            return Math.log1p(d / q);
        }
        return Math.log(p) - Math.log(q);
    }

    /** {@code Σ w_i (x_i − x̄)²} with {@code x̄ = Σ w_i x_i}, over entries with {@code w_i > 0}. */
    private static double weightedVariance(double[] w, double[] x) {
        int k = w.length;
        double[] terms = new double[k];
        for (int i = 0; i < k; i++) {
            terms[i] = w[i] > 0 ? w[i] * x[i] : 0;
        }
        double mean = Numerics.sum(terms);
        for (int i = 0; i < k; i++) {
            double dev = x[i] - mean;
            terms[i] = w[i] > 0 ? w[i] * dev * dev : 0;
        }
        return Numerics.sum(terms);
    }

    private static double sumOrInfinity(double[] values) {
        for (double v : values) {
            if (v == Double.POSITIVE_INFINITY) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return Numerics.sum(values);
    }

    // ---------------------------------------------------------------- shared validation

    /**
     * Validates counts (non-negative, finite, integer-valued, positive total) and returns them as
     * shares; the total is written to {@code totalOut[0]}.
     */
    static double[] sharesFromCounts(String name, double[] counts, double[] totalOut) {
        double total = Checks.requireWeights(name, counts);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != Math.rint(counts[i])) {
                throw Checks.fail("%s[%d] is not an integer count: %s", name, i, counts[i]);
            }
        }
        totalOut[0] = total;
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = counts[i] / total;
        }
        return shares;
    }

    /** {@code long[]} counts as doubles (exact below 2^53), rejecting negatives and an empty array. */
    static double[] countsAsDoubles(String name, long[] counts) {
        Checks.requireNonNull(name, counts);
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw Checks.fail("%s[%d] is negative: %d", name, i, counts[i]);
            }
            out[i] = counts[i];
        }
        return out;
    }

    /** Requires equal lengths of at least 2 bins. */
    static void requireBins(String nameA, double[] a, String nameB, double[] b) {
        Checks.requireNonNull(nameA, a);
        Checks.requireNonNull(nameB, b);
        Checks.requireSameLength(nameA, a, nameB, b);
        if (a.length < 2) {
            throw Checks.fail("%s and %s need at least 2 bins: %d", nameA, nameB, a.length);
        }
    }

    /** Requires a finite, non-negative pseudo-count. */
    static double requirePseudoCount(double c) {
        if (!(c >= 0 && c < Double.POSITIVE_INFINITY)) {
            throw Checks.fail("pseudoCount must be non-negative and finite: %s", c);
        }
        return c;
    }
}
