package dev.entropic.estimators;

import dev.entropic.core.Checks;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.hipparchus.special.Gamma;

/**
 * Kozachenko–Leonenko k-nearest-neighbour estimator of differential entropy (nats):
 * {@code Ĥ = ψ(n) − ψ(k) + ln V_d + (d/n) Σ_i ln ε_i}, with {@code ε_i} the Euclidean distance
 * from point i to its k-th nearest neighbour among the others and
 * {@code V_d = π^{d/2} / Γ(d/2 + 1)} the volume of the unit d-ball (Kozachenko & Leonenko 1987;
 * Kraskov, Stögbauer & Grassberger 2004, eq. 20). Consistent for any fixed k.
 *
 * <p>Neighbour search is exact blocked brute force, parallel over blocks of points, O(n²d) time
 * and O(k) extra memory per point. <b>Duplicates</b>: if a point has at least k exact copies its
 * {@code ε_i} is 0 and {@code ln ε_i = −∞}; the estimator then rejects the data with an
 * {@link IllegalArgumentException} naming the point (add jitter or raise k) rather than return −∞.
 */
public final class KnnEntropy {
    private KnnEntropy() {
    }

    /** The entropy estimate of the rows of {@code points} (n × d, n > k) with k neighbours. */
    public static double estimate(double[][] points, int k) {
        Checks.requireNonNull("points", points);
        if (points.length == 0) {
            throw Checks.fail("points is empty");
        }
        int d = points[0].length;
        if (d == 0) {
            throw Checks.fail("points has zero columns");
        }
        double[] flat = new double[points.length * d];
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != d) {
                throw Checks.fail("points[%d] has %d coordinates, points[0] has %d", i, points[i].length, d);
            }
            for (int j = 0; j < d; j++) {
                double v = points[i][j];
                if (!Double.isFinite(v)) {
                    throw Checks.fail("points[%d][%d] is not finite: %s", i, j, v);
                }
                flat[i * d + j] = v;
            }
        }
        return estimateRowMajor(flat, d, k);
    }

    /** As {@link #estimate(double[][], int)} on row-major data of dimension d. */
    public static double estimateRowMajor(double[] x, int d, int k) {
        Checks.requirePositive("d", d);
        Checks.requirePositive("k", k);
        if (x.length % d != 0) {
            throw Checks.fail("data length %d is not a multiple of the dimension %d", x.length, d);
        }
        int n = x.length / d;
        if (n <= k) {
            throw Checks.fail("need more than k = %d points, got %d", k, n);
        }
        double[] logEps = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] best = new double[k]; // k smallest squared distances, ascending
            Arrays.fill(best, Double.POSITIVE_INFINITY);
            int oi = i * d;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                int oj = j * d;
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double t = x[oi + c] - x[oj + c];
                    s += t * t;
                }
                if (s < best[k - 1]) {
                    int p = k - 1;
                    while (p > 0 && best[p - 1] > s) {
                        best[p] = best[p - 1];
                        p--;
                    }
                    best[p] = s;
                }
            }
            logEps[i] = 0.5 * Math.log(best[k - 1]);
        });
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (logEps[i] == Double.NEGATIVE_INFINITY) {
                throw Checks.fail("point %d has at least k = %d exact duplicates (zero k-NN distance); add jitter or raise k", i, k);
            }
            sum += logEps[i];
        }
        double logVd = 0.5 * d * Math.log(Math.PI) - Gamma.logGamma(0.5 * d + 1);
        return Gamma.digamma(n) - Gamma.digamma(k) + logVd + d * sum / n;
    }
}
