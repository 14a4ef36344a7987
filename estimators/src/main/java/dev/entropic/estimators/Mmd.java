package dev.entropic.estimators;

import dev.entropic.core.Checks;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Unbiased squared maximum mean discrepancy with the Gaussian kernel
 * {@code k(x, y) = exp(−‖x − y‖² / (2σ²))} between samples {@code x_1..x_m} and {@code y_1..y_n}:
 * \( \mathrm{MMD}^2_u = \frac{1}{m(m-1)}\sum_{i\ne j} k(x_i,x_j) + \frac{1}{n(n-1)}\sum_{i\ne j} k(y_i,y_j)
 * - \frac{2}{mn}\sum_{i,j} k(x_i,y_j) \) (Gretton et al. 2012, eq. 3). Unbiased, so it can be
 * slightly negative when the distributions agree; symmetric in x and y.
 *
 * <p><b>Bandwidth</b>: by default the median heuristic, σ = median of the Euclidean distances
 * ‖z_i − z_j‖, i &lt; j, of the pooled sample z = (x, y) (numpy's median: mean of the two middle
 * values for an even count); when the pooled size N exceeds {@value #MEDIAN_POINTS} the median is
 * taken over the {@value #MEDIAN_POINTS} points {@code z_⌊t N / 1000⌋}, t = 0..999 (deterministic).
 * A zero median (mostly duplicates) is rejected: pass a bandwidth.
 *
 * <p><b>Test</b>: the permutation test pools the samples, draws B uniform permutations from the
 * given generator (Fisher–Yates), and reports {@code p = (1 + #{b : MMD²_b ≥ MMD²_obs}) / (1 + B)},
 * which is a valid p-value (size ≤ α) for any B. Cost O(N² d + N² B) with no N × N matrix
 * ({@link PairwiseSums}: kernel blocks reused across permutations, two threads when N is large).
 *
 * <p>Reference: A. Gretton, K. M. Borgwardt, M. J. Rasch, B. Schölkopf, A. Smola, "A kernel
 * two-sample test", JMLR 13 (2012) 723–773.
 */
public final class Mmd {
    /** Largest number of pooled points whose pairwise distances enter the median heuristic. */
    public static final int MEDIAN_POINTS = 1000;

    private Mmd() {
    }

    /** The median-heuristic bandwidth of the pooled rows of x and y (row-major, dimension d). */
    public static double medianHeuristic(double[] x, double[] y, int d) {
        int m = NearestNeighbours.rows("x", x, d);
        int n = NearestNeighbours.rows("y", y, d);
        return median(pool(x, y), d);
    }

    /** The median heuristic on the rows of z (validated by the caller). */
    static double median(double[] z, int d) {
        int total = z.length / d;
        int p = Math.min(total, MEDIAN_POINTS);
        if (p < 2) {
            throw Checks.fail("the median heuristic needs at least 2 pooled points, got %d", total);
        }
        int[] idx = new int[p];
        for (int t = 0; t < p; t++) {
            idx[t] = (int) ((long) t * total / p);
        }
        double[] dist = new double[p * (p - 1) / 2];
        int q = 0;
        for (int a = 0; a < p; a++) {
            for (int b = a + 1; b < p; b++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double t = z[idx[a] * d + c] - z[idx[b] * d + c];
                    s += t * t;
                }
                dist[q++] = Math.sqrt(s);
            }
        }
        Arrays.sort(dist);
        int h = dist.length / 2;
        double med = dist.length % 2 == 1 ? dist[h] : 0.5 * (dist[h - 1] + dist[h]);
        if (!(med > 0)) {
            throw Checks.fail("the median pairwise distance is 0 (mostly duplicate points); pass a positive bandwidth");
        }
        return med;
    }

    /** MMD²_u with bandwidth σ (row-major x: m × d, y: n × d, m, n ≥ 2). */
    public static double unbiased(double[] x, double[] y, int d, double bandwidth) {
        return test(x, y, d, bandwidth, 0, null).statistic();
    }

    /** MMD²_u with the median-heuristic bandwidth, on matrices (rows = points). */
    public static double unbiased(double[][] x, double[][] y) {
        double[] fx = NearestNeighbours.flatten("x", x);
        double[] fy = NearestNeighbours.flatten("y", y);
        int d = sameDimension(x, y);
        return unbiased(fx, fy, d, medianHeuristic(fx, fy, d));
    }

    /**
     * Permutation test with B = {@code permutations} (≥ 0) draws from {@code rng} (may be null
     * when B = 0); {@code bandwidth} σ &gt; 0, or NaN for the median heuristic.
     */
    public static TwoSampleResult test(double[] x, double[] y, int d, double bandwidth, int permutations, UniformRandomProvider rng) {
        int m = NearestNeighbours.rows("x", x, d);
        int n = NearestNeighbours.rows("y", y, d);
        if (m < 2 || n < 2) {
            throw Checks.fail("x and y need at least 2 points each, got %d and %d", m, n);
        }
        double sigma = Double.isNaN(bandwidth) ? medianHeuristic(x, y, d) : Checks.requirePositiveFinite("bandwidth", bandwidth);
        double[][] labels = labels(m, n, permutations, rng);
        double[][] s = PairwiseSums.sums(pool(x, y), d, PairwiseSums.GAUSSIAN, 0.5 / (sigma * sigma), labels);
        double[] stats = new double[labels.length];
        for (int b = 0; b < stats.length; b++) {
            stats[b] = s[b][0] / ((double) m * (m - 1)) + s[b][1] / ((double) n * (n - 1)) - 2 * s[b][2] / ((double) m * n);
        }
        return new TwoSampleResult(stats[0], PairwiseSums.pValue(stats), permutations, sigma);
    }

    /** As {@link #test(double[], double[], int, double, int, UniformRandomProvider)} on matrices. */
    public static TwoSampleResult test(double[][] x, double[][] y, double bandwidth, int permutations, UniformRandomProvider rng) {
        double[] fx = NearestNeighbours.flatten("x", x);
        double[] fy = NearestNeighbours.flatten("y", y);
        return test(fx, fy, sameDimension(x, y), bandwidth, permutations, rng);
    }

    static double[][] labels(int m, int n, int permutations, UniformRandomProvider rng) {
        if (permutations < 0) {
            throw Checks.fail("permutations must be non-negative: %d", permutations);
        }
        if (permutations > 0) {
            Checks.requireNonNull("rng", rng);
        }
        return PairwiseSums.labels(m + n, m, permutations, rng);
    }

    static int sameDimension(double[][] x, double[][] y) {
        if (x[0].length != y[0].length) {
            throw Checks.fail("x and y differ in dimension: %d vs %d", x[0].length, y[0].length);
        }
        return x[0].length;
    }

    static double[] pool(double[] x, double[] y) {
        double[] z = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, z, x.length, y.length);
        return z;
    }
}
