package dev.entropic.estimators;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Energy distance between samples {@code x_1..x_m} and {@code y_1..y_n} in ℝ^d (Székely &amp; Rizzo):
 * \( \mathcal E = 2\,\mathbb E\|X-Y\| - \mathbb E\|X-X'\| - \mathbb E\|Y-Y'\| \) with the expectations
 * over the empirical distributions (V-statistic: means over all m², n², mn pairs, i = j included
 * with distance 0), Euclidean norm. {@code 𝓔 ≥ 0}, zero iff the empirical distributions coincide.
 * In 1-D {@code 𝓔 = 2∫(F_m − G_n)²}, and {@code scipy.stats.energy_distance} returns
 * {@code sqrt(𝓔)} — see {@link #scipyDistance}.
 *
 * <p>The permutation test (B seeded permutations of the pooled sample, p-value
 * {@code (1 + #{b : 𝓔_b ≥ 𝓔_obs}) / (1 + B)}) is the energy test of Székely &amp; Rizzo; their
 * statistic {@code mn/(m+n)·𝓔} orders permutations identically. Cost O(N²(d + B)) with no N × N
 * matrix ({@link PairwiseSums}); in one dimension O(N log N + N B) by sorting (the pairwise sums
 * of sorted values are weighted prefix sums).
 *
 * <p>References: G. J. Székely, M. L. Rizzo, "Testing for equal distributions in high dimension",
 * InterStat (2004); "Energy statistics: a class of statistics based on distances", J. Stat. Plan.
 * Inference 143 (2013) 1249–1272.
 */
public final class EnergyDistance {
    private EnergyDistance() {
    }

    /** 𝓔 of row-major x (m × d) and y (n × d). */
    public static double statistic(double[] x, double[] y, int d) {
        return test(x, y, d, 0, null).statistic();
    }

    /** 𝓔 on matrices (rows = points). */
    public static double statistic(double[][] x, double[][] y) {
        return test(x, y, 0, null).statistic();
    }

    /** {@code sqrt(𝓔)}: the value {@code scipy.stats.energy_distance} returns (1-D there). */
    public static double scipyDistance(double[] x, double[] y, int d) {
        return Math.sqrt(Math.max(0, statistic(x, y, d)));
    }

    /** Permutation test with B = {@code permutations} (≥ 0) draws from {@code rng} (may be null when B = 0). */
    public static TwoSampleResult test(double[] x, double[] y, int d, int permutations, UniformRandomProvider rng) {
        int m = NearestNeighbours.rows("x", x, d);
        int n = NearestNeighbours.rows("y", y, d);
        double[][] labels = Mmd.labels(m, n, permutations, rng);
        if (d == 1) {
            return oneDimensional(x, y, labels, permutations);
        }
        double[][] s = PairwiseSums.sums(Mmd.pool(x, y), d, PairwiseSums.DISTANCE, 0, labels);
        double[] stats = new double[labels.length];
        for (int b = 0; b < stats.length; b++) {
            stats[b] = 2 * s[b][2] / ((double) m * n) - s[b][0] / ((double) m * m) - s[b][1] / ((double) n * n);
        }
        return new TwoSampleResult(stats[0], PairwiseSums.pValue(stats), permutations, Double.NaN);
    }

    /**
     * d = 1 in O(N log N + N B): sort the pooled sample once; for sorted values {@code a_(1..k)} of a
     * group, {@code Σ_{i,j} |a_i − a_j| = 2 Σ_r a_(r) (2r − k − 1)}, accumulated in one pass over the
     * pooled order per labelling; the cross sum is {@code (S(z) − S(x) − S(y)) / 2}.
     */
    private static TwoSampleResult oneDimensional(double[] x, double[] y, double[][] labels, int permutations) {
        int m = x.length;
        int n = y.length;
        int total = m + n;
        double[] z = Mmd.pool(x, y);
        if (labels.length == 1) { // statistic only: three primitive sorts
            double sz = sortedPairSum(z);
            double sx = sortedPairSum(x.clone());
            double sy = sortedPairSum(y.clone());
            double cross = 0.5 * (sz - sx - sy);
            double e = 2 * cross / ((double) m * n) - sx / ((double) m * m) - sy / ((double) n * n);
            return new TwoSampleResult(e, 1.0, permutations, Double.NaN);
        }
        Integer[] boxed = new Integer[total];
        for (int i = 0; i < total; i++) {
            boxed[i] = i;
        }
        java.util.Arrays.sort(boxed, (a, b) -> Double.compare(z[a], z[b]));
        double[] sorted = new double[total];
        int[] order = new int[total];
        for (int r = 0; r < total; r++) {
            order[r] = boxed[r];
            sorted[r] = z[order[r]];
        }
        double sz = 0;
        for (int r = 0; r < total; r++) {
            sz += sorted[r] * (2.0 * r - total + 1);
        }
        sz *= 2;
        double[] stats = new double[labels.length];
        for (int b = 0; b < labels.length; b++) {
            double[] l = labels[b];
            double sx = 0;
            double sy = 0;
            int rx = 0;
            int ry = 0;
            for (int r = 0; r < total; r++) {
                double v = sorted[r];
                if (l[order[r]] != 0) {
                    sx += v * (2.0 * rx++ - m + 1);
                } else {
                    sy += v * (2.0 * ry++ - n + 1);
                }
            }
            sx *= 2;
            sy *= 2;
            double cross = 0.5 * (sz - sx - sy);
            stats[b] = 2 * cross / ((double) m * n) - sx / ((double) m * m) - sy / ((double) n * n);
        }
        return new TwoSampleResult(stats[0], PairwiseSums.pValue(stats), permutations, Double.NaN);
    }

    /** {@code Σ_{i,j} |a_i − a_j|} by sorting a (in place). */
    private static double sortedPairSum(double[] a) {
        java.util.Arrays.sort(a);
        double s = 0;
        for (int r = 0; r < a.length; r++) {
            s += a[r] * (2.0 * r - a.length + 1);
        }
        return 2 * s;
    }

    /** As {@link #test(double[], double[], int, int, UniformRandomProvider)} on matrices. */
    public static TwoSampleResult test(double[][] x, double[][] y, int permutations, UniformRandomProvider rng) {
        double[] fx = NearestNeighbours.flatten("x", x);
        double[] fy = NearestNeighbours.flatten("y", y);
        return test(fx, fy, Mmd.sameDimension(x, y), permutations, rng);
    }
}
