package dev.entropic.estimators;

import dev.entropic.core.Checks;
import java.util.Arrays;

/**
 * A static k-d tree over n points of dimension d (row-major {@code double[]}) for <b>exact</b>
 * k-nearest-neighbour distances and fixed-radius counts under the Euclidean or the maximum norm.
 *
 * <p>Construction: recursive median split (quickselect) on the coordinate of largest spread,
 * leaves of at most {@value #LEAF_SIZE} points, points copied into tree order so a leaf is a
 * contiguous block; O(n log n) time, O(n d) memory. A query descends to the leaf of the query
 * point and visits a far subtree only if its splitting plane is <em>strictly</em> closer than the
 * current k-th distance (or the radius), so the answer is exact. The tree pays in low dimension
 * (d up to about 10); above that {@link NearestNeighbours} switches to blocked brute force.
 *
 * <p><b>Ties and zero distances.</b> The k-th nearest distance is the k-th smallest value of the
 * multiset of distances from the query to the stored points (minus the excluded point), so it is
 * well defined whatever the ties; which of several equidistant points is "the" neighbour is never
 * needed. Exact duplicates are ordinary points at distance 0: a point with at least k copies has
 * a k-th neighbour distance of 0. Callers whose estimator takes a logarithm reject that case.
 * {@link #countWithin} counts the distances <em>strictly</em> below the radius (a radius of 0
 * counts nothing).
 *
 * <p>Euclidean distances are computed as {@code Σ_c (x_c − y_c)²} in coordinate order and compared
 * squared; the same sum as a brute-force loop, so both searches return bit-identical results.
 */
public final class KdTree {
    /** Largest number of points in a leaf. */
    public static final int LEAF_SIZE = 16;

    private final int d;
    private final int n;
    private final double[] pts; // points in tree order, row-major
    private final int[] index; // original index of the point at tree position p
    // nodes: leaf if splitDim < 0; children of node v are left[v], right[v]
    private int nodes;
    private int[] lo;
    private int[] hi;
    private int[] splitDim;
    private double[] splitVal;
    private int[] left;
    private int[] right;

    KdTree(double[] points, int d) { // no validation: see of(...)
        this.d = d;
        this.n = points.length / d;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        int cap = Math.max(1, 4 * (n / LEAF_SIZE + 1));
        lo = new int[cap];
        hi = new int[cap];
        splitDim = new int[cap];
        splitVal = new double[cap];
        left = new int[cap];
        right = new int[cap];
        build(points, perm, 0, n);
        this.index = perm;
        this.pts = new double[n * d];
        for (int p = 0; p < n; p++) {
            System.arraycopy(points, perm[p] * d, pts, p * d, d);
        }
    }

    /**
     * A tree over the rows of {@code points} (row-major, length a positive multiple of d; copied,
     * never modified). Values must be finite.
     */
    public static KdTree of(double[] points, int d) {
        Checks.requireNonNull("points", points);
        Checks.requirePositive("d", d);
        if (points.length == 0 || points.length % d != 0) {
            throw Checks.fail("points length %d is not a positive multiple of the dimension %d", points.length, d);
        }
        for (int i = 0; i < points.length; i++) {
            if (!Double.isFinite(points[i])) {
                throw Checks.fail("points[%d][%d] is not finite: %s", i / d, i % d, points[i]);
            }
        }
        return new KdTree(points, d);
    }

    /** Number of stored points. */
    public int size() {
        return n;
    }

    /** Dimension of the points. */
    public int dimension() {
        return d;
    }

    private int newNode() {
        if (nodes == lo.length) {
            int c = 2 * nodes;
            lo = Arrays.copyOf(lo, c);
            hi = Arrays.copyOf(hi, c);
            splitDim = Arrays.copyOf(splitDim, c);
            splitVal = Arrays.copyOf(splitVal, c);
            left = Arrays.copyOf(left, c);
            right = Arrays.copyOf(right, c);
        }
        return nodes++;
    }

    private int build(double[] x, int[] perm, int from, int to) {
        int v = newNode();
        lo[v] = from;
        hi[v] = to;
        if (to - from <= LEAF_SIZE) {
            splitDim[v] = -1;
            return v;
        }
        int best = 0;
        double spread = -1;
        for (int c = 0; c < d; c++) {
            double mn = Double.POSITIVE_INFINITY;
            double mx = Double.NEGATIVE_INFINITY;
            for (int p = from; p < to; p++) {
                double t = x[perm[p] * d + c];
                mn = Math.min(mn, t);
                mx = Math.max(mx, t);
            }
            if (mx - mn > spread) {
                spread = mx - mn;
                best = c;
            }
        }
        if (spread == 0) { // all points identical: a (large) leaf
            splitDim[v] = -1;
            return v;
        }
        int mid = (from + to) >>> 1;
        select(x, perm, from, to - 1, mid, best);
        splitDim[v] = best;
        splitVal[v] = x[perm[mid] * d + best];
        // invariant: coordinates at positions < mid are <= splitVal, at positions >= mid are >= splitVal
        int l = build(x, perm, from, mid);
        left[v] = l;
        int r = build(x, perm, mid, to);
        right[v] = r;
        return v;
    }

    /** Quickselect on coordinate c: perm[k] gets the k-th smallest, smaller ones before, larger after. */
    private void select(double[] x, int[] perm, int a, int b, int k, int c) {
        while (b > a) {
            int m = (a + b) >>> 1;
            double pivot = median3(x[perm[a] * d + c], x[perm[m] * d + c], x[perm[b] * d + c]);
            int i = a;
            int j = b;
            while (i <= j) {
                while (x[perm[i] * d + c] < pivot) {
                    i++;
                }
                while (x[perm[j] * d + c] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                b = j;
            } else if (k >= i) {
                a = i;
            } else {
                return;
            }
        }
    }

    private static double median3(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /**
     * The k-th smallest distance from the query point {@code q[offset .. offset+d)} to the stored
     * points, skipping the stored point whose original index is {@code exclude} (−1 skips none).
     */
    public double kthNearestDistance(double[] q, int offset, int k, Metric metric, int exclude) {
        Checks.requireNonNull("q", q);
        if (offset < 0 || offset + d > q.length) {
            throw Checks.fail("query offset %d with dimension %d exceeds the array length %d", offset, d, q.length);
        }
        Checks.requirePositive("k", k);
        int available = (exclude >= 0 && exclude < n) ? n - 1 : n;
        if (k > available) {
            throw Checks.fail("k = %d exceeds the %d points available", k, available);
        }
        double[] best = new double[k];
        double v = kthRaw(q, offset, exclude, metric == Metric.EUCLIDEAN, best);
        return metric == Metric.EUCLIDEAN ? Math.sqrt(v) : v;
    }

    /**
     * Raw k-th distance (squared if euclidean) with a caller-supplied work array of length k;
     * no validation.
     */
    double kthRaw(double[] q, int offset, int exclude, boolean euclidean, double[] best) {
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        search(0, q, offset, exclude, euclidean, best);
        return best[best.length - 1];
    }

    private void search(int v, double[] q, int off, int exclude, boolean euclidean, double[] best) {
        int k = best.length;
        int sd = splitDim[v];
        if (sd < 0) {
            for (int p = lo[v]; p < hi[v]; p++) {
                if (index[p] == exclude) {
                    continue;
                }
                int o = p * d;
                double s = 0;
                if (euclidean) {
                    for (int c = 0; c < d; c++) {
                        double t = q[off + c] - pts[o + c];
                        s += t * t;
                    }
                } else {
                    for (int c = 0; c < d; c++) {
                        s = Math.max(s, Math.abs(q[off + c] - pts[o + c]));
                    }
                }
                if (s < best[k - 1]) {
                    int i = k - 1;
                    while (i > 0 && best[i - 1] > s) {
                        best[i] = best[i - 1];
                        i--;
                    }
                    best[i] = s;
                }
            }
            return;
        }
        double diff = q[off + sd] - splitVal[v];
        int near = diff <= 0 ? left[v] : right[v];
        int far = diff <= 0 ? right[v] : left[v];
        search(near, q, off, exclude, euclidean, best);
        double gap = euclidean ? diff * diff : Math.abs(diff);
        if (gap < best[k - 1]) {
            search(far, q, off, exclude, euclidean, best);
        }
    }

    /**
     * The number of stored points at distance strictly less than {@code radius} from the query
     * point {@code q[offset .. offset+d)}, the query's own copy included if it is stored.
     */
    public int countWithin(double[] q, int offset, double radius, Metric metric) {
        Checks.requireNonNull("q", q);
        if (offset < 0 || offset + d > q.length) {
            throw Checks.fail("query offset %d with dimension %d exceeds the array length %d", offset, d, q.length);
        }
        if (!(radius >= 0)) {
            throw Checks.fail("radius must be non-negative: %s", radius);
        }
        return count(0, q, offset, radius, metric == Metric.EUCLIDEAN ? EUCLIDEAN_DISTANCE : MAX_DISTANCE);
    }

    static final int MAX_DISTANCE = 0;
    static final int EUCLIDEAN_SQUARED = 1;
    static final int EUCLIDEAN_DISTANCE = 2;

    /**
     * Count of points with raw distance strictly below r; mode {@link #EUCLIDEAN_SQUARED} compares
     * squared distances with r, {@link #EUCLIDEAN_DISTANCE} compares {@code sqrt} of them (exact
     * against returned distances), {@link #MAX_DISTANCE} max-norm. No validation.
     */
    int countRaw(double[] q, int offset, double r, int mode) {
        return count(0, q, offset, r, mode);
    }

    private int count(int v, double[] q, int off, double r, int mode) {
        int sd = splitDim[v];
        if (sd < 0) {
            int cnt = 0;
            for (int p = lo[v]; p < hi[v]; p++) {
                int o = p * d;
                double s = 0;
                if (mode != MAX_DISTANCE) {
                    for (int c = 0; c < d; c++) {
                        double t = q[off + c] - pts[o + c];
                        s += t * t;
                    }
                    if (mode == EUCLIDEAN_DISTANCE) {
                        s = Math.sqrt(s);
                    }
                } else {
                    for (int c = 0; c < d; c++) {
                        s = Math.max(s, Math.abs(q[off + c] - pts[o + c]));
                    }
                }
                if (s < r) {
                    cnt++;
                }
            }
            return cnt;
        }
        double diff = q[off + sd] - splitVal[v];
        int near = diff <= 0 ? left[v] : right[v];
        int far = diff <= 0 ? right[v] : left[v];
        int cnt = count(near, q, off, r, mode);
        // every far point is at least |diff| away (sqrt(fl(t*t)) = |t| in IEEE arithmetic)
        double gap = mode == EUCLIDEAN_SQUARED ? diff * diff : Math.abs(diff);
        if (gap < r) {
            cnt += count(far, q, off, r, mode);
        }
        return cnt;
    }

    /** The distance between points. */
    public enum Metric {
        /** {@code ‖x − y‖₂ = (Σ_c (x_c − y_c)²)^{1/2}}. */
        EUCLIDEAN,
        /** {@code ‖x − y‖_∞ = max_c |x_c − y_c|} (Chebyshev), the norm of the KSG estimator. */
        MAX
    }
}
