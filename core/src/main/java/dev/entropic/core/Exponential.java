package dev.entropic.core;

import org.apache.commons.statistics.distribution.ExponentialDistribution;

/** The exponential law with rate λ: {@code p(x) = λ exp(−λx)} on x ≥ 0 (mean 1/λ). */
public final class Exponential extends CommonsUnivariate {
    private final double rate;

    private Exponential(double rate) {
        super(ExponentialDistribution.of(1.0 / rate));
        this.rate = rate;
    }

    /** Exponential with {@code rate > 0} (note: rate, not mean). */
    public static Exponential of(double rate) {
        Checks.requirePositiveFinite("rate", rate);
        return new Exponential(rate);
    }

    /** λ. */
    public double rate() {
        return rate;
    }

    @Override
    public String toString() {
        return "exponential(" + rate + ")";
    }
}
