package dev.entropic.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entropic.core.Rng;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** Laws of the 1-D KDE, for every kernel, on seeded random data. */
class KernelDensityPropertiesTest {
    /** Trapezoid quadrature with 20 000 nodes of a piecewise-smooth density. */
    static final double INTEGRAL_TOL = 1e-4;
    static final double DUPLICATE_TOL = 1e-12;
    /** Stated error of the FFT-binned evaluation, relative to the maximal density. */
    static final double FFT_TOL = 1e-3;
    static final double KERNEL_MOMENT_TOL = 1e-6;

    static double[] data(UniformRandomProvider rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            x[i] = (u < 0.7 ? 0 : 4) + (rng.nextDouble() + rng.nextDouble() + rng.nextDouble() - 1.5) * 2;
        }
        return x;
    }

    @Test
    void kernelsHaveUnitMassAndUnitVariance() {
        for (Kernel k : Kernel.values()) {
            double a = Math.min(k.radius(), 40);
            int m = 400_000;
            double step = 2 * a / m;
            double mass = 0;
            double var = 0;
            for (int i = 0; i < m; i++) { // midpoint rule
                double u = -a + (i + 0.5) * step;
                mass += k.value(u) * step;
                var += u * u * k.value(u) * step;
            }
            assertEquals(1, mass, KERNEL_MOMENT_TOL, k.name());
            assertEquals(1, var, KERNEL_MOMENT_TOL, k.name());
            assertEquals(0.25, k.cdf(k.inverseCdf(0.25)), 1e-12, k.name());
        }
    }

    @Test
    void densityIsNonNegativeIntegratesToOneAndMatchesCdf() {
        qt().withExamples(16).forAll(longs().all(), integers().between(0, Kernel.values().length - 1))
            .checkAssert((seed, ki) -> {
                UniformRandomProvider rng = Rng.seeded(seed);
                Kernel k = Kernel.values()[ki];
                double[] x = data(rng, 50);
                KernelDensity kde = KernelDensity.of(x, null, Bandwidth.silverman(), k);
                double lo = -20;
                double hi = 25;
                int m = 20_000;
                double step = (hi - lo) / m;
                double integral = 0;
                for (int i = 0; i <= m; i++) {
                    double d = kde.density(lo + i * step);
                    assertTrue(d >= 0);
                    integral += ((i == 0 || i == m) ? 0.5 : 1) * d * step;
                }
                // the uniform kernel jumps at 2n points: trapezoid error ≤ step × jump / 2 at each
                double jumpBound = k == Kernel.UNIFORM ? step / (2 * k.radius() * kde.bandwidth()) : 0;
                assertEquals(1, integral, INTEGRAL_TOL + jumpBound, k.name());
                // the cdf agrees with the integrated density (laplace tails beyond ±20 are ~1e-9)
                assertEquals(integral, kde.cdf(hi) - kde.cdf(lo), INTEGRAL_TOL + jumpBound, k.name());
            });
    }

    @Test
    void weightTwoEqualsDuplicatedPoint() {
        qt().withExamples(20).forAll(longs().all(), integers().between(0, Kernel.values().length - 1))
            .checkAssert((seed, ki) -> {
                UniformRandomProvider rng = Rng.seeded(seed);
                Kernel k = Kernel.values()[ki];
                double[] x = data(rng, 30);
                double[] w = new double[30];
                java.util.Arrays.fill(w, 1);
                w[7] = 2;
                double[] dup = java.util.Arrays.copyOf(x, 31);
                dup[30] = x[7];
                KernelDensity weighted = KernelDensity.of(x, w, Bandwidth.of(0.7), k);
                KernelDensity duplicated = KernelDensity.of(dup, null, Bandwidth.of(0.7), k);
                for (double q = -6; q <= 10; q += 0.37) {
                    assertEquals(duplicated.density(q), weighted.density(q), DUPLICATE_TOL);
                    assertEquals(duplicated.cdf(q), weighted.cdf(q), DUPLICATE_TOL);
                }
            });
    }

    @Test
    void fftIsWithinStatedErrorOfExact() {
        qt().withExamples(16).forAll(longs().all(), integers().between(0, Kernel.values().length - 1))
            .checkAssert((seed, ki) -> {
                UniformRandomProvider rng = Rng.seeded(seed);
                Kernel k = Kernel.values()[ki];
                if (k == Kernel.UNIFORM || k == Kernel.TRIANGULAR || k == Kernel.LAPLACE) {
                    return; // kernels with kinks: not smooth data at the bandwidth scale
                }
                double[] x = data(rng, 2000);
                KernelDensity kde = KernelDensity.of(x, null, Bandwidth.scott(), k);
                double[] q = new double[500];
                for (int i = 0; i < q.length; i++) {
                    q[i] = -8 + 20.0 * i / q.length;
                }
                double[] exact = kde.densities(q, KernelDensity.Method.EXACT);
                double[] fft = kde.densities(q, KernelDensity.Method.FFT);
                double max = 0;
                for (double v : exact) {
                    max = Math.max(max, v);
                }
                for (int i = 0; i < q.length; i++) {
                    assertEquals(exact[i], fft[i], FFT_TOL * max, k + " at " + q[i]);
                }
            });
    }

    @Test
    void samplesHaveTheKdeMoments() {
        KernelDensity kde = KernelDensity.of(data(Rng.seeded(3), 100), null, Bandwidth.scott(), Kernel.EPANECHNIKOV);
        double[] s = kde.sample(Rng.seeded(4), 200_000);
        double m = 0;
        for (double v : s) {
            m += v;
        }
        m /= s.length;
        double var = 0;
        for (double v : s) {
            var += (v - m) * (v - m);
        }
        var /= s.length;
        double se = Math.sqrt(kde.variance() / s.length);
        assertEquals(kde.mean(), m, 5 * se);
        assertEquals(kde.variance(), var, 0.02 * kde.variance());
    }
}
