package dev.entropic.estimators;

import dev.entropic.core.Checks;
import org.apache.commons.numbers.gamma.Digamma;

/**
 * Kraskov–Stögbauer–Grassberger estimator of the mutual information I(X;Y) (nats) between
 * continuous X ∈ ℝ^{d_x} and Y ∈ ℝ^{d_y} from n paired samples, algorithm 1 of the paper:
 * \( \hat I = \psi(k) + \psi(n) - \langle \psi(n_x + 1) + \psi(n_y + 1) \rangle \).
 * All distances are maximum norms: in the joint space {@code ‖(x,y)‖ = max(‖x‖_∞, ‖y‖_∞)}.
 * {@code ε(i)/2} is the distance from {@code z_i = (x_i, y_i)} to its k-th nearest neighbour
 * among the other joint points; {@code n_x(i)} is the number of {@code j ≠ i} with
 * {@code ‖x_i − x_j‖_∞ < ε(i)/2} — <b>strictly</b> less, as in the paper — and likewise
 * {@code n_y(i)}; ⟨·⟩ is the mean over i. (This is also the convention of scikit-learn's
 * {@code mutual_info_regression}, which counts within {@code nextafter(ε/2, 0)}; unlike it, no
 * noise is added, the data are not rescaled and a negative estimate is returned as is, not
 * clipped to 0.)
 *
 * <p>Neighbour search and counts are exact ({@link NearestNeighbours}: k-d trees in low dimension).
 * <b>Duplicates</b>: duplicated joint points are neighbours at distance 0; if a point has at least
 * k joint duplicates its ε(i) is 0, the strict counts are empty and ψ(0) is undefined — the data
 * are rejected with an {@link IllegalArgumentException} naming the point (add jitter or raise k).
 * Ties in one marginal only (discrete-valued coordinates) are legal but bias the estimate.
 *
 * <p>Reference: A. Kraskov, H. Stögbauer, P. Grassberger, "Estimating mutual information",
 * Phys. Rev. E 69 (2004) 066138, eq. (8).
 */
public final class KnnMutualInformation {
    private KnnMutualInformation() {
    }

    /** Î(X;Y) from paired rows {@code x} (n × d_x) and {@code y} (n × d_y), {@code n > k}. */
    public static double estimate(double[][] x, double[][] y, int k) {
        double[] fx = NearestNeighbours.flatten("x", x);
        double[] fy = NearestNeighbours.flatten("y", y);
        return estimateRowMajor(fx, x[0].length, fy, y[0].length, k);
    }

    /** As {@link #estimate(double[][], double[][], int)} on row-major data. */
    public static double estimateRowMajor(double[] x, int dx, double[] y, int dy, int k) {
        int n = NearestNeighbours.rows("x", x, dx);
        int ny = NearestNeighbours.rows("y", y, dy);
        if (n != ny) {
            throw Checks.fail("x and y differ in number of samples: %d vs %d", n, ny);
        }
        Checks.requirePositive("k", k);
        if (n <= k) {
            throw Checks.fail("need more than k = %d samples, got %d", k, n);
        }
        int d = dx + dy;
        double[] z = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * dx, z, i * d, dx);
            System.arraycopy(y, i * dy, z, i * d + dx, dy);
        }
        double[] eps = NearestNeighbours.kthRaw(z, z, d, k, false, true, false);
        for (int i = 0; i < n; i++) {
            if (eps[i] == 0) {
                throw Checks.fail("sample %d has at least k = %d exact duplicates (zero k-NN distance); add jitter or raise k", i, k);
            }
        }
        int[] nx = NearestNeighbours.countRaw(x, dx, eps, KdTree.MAX_DISTANCE, false);
        int[] nyc = NearestNeighbours.countRaw(y, dy, eps, KdTree.MAX_DISTANCE, false);
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += Digamma.value(nx[i] + 1) + Digamma.value(nyc[i] + 1);
        }
        return Digamma.value(k) + Digamma.value(n) - mean / n;
    }
}
