package dev.entropic.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entropic.core.FastExp;
import dev.entropic.core.Rng;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** Laws of the d-D KDE on seeded random data (the seed is part of every failure message). */
class MultivariateKernelDensityPropertiesTest {
    /** 2-D trapezoid quadrature on a 400 × 400 grid of a piecewise-smooth density. */
    static final double INTEGRAL_TOL = 2e-3;
    /** The uniform kernel's density jumps along lines: the trapezoid rule is only first order there. */
    static final double INTEGRAL_TOL_DISCONTINUOUS = 1e-2;
    /** Importance-sampling Monte Carlo: allowed deviation in standard errors. */
    static final double MC_SIGMAS = 5;
    static final double DUPLICATE_TOL = 1e-12;
    /** Stated error of the 2-D FFT-binned evaluation, relative to the maximal density. */
    static final double FFT_TOL = 1e-3;
    /**
     * d = 1 against the 1-D KernelDensity: the same sums by another code path (fast exponential,
     * other summation order); 1.3e-12 relative was seen in a far tail (density 3e-6).
     */
    static final double ONE_D_TOL = 1e-11;

    static double[][] data(UniformRandomProvider rng, int n, int d) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double shift = rng.nextDouble() < 0.7 ? 0 : 3;
            double common = normal(rng);
            for (int k = 0; k < d; k++) {
                x[i][k] = shift + (k + 1) * (0.6 * normal(rng) + 0.5 * common);
            }
        }
        return x;
    }

    static double normal(UniformRandomProvider rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Test
    void densityIsNonNegativeAndIntegratesToOneIn2d() {
        qt().withExamples(8).forAll(longs().all(), integers().between(0, Kernel.values().length - 1))
            .checkAssert((seed, ki) -> {
                UniformRandomProvider rng = Rng.seeded(seed);
                Kernel k = Kernel.values()[ki];
                double[][] x = data(rng, 30, 2);
                double[] w = new double[30];
                for (int i = 0; i < w.length; i++) {
                    w[i] = rng.nextDouble();
                }
                MultivariateKernelDensity kde = MultivariateKernelDensity.of(x, w, BandwidthMatrix.scott(), k);
                int m = 400;
                double lo0 = -12;
                double hi0 = 18;
                double lo1 = -16;
                double hi1 = 22;
                double[][] q = new double[m * m][];
                for (int a = 0; a < m; a++) {
                    for (int b = 0; b < m; b++) {
                        q[a * m + b] = new double[] {lo0 + (hi0 - lo0) * a / (m - 1), lo1 + (hi1 - lo1) * b / (m - 1)};
                    }
                }
                double[] f = kde.densities(q, KernelDensity.Method.EXACT);
                double s = 0;
                for (int a = 0; a < m; a++) {
                    for (int b = 0; b < m; b++) {
                        double v = f[a * m + b];
                        assertTrue(v >= 0, "seed " + seed);
                        double wt = (a == 0 || a == m - 1 ? 0.5 : 1) * (b == 0 || b == m - 1 ? 0.5 : 1);
                        s += wt * v;
                    }
                }
                s *= (hi0 - lo0) / (m - 1) * (hi1 - lo1) / (m - 1);
                assertEquals(1, s, k == Kernel.UNIFORM ? INTEGRAL_TOL_DISCONTINUOUS : INTEGRAL_TOL, "seed " + seed + " kernel " + k);
            });
    }

    @Test
    void integratesToOneIn3dByImportanceSampling() {
        qt().withExamples(4).forAll(longs().all(), integers().between(0, Kernel.values().length - 1))
            .checkAssert((seed, ki) -> {
                UniformRandomProvider rng = Rng.seeded(seed);
                Kernel k = Kernel.values()[ki];
                double[][] x = data(rng, 40, 3);
                MultivariateKernelDensity kde = MultivariateKernelDensity.of(x, null, BandwidthMatrix.silverman(), k);
                // proposal: independent normals, mean 1, sd 3(k+1) (wider than the estimate)
                int m = 20_000;
                double[][] q = new double[m][3];
                double[] logG = new double[m];
                for (int j = 0; j < m; j++) {
                    for (int c = 0; c < 3; c++) {
                        double sd = 3 * (c + 1);
                        double z = normal(rng);
                        q[j][c] = 1 + sd * z;
                        logG[j] += -0.5 * z * z - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
                    }
                }
                double[] f = kde.densities(q, KernelDensity.Method.EXACT);
                double s = 0;
                double s2 = 0;
                for (int j = 0; j < m; j++) {
                    assertTrue(f[j] >= 0, "seed " + seed);
                    double r = f[j] / Math.exp(logG[j]);
                    s += r;
                    s2 += r * r;
                }
                double mean = s / m;
                double se = Math.sqrt((s2 / m - mean * mean) / m);
                assertEquals(1, mean, MC_SIGMAS * se, "seed " + seed + " kernel " + k);
            });
    }

    @Test
    void weightTwoEqualsDuplicatedPoint() {
        qt().withExamples(10).forAll(longs().all(), integers().between(0, Kernel.values().length - 1), integers().between(1, 5))
            .checkAssert((seed, ki, d) -> {
                UniformRandomProvider rng = Rng.seeded(seed);
                Kernel k = Kernel.values()[ki];
                double[][] x = data(rng, 25, d);
                double[] w = new double[25];
                java.util.Arrays.fill(w, 1);
                w[3] = 2;
                w[7] = 0; // dropped
                List<double[]> dup = new ArrayList<>();
                for (int i = 0; i < x.length; i++) {
                    if (i != 7) {
                        dup.add(x[i]);
                    }
                }
                dup.add(x[3]);
                double[][] hm = BandwidthMatrix.scott().select(x, null);
                BandwidthMatrix fixed = BandwidthMatrix.full(hm);
                MultivariateKernelDensity a = MultivariateKernelDensity.of(x, w, fixed, k);
                MultivariateKernelDensity b = MultivariateKernelDensity.of(dup.toArray(new double[0][]), null, fixed, k);
                double[][] q = data(rng, 20, d);
                double[] fa = a.densities(q, KernelDensity.Method.EXACT);
                double[] fb = b.densities(q, KernelDensity.Method.EXACT);
                for (int j = 0; j < q.length; j++) {
                    assertEquals(fb[j], fa[j], DUPLICATE_TOL * Math.max(fb[j], 1e-300), "seed " + seed + " q" + j);
                }
            });
    }

    @Test
    void oneDimensionalMatchesKernelDensity() {
        qt().withExamples(16).forAll(longs().all(), integers().between(0, Kernel.values().length - 1))
            .checkAssert((seed, ki) -> {
                UniformRandomProvider rng = Rng.seeded(seed);
                Kernel k = Kernel.values()[ki];
                double[][] x = data(rng, 60, 1);
                double[] x1 = new double[60];
                double[] w = new double[60];
                for (int i = 0; i < 60; i++) {
                    x1[i] = x[i][0];
                    w[i] = 0.5 + rng.nextDouble();
                }
                KernelDensity one = KernelDensity.of(x1, w, Bandwidth.silverman(), k);
                MultivariateKernelDensity multi = MultivariateKernelDensity.of(x, w, BandwidthMatrix.silverman(), k);
                assertEquals(one.factor(), multi.factor(), 1e-13 * one.factor(), "seed " + seed);
                for (int j = 0; j < 50; j++) {
                    double q = -6 + 14 * rng.nextDouble();
                    double e = one.density(q);
                    assertEquals(e, multi.density(new double[] {q}), ONE_D_TOL * Math.max(e, 1e-300), "seed " + seed + " q " + q);
                }
            });
    }

    @Test
    void fftIsWithinItsStatedErrorIn2d() {
        qt().withExamples(3).forAll(longs().all(), integers().between(0, 2)).checkAssert((seed, rule) -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            double[][] x = data(rng, 2000, 2);
            BandwidthMatrix bw = rule == 0 ? BandwidthMatrix.scott() : rule == 1 ? BandwidthMatrix.diagonal(Bandwidth.silverman())
                : BandwidthMatrix.factor(0.5);
            MultivariateKernelDensity kde = MultivariateKernelDensity.of(x, null, bw, Kernel.GAUSSIAN);
            double[][] q = data(rng, 500, 2);
            double[] exact = kde.densities(q, KernelDensity.Method.EXACT);
            double[] fft = kde.densities(q, KernelDensity.Method.FFT);
            double max = 0;
            for (double v : exact) {
                max = Math.max(max, v);
            }
            for (int j = 0; j < q.length; j++) {
                assertEquals(exact[j], fft[j], FFT_TOL * max, "seed " + seed + " q" + j);
            }
        });
    }

    @Test
    void samplesHaveTheEstimatesMeanAndCovariance() {
        UniformRandomProvider rng = Rng.seeded(7);
        double[][] x = data(rng, 50, 3);
        for (Kernel k : new Kernel[] {Kernel.GAUSSIAN, Kernel.EPANECHNIKOV, Kernel.LAPLACE}) {
            MultivariateKernelDensity kde = MultivariateKernelDensity.of(x, null, BandwidthMatrix.scott(), k);
            int m = 200_000;
            double[][] s = kde.sample(rng, m);
            double[][] h = kde.bandwidthMatrix();
            double[][] pop = BandwidthMatrix.covariance(x, null);
            for (int a = 0; a < 3; a++) {
                double mx = 0;
                double ms = 0;
                for (double[] row : x) {
                    mx += row[a] / x.length;
                }
                for (double[] row : s) {
                    ms += row[a] / m;
                }
                double expectedVar = pop[a][a] * (x.length - 1.0) / x.length + h[a][a];
                assertEquals(mx, ms, 5 * Math.sqrt(expectedVar / m), k + " mean " + a);
                double v = 0;
                for (double[] row : s) {
                    v += (row[a] - ms) * (row[a] - ms) / m;
                }
                assertEquals(expectedVar, v, 0.02 * expectedVar, k + " variance " + a);
            }
        }
    }

    @Test
    void likelihoodCrossValidationIgnoresUniformWeights() {
        UniformRandomProvider rng = Rng.seeded(11);
        double[][] x = data(rng, 80, 2);
        double[] w = new double[80];
        java.util.Arrays.fill(w, 1.0 / 80);
        double[][] a = BandwidthMatrix.lcv().select(x, null);
        double[][] b = BandwidthMatrix.lcv().select(x, w);
        for (int k = 0; k < 2; k++) {
            assertEquals(a[k][k], b[k][k], 1e-6 * a[k][k], "h" + k);
            assertEquals(0, a[0][1]);
        }
        // the optimum beats its neighbours
        double[] h = {Math.sqrt(a[0][0]), Math.sqrt(a[1][1])};
        double f = LikelihoodCrossValidation.objective(x, null, h);
        for (double s : new double[] {0.97, 1.03}) {
            assertTrue(f < LikelihoodCrossValidation.objective(x, null, new double[] {h[0] * s, h[1]}));
            assertTrue(f < LikelihoodCrossValidation.objective(x, null, new double[] {h[0], h[1] * s}));
        }
    }

    @Test
    void fastExpIsAccurate() {
        UniformRandomProvider rng = Rng.seeded(3);
        for (int i = 0; i < 1_000_000; i++) {
            double v = -708 * rng.nextDouble() * (i % 2 == 0 ? 1 : 1e-3);
            double e = StrictMath.exp(v);
            assertEquals(e, FastExp.expNonPositive(v), FastExp.RELATIVE_ERROR * e, "x=" + v);
        }
        assertEquals(1.0, FastExp.expNonPositive(0), 0);
        double[] b = new double[100_000];
        double[] y = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            y[i] = -60 * rng.nextDouble() * (i % 2 == 0 ? 1 : 1e-3);
            b[i] = -2 * y[i]; // scale -0.5
        }
        b[0] = 0;
        y[0] = 0;
        FastExp.expShifted(b, b.length, -0.5, 0);
        for (int i = 0; i < b.length; i++) {
            double e = StrictMath.exp(y[i]);
            assertEquals(e, b[i], FastExp.SHIFTED_RELATIVE_ERROR * e, "y=" + y[i]);
        }
        double[] far = {-1000};
        FastExp.expShifted(far, 1, 1, 0);
        assertEquals(Math.exp(FastExp.SHIFTED_LOWER), far[0], 1e-13 * far[0]);
    }

    @Test
    void rejectsBadInput() {
        double[][] flat = {{1, 2}, {1, 3}, {1, 5}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MultivariateKernelDensity.of(flat, BandwidthMatrix.scott()));
        assertTrue(e.getMessage().contains("zero variance") && e.getMessage().contains("scott"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MultivariateKernelDensity.of(flat, BandwidthMatrix.lcv()));
        assertTrue(e.getMessage().contains("lcv"), e.getMessage());
        double[][] collinear = {{1, 2}, {2, 4}, {3, 6}};
        e = assertThrows(IllegalArgumentException.class, () -> MultivariateKernelDensity.of(collinear, BandwidthMatrix.silverman()));
        assertTrue(e.getMessage().contains("silverman") && e.getMessage().contains("positive definite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> MultivariateKernelDensity.of(new double[][] {{1, 2}, {3}}, BandwidthMatrix.of(1)));
        assertTrue(e.getMessage().contains("row 1 has 1 values, expected 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> MultivariateKernelDensity.of(new double[][] {{1, Double.NaN}}, BandwidthMatrix.of(1)));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MultivariateKernelDensity.of(new double[0][], BandwidthMatrix.of(1)));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        MultivariateKernelDensity kde = MultivariateKernelDensity.of(new double[][] {{0, 0}, {1, 2}, {3, 1}}, BandwidthMatrix.of(1));
        e = assertThrows(IllegalArgumentException.class, () -> kde.densities(new double[][] {{1, 2, 3}}, KernelDensity.Method.EXACT));
        assertTrue(e.getMessage().contains("queries row 0 has 3 values, expected 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BandwidthMatrix.parse("wide"));
        assertTrue(e.getMessage().contains("wide"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> MultivariateKernelDensity.of(new double[][] {{0, 0}, {1, 2}}, new double[] {1}, BandwidthMatrix.of(1), Kernel.GAUSSIAN));
        assertTrue(e.getMessage().contains("differ in length: 2 vs 1"), e.getMessage());
    }

    @Test
    void farQueriesHaveFiniteLogDensity() {
        MultivariateKernelDensity kde = MultivariateKernelDensity.of(new double[][] {{0, 0}, {1, 2}, {3, 1}}, BandwidthMatrix.of(0.5));
        double l = kde.logDensity(new double[] {100, 100});
        assertTrue(Double.isFinite(l), "log density " + l);
        // the nearest point dominates: -|x - (3,1)|²/(2·0.25) - log(2π·0.25) - log 3, up to the other terms
        double expected = -((97 * 97) + (99 * 99)) / 0.5 - Math.log(2 * Math.PI * 0.25) - Math.log(3);
        assertEquals(expected, l, 1e-9 * Math.abs(expected));
        assertEquals(0, kde.density(new double[] {100, 100}));
    }

    /**
     * The blocked gaussian evaluation sums unshifted terms and recomputes a query with a running max
     * shift only when its sum is tiny: queries from the data's centre out to where every exponent
     * is far below -60 (both paths, and the threshold between them), in groups of four and singly,
     * against the definition {@code log Σ_i w_i N(x; x_i, H)} summed directly with a max shift.
     */
    @Test
    void blockedGaussianSumMatchesTheDefinitionNearAndFar() {
        for (long seed = 1; seed <= 3; seed++) {
            UniformRandomProvider rng = Rng.seeded(seed);
            int n = 2500;
            int d = 3;
            double[][] x = data(rng, n, d);
            double[] wts = new double[n];
            for (int i = 0; i < n; i++) {
                wts[i] = 0.1 + rng.nextDouble();
            }
            double[][] queries = new double[41][d];
            for (int j = 0; j < queries.length; j++) {
                double r = 0.02 * j * j; // 0 to 32 along one axis: exponents from about 0 down to below -1000
                for (int k = 0; k < d; k++) {
                    queries[j][k] = 1 + r * (k == j % d ? 1 : 0.3) + 0.1 * normal(rng);
                }
            }
            for (double[] weights : new double[][] {null, wts}) {
                MultivariateKernelDensity kde = MultivariateKernelDensity.of(x, weights, BandwidthMatrix.scott(), Kernel.GAUSSIAN);
                double[][] h = kde.bandwidthMatrix();
                double[][] hInv = invert(h);
                double logDet = Math.log(determinant(h));
                double total = 0;
                for (int i = 0; i < n; i++) {
                    total += weights == null ? 1 : weights[i];
                }
                double[] blocked = kde.logDensities(queries, KernelDensity.Method.EXACT, null);
                for (int j = 0; j < queries.length; j++) {
                    double[] a = new double[n];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < n; i++) {
                        double[] u = new double[d];
                        for (int k = 0; k < d; k++) {
                            u[k] = queries[j][k] - x[i][k];
                        }
                        double quad = 0;
                        for (int r = 0; r < d; r++) {
                            for (int c = 0; c < d; c++) {
                                quad += u[r] * hInv[r][c] * u[c];
                            }
                        }
                        a[i] = Math.log((weights == null ? 1 : weights[i]) / total) - 0.5 * quad;
                        max = Math.max(max, a[i]);
                    }
                    double sum = 0;
                    for (double v : a) {
                        sum += Math.exp(v - max);
                    }
                    double expected = max + Math.log(sum) - 0.5 * logDet - 0.5 * d * Math.log(2 * Math.PI);
                    assertEquals(expected, blocked[j], 1e-12 * Math.max(1, Math.abs(expected)),
                        "seed " + seed + " query " + j + (weights == null ? "" : " weighted"));
                    assertEquals(blocked[j], kde.logDensity(queries[j]), 1e-12 * Math.max(1, Math.abs(expected)),
                        "seed " + seed + " query " + j + " alone");
                }
            }
        }
    }

    static double determinant(double[][] a) {
        double[][] l = MultivariateKernelDensity.cholesky(a, "test");
        double det = 1;
        for (int k = 0; k < a.length; k++) {
            det *= l[k][k] * l[k][k];
        }
        return det;
    }

    /** Inverse of a small symmetric positive-definite matrix by Gauss–Jordan elimination. */
    static double[][] invert(double[][] a) {
        int d = a.length;
        double[][] m = new double[d][2 * d];
        for (int r = 0; r < d; r++) {
            System.arraycopy(a[r], 0, m[r], 0, d);
            m[r][d + r] = 1;
        }
        for (int c = 0; c < d; c++) {
            double p = m[c][c];
            for (int k = 0; k < 2 * d; k++) {
                m[c][k] /= p;
            }
            for (int r = 0; r < d; r++) {
                if (r != c) {
                    double f = m[r][c];
                    for (int k = 0; k < 2 * d; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[][] inv = new double[d][d];
        for (int r = 0; r < d; r++) {
            System.arraycopy(m[r], d, inv[r], 0, d);
        }
        return inv;
    }
}
