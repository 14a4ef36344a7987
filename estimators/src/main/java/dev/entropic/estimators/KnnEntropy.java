package dev.entropic.estimators;

import dev.entropic.core.Checks;
import org.apache.commons.numbers.gamma.Digamma;
import org.hipparchus.special.Gamma;

/**
 * Kozachenko–Leonenko k-nearest-neighbour estimator of differential entropy (nats):
 * {@code Ĥ = ψ(n) − ψ(k) + ln V_d + (d/n) Σ_i ln ε_i}, with {@code ε_i} the Euclidean distance
 * from point i to its k-th nearest neighbour among the others and
 * {@code V_d = π^{d/2} / Γ(d/2 + 1)} the volume of the unit d-ball (Kozachenko &amp; Leonenko 1987;
 * Kraskov, Stögbauer &amp; Grassberger 2004, eq. 20). Consistent for any fixed k.
 *
 * <p>Neighbour search is exact ({@link NearestNeighbours}: a {@link KdTree} for d up to 10,
 * blocked brute force above), parallel over blocks of points. <b>Duplicates</b>: a duplicate is a
 * neighbour at distance 0; if a point has at least k exact copies its {@code ε_i} is 0 and
 * {@code ln ε_i = −∞}; the estimator then rejects the data with an
 * {@link IllegalArgumentException} naming the point (add jitter or raise k) rather than return −∞.
 * Fewer than k copies are harmless (the k-th distance is positive).
 *
 * <p>References: L. F. Kozachenko, N. N. Leonenko, "Sample estimate of the entropy of a random
 * vector", Problems Inform. Transmission 23 (1987) 95–101; A. Kraskov, H. Stögbauer,
 * P. Grassberger, "Estimating mutual information", Phys. Rev. E 69 (2004) 066138.
 */
public final class KnnEntropy {
    private KnnEntropy() {
    }

    /** The entropy estimate of the rows of {@code points} ({@code n × d}, {@code n > k}) with k neighbours. */
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
        double[] sq = NearestNeighbours.kthRaw(x, x, d, k, true, true, false);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (sq[i] == 0) {
                throw Checks.fail("point %d has at least k = %d exact duplicates (zero k-NN distance); add jitter or raise k", i, k);
            }
            sum += 0.5 * Math.log(sq[i]);
        }
        double logVd = 0.5 * d * Math.log(Math.PI) - Gamma.logGamma(0.5 * d + 1);
        return Digamma.value(n) - Digamma.value(k) + logVd + d * sum / n;
    }
}
