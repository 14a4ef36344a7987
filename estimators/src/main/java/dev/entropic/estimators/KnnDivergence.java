package dev.entropic.estimators;

import dev.entropic.core.Checks;

/**
 * Wang–Kulkarni–Verdú k-nearest-neighbour estimator of the Kullback–Leibler divergence (nats)
 * between two continuous distributions on ℝ^d from samples {@code X_1..X_n ~ P} and
 * {@code Y_1..Y_m ~ Q}:
 * \( \hat D(P\|Q) = \frac{d}{n}\sum_{i=1}^n \ln\frac{\nu_k(i)}{\rho_k(i)} + \ln\frac{m}{n-1} \),
 * where {@code ρ_k(i)} is the Euclidean distance from {@code X_i} to its k-th nearest neighbour
 * among the other X's and {@code ν_k(i)} the distance from {@code X_i} to its k-th nearest
 * neighbour among the Y's. The first argument is the distribution the expectation is taken under
 * (P = {@code x}), the second the reference (Q = {@code y}). Asymptotically unbiased and
 * mean-square consistent for fixed k; it can be negative on finite samples (report it as is).
 *
 * <p>Neighbour search is exact ({@link NearestNeighbours}). <b>Duplicates</b>: a zero
 * {@code ρ_k(i)} (X_i has at least k copies among the X's) or a zero {@code ν_k(i)} (at least k
 * Y's equal X_i) makes a logarithm infinite; the data are then rejected with an
 * {@link IllegalArgumentException} naming the point (add jitter or raise k).
 *
 * <p>Reference: Q. Wang, S. R. Kulkarni, S. Verdú, "Divergence estimation for multidimensional
 * densities via k-nearest-neighbor distances", IEEE Trans. Inf. Theory 55(5) (2009) 2392–2405,
 * eq. (5) with {@code k_i = l_i = k}.
 */
public final class KnnDivergence {
    private KnnDivergence() {
    }

    /** {@code D̂(P‖Q)} from rows {@code x} (n × d, {@code n > k}) and {@code y} (m × d, {@code m ≥ k}). */
    public static double estimate(double[][] x, double[][] y, int k) {
        double[] fx = NearestNeighbours.flatten("x", x);
        double[] fy = NearestNeighbours.flatten("y", y);
        if (x[0].length != y[0].length) {
            throw Checks.fail("x and y differ in dimension: %d vs %d", x[0].length, y[0].length);
        }
        return estimateRowMajor(fx, fy, x[0].length, k);
    }

    /** As {@link #estimate(double[][], double[][], int)} on row-major data of dimension d. */
    public static double estimateRowMajor(double[] x, double[] y, int d, int k) {
        int n = NearestNeighbours.rows("x", x, d);
        int m = NearestNeighbours.rows("y", y, d);
        Checks.requirePositive("k", k);
        if (n <= k) {
            throw Checks.fail("x needs more than k = %d points, got %d", k, n);
        }
        if (m < k) {
            throw Checks.fail("y needs at least k = %d points, got %d", k, m);
        }
        double[] rho = NearestNeighbours.kthRaw(x, x, d, k, true, true, false);
        double[] nu = NearestNeighbours.kthRaw(y, x, d, k, true, false, false);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (rho[i] == 0) {
                throw Checks.fail("x[%d] has at least k = %d exact duplicates in x (zero k-NN distance); add jitter or raise k", i, k);
            }
            if (nu[i] == 0) {
                throw Checks.fail("x[%d] equals at least k = %d points of y (zero k-NN distance); add jitter or raise k", i, k);
            }
            sum += 0.5 * (Math.log(nu[i]) - Math.log(rho[i])); // squared distances
        }
        return d * sum / n + Math.log((double) m / (n - 1));
    }
}
