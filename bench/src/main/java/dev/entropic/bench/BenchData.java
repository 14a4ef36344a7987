package dev.entropic.bench;

import dev.entropic.core.Checks;
import dev.entropic.core.Rng;
import org.apache.commons.rng.UniformRandomProvider;

/** Seeded inputs shared by the benchmarks, so that every run measures the same numbers. */
public final class BenchData {
    private BenchData() {
    }

    /**
     * A Dirichlet(1, …, 1) probability vector of length {@code n}: independent standard exponential
     * draws {@code −ln U} (Gamma(1) variates) divided by their sum. Every mass is positive, most are
     * of order {@code 1/n}, the smallest of order {@code 1/n²}.
     */
    public static double[] dirichlet(UniformRandomProvider rng, int n) {
        Checks.requirePositive("n", n);
        double[] x = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            // 1 − nextDouble() lies in (0, 1], so the logarithm is finite.
            x[i] = -Math.log(1 - rng.nextDouble());
            total += x[i];
        }
        for (int i = 0; i < n; i++) {
            x[i] /= total;
        }
        return x;
    }

    /** Two independent Dirichlet(1) vectors of length {@code n} from {@code Rng.seeded(seed)}. */
    public static double[][] pair(long seed, int n) {
        UniformRandomProvider rng = Rng.seeded(seed);
        return new double[][] {dirichlet(rng, n), dirichlet(rng, n)};
    }
}
