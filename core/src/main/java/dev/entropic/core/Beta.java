package dev.entropic.core;

import org.apache.commons.statistics.distribution.BetaDistribution;

/** The beta law: {@code p(x) = x^{a−1}(1−x)^{b−1} / B(a, b)} on (0, 1). */
public final class Beta extends CommonsUnivariate {
    private final double alpha;
    private final double beta;

    private Beta(double alpha, double beta) {
        super(BetaDistribution.of(alpha, beta));
        this.alpha = alpha;
        this.beta = beta;
    }

    /** Beta(alpha, beta); both positive. */
    public static Beta of(double alpha, double beta) {
        Checks.requirePositiveFinite("alpha", alpha);
        Checks.requirePositiveFinite("beta", beta);
        return new Beta(alpha, beta);
    }

    /** a. */
    public double alpha() {
        return alpha;
    }

    /** b. */
    public double beta() {
        return beta;
    }

    @Override
    public String toString() {
        return "beta(" + alpha + "," + beta + ")";
    }
}
