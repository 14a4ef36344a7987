package dev.entropic.core;

import org.apache.commons.statistics.distribution.LaplaceDistribution;

/** The Laplace law with location μ and scale b: {@code p(x) = exp(−|x−μ|/b) / (2b)}. */
public final class Laplace extends CommonsUnivariate {
    private final double location;
    private final double scale;

    private Laplace(double location, double scale) {
        super(LaplaceDistribution.of(location, scale));
        this.location = location;
        this.scale = scale;
    }

    /** Laplace(location, scale); {@code scale > 0}. */
    public static Laplace of(double location, double scale) {
        Checks.requireFinite("location", location);
        Checks.requirePositiveFinite("scale", scale);
        return new Laplace(location, scale);
    }

    /** μ. */
    public double location() {
        return location;
    }

    /** b. */
    public double scale() {
        return scale;
    }

    @Override
    public String toString() {
        return "laplace(" + location + "," + scale + ")";
    }
}
