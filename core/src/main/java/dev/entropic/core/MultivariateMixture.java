package dev.entropic.core;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

/**
 * A finite mixture {@code p(x) = Σ_k w_k p_k(x)} of laws on R^d (e.g. a Gaussian mixture), weights
 * normalised to 1, log-density by log-sum-exp.
 */
public final class MultivariateMixture implements MultivariateDistribution {
    private final double[] weights;
    private final double[] logWeights;
    private final MultivariateDistribution[] components;
    private final int d;

    private MultivariateMixture(double[] weights, MultivariateDistribution[] components) {
        this.weights = weights;
        this.components = components;
        this.d = components[0].dimension();
        this.logWeights = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            logWeights[i] = Math.log(weights[i]);
        }
    }

    /** A mixture of components of one common dimension; weights non-negative, normalised here. */
    public static MultivariateMixture of(double[] weights, List<? extends MultivariateDistribution> components) {
        double total = Checks.requireWeights("weights", weights);
        Checks.requireNonNull("components", components);
        if (components.size() != weights.length) {
            throw Checks.fail("weights and components differ in length: %d vs %d", weights.length, components.size());
        }
        double[] w = new double[weights.length];
        MultivariateDistribution[] c = new MultivariateDistribution[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i] / total;
            c[i] = Checks.requireNonNull("components[" + i + "]", components.get(i));
            if (c[i].dimension() != c[0].dimension()) {
                throw Checks.fail("components[%d] has dimension %d, components[0] has %d", i, c[i].dimension(), c[0].dimension());
            }
        }
        return new MultivariateMixture(w, c);
    }

    @Override
    public int dimension() {
        return d;
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
    public MultivariateDistribution component(int k) {
        return components[k];
    }

    @Override
    public double logDensity(double[] x) {
        double[] terms = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            terms[k] = logWeights[k] + components[k].logDensity(x);
        }
        return Numerics.logSumExp(terms);
    }

    @Override
    public double[][] sample(UniformRandomProvider rng, int n) {
        Checks.requireNonNull("rng", rng);
        SharedStateDiscreteSampler pick = AliasMethodDiscreteSampler.of(rng, weights);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = components[pick.sample()].sample(rng, 1)[0];
        }
        return out;
    }
}
