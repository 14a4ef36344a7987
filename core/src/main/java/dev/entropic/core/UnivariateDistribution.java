package dev.entropic.core;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * An absolutely continuous probability law on the real line, given by its density.
 *
 * <p>{@link #logDensity(double)} is the primary quantity for numerical work (divergences, mixtures,
 * likelihoods): it stays finite where the density underflows. Outside the support the density is
 * 0 and the log-density −∞.
 */
public interface UnivariateDistribution extends Distribution {
    @Override
    default int dimension() {
        return 1;
    }

    /** The density {@code p(x)}. */
    double density(double x);

    /** {@code log p(x)}, −∞ outside the support. */
    double logDensity(double x);

    /** The cumulative distribution function {@code F(x) = P(X ≤ x)}. */
    double cdf(double x);

    /** The quantile function {@code F⁻¹(u) = inf{x : F(x) ≥ u}} for {@code u ∈ [0, 1]}. */
    double inverseCdf(double u);

    /** The mean (may be infinite or NaN where undefined, e.g. Student t with ν ≤ 1). */
    double mean();

    /** The variance (may be infinite or NaN where undefined). */
    double variance();

    /** The infimum of the support (may be −∞). */
    double supportLowerBound();

    /** The supremum of the support (may be +∞). */
    double supportUpperBound();

    /** {@code n} independent draws using {@code rng}. */
    double[] sample(UniformRandomProvider rng, int n);
}
