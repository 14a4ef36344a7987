package dev.entropic.core;

import org.apache.commons.rng.UniformRandomProvider;

/** An absolutely continuous probability law on R^d, given by its density. */
public interface MultivariateDistribution extends Distribution {
    /** {@code log p(x)} for a point of length {@link #dimension()}; −∞ outside the support. */
    double logDensity(double[] x);

    /** {@code p(x)}. */
    default double density(double[] x) {
        return Math.exp(logDensity(x));
    }

    /** {@code n} independent draws, one row per draw. */
    double[][] sample(UniformRandomProvider rng, int n);
}
