package dev.entropic.core;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * Base of the named univariate laws: delegates density, log-density, cdf, quantile and sampling to
 * a Commons Statistics distribution (whose special functions come from Commons Numbers, with
 * fast samplers from Commons RNG), so that no special function is re-derived here.
 */
abstract class CommonsUnivariate implements UnivariateDistribution {
    private final ContinuousDistribution delegate;

    CommonsUnivariate(ContinuousDistribution delegate) {
        this.delegate = delegate;
    }

    @Override
    public double density(double x) {
        return delegate.density(x);
    }

    @Override
    public double logDensity(double x) {
        return delegate.logDensity(x);
    }

    @Override
    public double cdf(double x) {
        return delegate.cumulativeProbability(x);
    }

    @Override
    public double inverseCdf(double u) {
        Checks.requireInRange("u", u, 0, 1);
        return delegate.inverseCumulativeProbability(u);
    }

    @Override
    public double mean() {
        return delegate.getMean();
    }

    @Override
    public double variance() {
        return delegate.getVariance();
    }

    @Override
    public double supportLowerBound() {
        return delegate.getSupportLowerBound();
    }

    @Override
    public double supportUpperBound() {
        return delegate.getSupportUpperBound();
    }

    @Override
    public double[] sample(UniformRandomProvider rng, int n) {
        Checks.requireNonNull("rng", rng);
        if (n < 0) {
            throw Checks.fail("n must be non-negative: %d", n);
        }
        ContinuousDistribution.Sampler sampler = delegate.createSampler(rng);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = sampler.sample();
        }
        return out;
    }
}
