package dev.entropic.core;

import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * The gamma law with shape k and scale θ: {@code p(x) = x^{k−1} exp(−x/θ) / (Γ(k) θ^k)} on x &gt; 0
 * (scipy's {@code gamma(a=k, scale=θ)}).
 */
public final class Gamma extends CommonsUnivariate {
    private final double shape;
    private final double scale;

    private Gamma(double shape, double scale) {
        super(GammaDistribution.of(shape, scale));
        this.shape = shape;
        this.scale = scale;
    }

    /** Gamma(shape, scale); both positive. */
    public static Gamma of(double shape, double scale) {
        Checks.requirePositiveFinite("shape", shape);
        Checks.requirePositiveFinite("scale", scale);
        return new Gamma(shape, scale);
    }

    /** k. */
    public double shape() {
        return shape;
    }

    /** θ. */
    public double scale() {
        return scale;
    }

    @Override
    public String toString() {
        return "gamma(" + shape + "," + scale + ")";
    }
}
