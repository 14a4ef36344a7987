package dev.entropic.core;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.hipparchus.analysis.solvers.BrentSolver;

/**
 * A finite mixture {@code p(x) = Σ_k w_k p_k(x)} of univariate laws, with weights normalised to 1.
 * The log-density is a log-sum-exp of {@code log w_k + log p_k(x)}, so it stays accurate in the
 * tails where every component density underflows.
 */
public final class UnivariateMixture implements UnivariateDistribution {
    private final double[] weights;
    private final double[] logWeights;
    private final UnivariateDistribution[] components;

    private UnivariateMixture(double[] weights, UnivariateDistribution[] components) {
        this.weights = weights;
        this.components = components;
        this.logWeights = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            logWeights[i] = Math.log(weights[i]);
        }
    }

    /** A mixture; {@code weights} are non-negative, normalised here, one per component. */
    public static UnivariateMixture of(double[] weights, List<? extends UnivariateDistribution> components) {
        double total = Checks.requireWeights("weights", weights);
        Checks.requireNonNull("components", components);
        if (components.size() != weights.length) {
            throw Checks.fail("weights and components differ in length: %d vs %d", weights.length, components.size());
        }
        double[] w = new double[weights.length];
        UnivariateDistribution[] c = new UnivariateDistribution[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i] / total;
            c[i] = Checks.requireNonNull("components[" + i + "]", components.get(i));
        }
        return new UnivariateMixture(w, c);
    }

    /** The number of components. */
    public int size() {
        return weights.length;
    }

    /** A copy of the normalised weights. */
    public double[] weights() {
        return weights.clone();
    }

    /** Component k. */
    public UnivariateDistribution component(int k) {
        return components[k];
    }

    @Override
    public double density(double x) {
        double s = 0;
        for (int k = 0; k < weights.length; k++) {
            s += weights[k] * components[k].density(x);
        }
        return s;
    }

    @Override
    public double logDensity(double x) {
        double[] terms = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            terms[k] = logWeights[k] + components[k].logDensity(x);
        }
        return Numerics.logSumExp(terms);
    }

    @Override
    public double cdf(double x) {
        double s = 0;
        for (int k = 0; k < weights.length; k++) {
            s += weights[k] * components[k].cdf(x);
        }
        return Math.min(1, s);
    }

    @Override
    public double inverseCdf(double u) {
        Checks.requireInRange("u", u, 0, 1);
        if (u == 0) {
            return supportLowerBound();
        }
        if (u == 1) {
            return supportUpperBound();
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (UnivariateDistribution c : components) {
            lo = Math.min(lo, c.inverseCdf(u));
            hi = Math.max(hi, c.inverseCdf(u));
        }
        if (lo == hi) {
            return lo;
        }
        return new BrentSolver(1e-14, 1e-15).solve(200, x -> cdf(x) - u, lo, hi);
    }

    @Override
    public double mean() {
        double m = 0;
        for (int k = 0; k < weights.length; k++) {
            m += weights[k] * components[k].mean();
        }
        return m;
    }

    @Override
    public double variance() {
        double m = mean();
        double v = 0;
        for (int k = 0; k < weights.length; k++) {
            double mk = components[k].mean();
            v += weights[k] * (components[k].variance() + (mk - m) * (mk - m));
        }
        return v;
    }

    @Override
    public double supportLowerBound() {
        double lo = Double.POSITIVE_INFINITY;
        for (UnivariateDistribution c : components) {
            lo = Math.min(lo, c.supportLowerBound());
        }
        return lo;
    }

    @Override
    public double supportUpperBound() {
        double hi = Double.NEGATIVE_INFINITY;
        for (UnivariateDistribution c : components) {
            hi = Math.max(hi, c.supportUpperBound());
        }
        return hi;
    }

    @Override
    public double[] sample(UniformRandomProvider rng, int n) {
        Checks.requireNonNull("rng", rng);
        SharedStateDiscreteSampler pick = AliasMethodDiscreteSampler.of(rng, weights);
        int[] counts = new int[weights.length];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = pick.sample();
            counts[labels[i]]++;
        }
        double[][] draws = new double[weights.length][];
        for (int k = 0; k < weights.length; k++) {
            draws[k] = components[k].sample(rng, counts[k]);
        }
        int[] next = new int[weights.length];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int k = labels[i];
            out[i] = draws[k][next[k]++];
        }
        return out;
    }

    @Override
    public String toString() {
        return "UnivariateMixture(k=" + weights.length + ")";
    }
}
