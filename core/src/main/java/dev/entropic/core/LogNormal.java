package dev.entropic.core;

import org.apache.commons.statistics.distribution.LogNormalDistribution;

/**
 * The log-normal law: {@code ln X ~ N(μ, σ²)}; {@code p(x) = exp(−(ln x − μ)²/(2σ²)) / (xσ√(2π))}
 * on x &gt; 0 (scipy's {@code lognorm(s=σ, scale=e^μ)}).
 */
public final class LogNormal extends CommonsUnivariate {
    private final double mu;
    private final double sigma;

    private LogNormal(double mu, double sigma) {
        super(LogNormalDistribution.of(mu, sigma));
        this.mu = mu;
        this.sigma = sigma;
    }

    /** LogNormal(mu, sigma): the law of exp(N(mu, sigma²)). */
    public static LogNormal of(double mu, double sigma) {
        Checks.requireFinite("mu", mu);
        Checks.requirePositiveFinite("sigma", sigma);
        return new LogNormal(mu, sigma);
    }

    /** μ, the mean of ln X. */
    public double mu() {
        return mu;
    }

    /** σ, the standard deviation of ln X. */
    public double sigma() {
        return sigma;
    }

    @Override
    public String toString() {
        return "lognormal(" + mu + "," + sigma + ")";
    }
}
