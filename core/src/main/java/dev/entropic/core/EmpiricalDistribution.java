package dev.entropic.core;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

/**
 * A weighted point cloud {@code Σ_i w_i δ_{x_i}} in R^d: the input of optimal transport and of the
 * sample-based estimators. Points are stored once, row-major in a flat {@code double[n·d]}; weights
 * are normalised to sum to 1.
 */
public final class EmpiricalDistribution implements Distribution {
    private final int n;
    private final int d;
    private final double[] points;
    private final double[] weights;

    private EmpiricalDistribution(int n, int d, double[] points, double[] weights) {
        this.n = n;
        this.d = d;
        this.points = points;
        this.weights = weights;
    }

    /** Equally weighted points, one row per point (all rows of one length ≥ 1). */
    public static EmpiricalDistribution of(double[][] points) {
        Checks.requireNonNull("points", points);
        if (points.length == 0) {
            throw Checks.fail("points is empty");
        }
        double[] w = new double[points.length];
        java.util.Arrays.fill(w, 1.0);
        return of(points, w);
    }

    /** Weighted points; weights are non-negative with a positive total, normalised here. */
    public static EmpiricalDistribution of(double[][] points, double[] weights) {
        Checks.requireNonNull("points", points);
        if (points.length == 0) {
            throw Checks.fail("points is empty");
        }
        if (points[0] == null || points[0].length == 0) {
            throw Checks.fail("points[0] is empty");
        }
        int d = points[0].length;
        double[] flat = new double[points.length * d];
        for (int i = 0; i < points.length; i++) {
            if (points[i] == null || points[i].length != d) {
                throw Checks.fail("points[%d] has length %d, points[0] has %d", i,
                        points[i] == null ? 0 : points[i].length, d);
            }
            System.arraycopy(points[i], 0, flat, i * d, d);
        }
        return ofRowMajor(flat, d, weights);
    }

    /** Weighted points given row-major in {@code data} (length n·d). Copies its inputs. */
    public static EmpiricalDistribution ofRowMajor(double[] data, int d, double[] weights) {
        Checks.requirePositive("d", d);
        Checks.requireNonEmpty("points", data);
        if (data.length % d != 0) {
            throw Checks.fail("points has %d values, not a multiple of the dimension %d", data.length, d);
        }
        int n = data.length / d;
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw Checks.fail("points[%d][%d] is not finite: %s", i / d, i % d, data[i]);
            }
        }
        Checks.requireNonNull("weights", weights);
        if (weights.length != n) {
            throw Checks.fail("points and weights differ in length: %d vs %d", n, weights.length);
        }
        double total = Checks.requireWeights("weights", weights);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = weights[i] / total;
        }
        return new EmpiricalDistribution(n, d, data.clone(), w);
    }

    /** Equally weighted points on the line. */
    public static EmpiricalDistribution ofValues(double... values) {
        Checks.requireNonEmpty("values", values);
        double[] w = new double[values.length];
        java.util.Arrays.fill(w, 1.0);
        return ofRowMajor(values, 1, w);
    }

    @Override
    public int dimension() {
        return d;
    }

    /** The number of points n. */
    public int size() {
        return n;
    }

    /** Coordinate j of point i. */
    public double coordinate(int i, int j) {
        return points[i * d + j];
    }

    /** A copy of point i. */
    public double[] point(int i) {
        double[] out = new double[d];
        System.arraycopy(points, i * d, out, 0, d);
        return out;
    }

    /** The normalised weight of point i. */
    public double weight(int i) {
        return weights[i];
    }

    /** A copy of the normalised weights. */
    public double[] weights() {
        return weights.clone();
    }

    /** A copy of the points, row-major (length n·d). */
    public double[] pointsRowMajor() {
        return points.clone();
    }

    /** A copy of the points, one row per point. */
    public double[][] pointsAsRows() {
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(points, i * d, out[i], 0, d);
        }
        return out;
    }

    /** Whether all weights are equal (to rounding). */
    public boolean isUniformlyWeighted() {
        double w0 = weights[0];
        for (double w : weights) {
            if (Math.abs(w - w0) > 1e-15) {
                return false;
            }
        }
        return true;
    }

    /** Draws {@code m} points with replacement according to the weights (a bootstrap resample). */
    public double[][] sample(UniformRandomProvider rng, int m) {
        Checks.requireNonNull("rng", rng);
        SharedStateDiscreteSampler pick = AliasMethodDiscreteSampler.of(rng, weights);
        double[][] out = new double[m][d];
        for (int k = 0; k < m; k++) {
            System.arraycopy(points, pick.sample() * d, out[k], 0, d);
        }
        return out;
    }
}
