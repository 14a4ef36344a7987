package dev.entropic.core;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.hipparchus.distribution.RealDistribution;

/**
 * Adapters that make any Commons Statistics or Hipparchus continuous distribution an entropic
 * {@link UnivariateDistribution}.
 */
public final class Univariate {
    private Univariate() {
    }

    /** Adapts a Commons Statistics distribution (sampling uses its own sampler). */
    public static UnivariateDistribution of(ContinuousDistribution distribution) {
        Checks.requireNonNull("distribution", distribution);
        return new CommonsUnivariate(distribution) {
            @Override
            public String toString() {
                return distribution.toString();
            }
        };
    }

    /** Adapts a Hipparchus distribution (sampling by inversion of its quantile function). */
    public static UnivariateDistribution of(RealDistribution distribution) {
        Checks.requireNonNull("distribution", distribution);
        return new HipparchusAdapter(distribution);
    }

    /** A uniform draw in the open interval (0, 1), for inversion sampling. */
    static double openUnit(UniformRandomProvider rng) {
        return ((rng.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
    }

    private static final class HipparchusAdapter implements UnivariateDistribution {
        private final RealDistribution d;

        HipparchusAdapter(RealDistribution d) {
            this.d = d;
        }

        @Override
        public double density(double x) {
            return d.density(x);
        }

        @Override
        public double logDensity(double x) {
            return d.logDensity(x);
        }

        @Override
        public double cdf(double x) {
            return d.cumulativeProbability(x);
        }

        @Override
        public double inverseCdf(double u) {
            Checks.requireInRange("u", u, 0, 1);
            return d.inverseCumulativeProbability(u);
        }

        @Override
        public double mean() {
            return d.getNumericalMean();
        }

        @Override
        public double variance() {
            return d.getNumericalVariance();
        }

        @Override
        public double supportLowerBound() {
            return d.getSupportLowerBound();
        }

        @Override
        public double supportUpperBound() {
            return d.getSupportUpperBound();
        }

        @Override
        public double[] sample(UniformRandomProvider rng, int n) {
            Checks.requireNonNull("rng", rng);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = d.inverseCumulativeProbability(openUnit(rng));
            }
            return out;
        }

        @Override
        public String toString() {
            return d.toString();
        }
    }
}
