package dev.entropic.core;

import org.apache.commons.statistics.distribution.UniformContinuousDistribution;

/** The uniform law on [lower, upper]: {@code p(x) = 1/(upper − lower)}. */
public final class Uniform extends CommonsUnivariate {
    private final double lower;
    private final double upper;

    private Uniform(double lower, double upper) {
        super(UniformContinuousDistribution.of(lower, upper));
        this.lower = lower;
        this.upper = upper;
    }

    /** Uniform(lower, upper) with finite {@code lower < upper}. */
    public static Uniform of(double lower, double upper) {
        Checks.requireFinite("lower", lower);
        Checks.requireFinite("upper", upper);
        if (!(lower < upper)) {
            throw Checks.fail("lower must be below upper: %s >= %s", lower, upper);
        }
        return new Uniform(lower, upper);
    }

    /** The lower end. */
    public double lower() {
        return lower;
    }

    /** The upper end. */
    public double upper() {
        return upper;
    }

    @Override
    public String toString() {
        return "uniform(" + lower + "," + upper + ")";
    }
}
