package dev.entropic.core;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

/**
 * A probability distribution over the finite support {0, 1, …, k−1}: a probability vector
 * {@code p} with {@code p_i ≥ 0} and {@code Σ p_i = 1}.
 *
 * <p>Three factories, by what the caller holds:
 * <ul>
 *   <li>{@link #ofProbabilities(double...)}: a vector that must already sum to 1 (within
 *       {@value Checks#PROBABILITY_SUM_TOLERANCE} relative); it is divided by its exact sum so
 *       that downstream sums are exact to rounding;</li>
 *   <li>{@link #ofWeights(double...)}: non-negative weights (counts, scores), normalised;</li>
 *   <li>{@link #ofLogWeights(double...)}: log-weights (logits), normalised by log-sum-exp, with
 *       the log-probabilities kept exactly so that tiny masses are not lost to underflow.</li>
 * </ul>
 * Negative, NaN or infinite masses and empty supports are rejected with an
 * {@link IllegalArgumentException} naming the argument.
 */
public final class DiscreteDistribution implements Distribution {
    private final double[] p;
    private final double[] logP;

    private DiscreteDistribution(double[] p, double[] logP) {
        this.p = p;
        this.logP = logP;
    }

    /** A distribution from a probability vector (copied; must sum to 1 within 1e-9 relative). */
    public static DiscreteDistribution ofProbabilities(double... probabilities) {
        double total = Checks.requireProbabilities("probabilities", probabilities);
        return fromNormalised(scale(probabilities, total));
    }

    /** A distribution from non-negative weights with a positive finite total (copied, normalised). */
    public static DiscreteDistribution ofWeights(double... weights) {
        double total = Checks.requireWeights("weights", weights);
        return fromNormalised(scale(weights, total));
    }

    /**
     * A distribution from log-weights {@code w_i}: {@code p_i = exp(w_i − logsumexp(w))}. Entries may
     * be −∞ (zero mass); NaN or +∞ entries, or all −∞, are rejected.
     */
    public static DiscreteDistribution ofLogWeights(double... logWeights) {
        Checks.requireNonEmpty("logWeights", logWeights);
        for (int i = 0; i < logWeights.length; i++) {
            double w = logWeights[i];
            if (Double.isNaN(w)) {
                throw Checks.fail("logWeights[%d] is NaN", i);
            }
            if (w == Double.POSITIVE_INFINITY) {
                throw Checks.fail("logWeights[%d] is +Infinity", i);
            }
        }
        double lse = Numerics.logSumExp(logWeights);
        if (lse == Double.NEGATIVE_INFINITY) {
            throw Checks.fail("logWeights has zero total mass (all entries are -Infinity)");
        }
        double[] logP = new double[logWeights.length];
        double[] p = new double[logWeights.length];
        for (int i = 0; i < logP.length; i++) {
            logP[i] = logWeights[i] - lse;
            p[i] = Math.exp(logP[i]);
        }
        return new DiscreteDistribution(p, logP);
    }

    /** The uniform distribution on k points. */
    public static DiscreteDistribution uniform(int k) {
        Checks.requirePositive("k", k);
        double[] p = new double[k];
        Arrays.fill(p, 1.0 / k);
        return fromNormalised(p);
    }

    private static double[] scale(double[] w, double total) {
        double[] p = new double[w.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = w[i] / total;
        }
        return p;
    }

    private static DiscreteDistribution fromNormalised(double[] p) {
        double[] logP = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            logP[i] = Math.log(p[i]);
        }
        return new DiscreteDistribution(p, logP);
    }

    @Override
    public int dimension() {
        return 1;
    }

    /** The number of support points k. */
    public int size() {
        return p.length;
    }

    /** {@code p_i}. */
    public double probability(int i) {
        return p[i];
    }

    /** {@code log p_i} (−∞ for a zero mass). */
    public double logProbability(int i) {
        return logP[i];
    }

    /** A copy of the probability vector. */
    public double[] probabilities() {
        return p.clone();
    }

    /** A copy of the log-probability vector. */
    public double[] logProbabilities() {
        return logP.clone();
    }

    /** Shannon entropy {@code H(p) = −Σ p_i ln p_i} in nats, with {@code 0 ln 0 = 0}. */
    public double entropy() {
        double[] terms = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            terms[i] = p[i] == 0 ? 0 : -p[i] * logP[i];
        }
        return Numerics.sum(terms);
    }

    /** Draws {@code n} support indices with the alias method (Vose), seeded by {@code rng}. */
    public int[] sample(UniformRandomProvider rng, int n) {
        Checks.requireNonNull("rng", rng);
        if (n < 0) {
            throw Checks.fail("n must be non-negative: %d", n);
        }
        SharedStateDiscreteSampler sampler = AliasMethodDiscreteSampler.of(rng, p);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = sampler.sample();
        }
        return out;
    }

    @Override
    public String toString() {
        return "DiscreteDistribution" + Arrays.toString(p);
    }
}
