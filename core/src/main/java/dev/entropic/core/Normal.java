package dev.entropic.core;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The normal law N(μ, σ²): {@code p(x) = exp(−(x−μ)²/(2σ²)) / (σ√(2π))}.
 */
public final class Normal extends CommonsUnivariate {
    private final double mean;
    private final double sd;

    private Normal(double mean, double sd) {
        super(NormalDistribution.of(mean, sd));
        this.mean = mean;
        this.sd = sd;
    }

    /** N(mean, sd²); {@code mean} finite, {@code sd > 0} finite. */
    public static Normal of(double mean, double sd) {
        Checks.requireFinite("mean", mean);
        Checks.requirePositiveFinite("sd", sd);
        return new Normal(mean, sd);
    }

    /** The standard normal N(0, 1). */
    public static Normal standard() {
        return of(0, 1);
    }

    /** μ. */
    public double location() {
        return mean;
    }

    /** σ. */
    public double sd() {
        return sd;
    }

    @Override
    public String toString() {
        return "normal(" + mean + "," + sd + ")";
    }
}
