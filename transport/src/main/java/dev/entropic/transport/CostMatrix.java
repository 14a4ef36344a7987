package dev.entropic.transport;

import dev.entropic.core.Checks;
import dev.entropic.core.EmpiricalDistribution;

/**
 * An immutable n×m cost matrix \( C_{ij} = c(x_i, y_j) \), stored flat and row-major
 * ({@code C[i*m + j]}). Entries are finite (validated); they may be negative (optimal transport is
 * invariant to adding a constant to C, up to that constant in the cost).
 */
public final class CostMatrix {
    private final int rows;
    private final int cols;
    private final double[] values;
    private final double max;
    private final double min;

    private CostMatrix(int rows, int cols, double[] values) {
        this(rows, cols, values, range(values, 0, values.length));
    }

    /** With the {min, max} of values already formed; both finite means every entry is finite. */
    private CostMatrix(int rows, int cols, double[] values, double[] range) {
        this.rows = rows;
        this.cols = cols;
        this.values = values;
        if (!(Double.isFinite(range[0]) && Double.isFinite(range[1]))) {
            int k = indexOfNonFinite(values);
            throw Checks.fail("cost[%d][%d] is not finite: %s", k / cols, k % cols, values[k]);
        }
        this.min = range[0];
        this.max = range[1];
    }

    /** {min, max} of v[from, to); NaN when an entry is NaN. */
    private static double[] range(double[] v, int from, int to) {
        double mx = Double.NEGATIVE_INFINITY;
        double mn = Double.POSITIVE_INFINITY;
        boolean nan = false;
        for (int k = from; k < to; k++) {
            double x = v[k];
            mx = x > mx ? x : mx;
            mn = x < mn ? x : mn;
            nan |= x != x;
        }
        return nan ? new double[] {Double.NaN, Double.NaN} : new double[] {mn, mx};
    }

    private static double[] merge(double[][] parts) {
        double mn = Double.POSITIVE_INFINITY;
        double mx = Double.NEGATIVE_INFINITY;
        for (double[] p : parts) {
            if (p[0] != p[0]) {
                return p;
            }
            mn = Math.min(mn, p[0]);
            mx = Math.max(mx, p[1]);
        }
        return new double[] {mn, mx};
    }

    /** Row blocks for filling large matrices on all cores (rows·cols ≥ 2^16). */
    private static int blocks(int rows, int cols) {
        return (long) rows * cols >= (1 << 16) ? Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), rows / 16)) : 1;
    }

    private static void forBlocks(int blocks, java.util.function.IntConsumer body) {
        if (blocks == 1) {
            body.accept(0);
        } else {
            java.util.stream.IntStream.range(0, blocks).parallel().forEach(body);
        }
    }

    private static int indexOfNonFinite(double[] v) {
        for (int k = 0; k < v.length; k++) {
            if (!Double.isFinite(v[k])) {
                return k;
            }
        }
        return -1;
    }

    /** An explicit matrix given row-major (length rows·cols); the array is copied. */
    public static CostMatrix of(double[] rowMajor, int rows, int cols) {
        Checks.requirePositive("rows", rows);
        Checks.requirePositive("cols", cols);
        Checks.requireNonNull("cost", rowMajor);
        if ((long) rows * cols != rowMajor.length) {
            throw Checks.fail("cost has %d entries, expected rows·cols = %d·%d", rowMajor.length, rows, cols);
        }
        return new CostMatrix(rows, cols, rowMajor.clone());
    }

    /** An explicit matrix given as rows (all of one length); copied. */
    public static CostMatrix of(double[][] matrix) {
        Checks.requireNonNull("cost", matrix);
        if (matrix.length == 0 || matrix[0] == null || matrix[0].length == 0) {
            throw Checks.fail("cost is empty");
        }
        int m = matrix[0].length;
        double[] flat = new double[matrix.length * m];
        for (int i = 0; i < matrix.length; i++) {
            if (matrix[i] == null || matrix[i].length != m) {
                throw Checks.fail("cost[%d] has length %d, cost[0] has %d", i, matrix[i] == null ? 0 : matrix[i].length, m);
            }
            System.arraycopy(matrix[i], 0, flat, i * m, m);
        }
        return new CostMatrix(matrix.length, m, flat);
    }

    /** The cost matrix between the points of two empirical distributions (weights are ignored here). */
    public static CostMatrix between(EmpiricalDistribution x, EmpiricalDistribution y, GroundCost cost) {
        Checks.requireNonNull("x", x);
        Checks.requireNonNull("y", y);
        if (x.dimension() != y.dimension()) {
            throw Checks.fail("x and y differ in dimension: %d vs %d", x.dimension(), y.dimension());
        }
        return compute(x.pointsRowMajor(), y.pointsRowMajor(), x.dimension(), cost);
    }

    /**
     * The cost matrix between two raw point sets given row-major with dimension d: {@code x} has
     * n·d values, {@code y} m·d values.
     */
    public static CostMatrix between(double[] x, double[] y, int d, GroundCost cost) {
        Checks.requirePositive("d", d);
        Checks.requireFiniteArray("x", x);
        Checks.requireFiniteArray("y", y);
        if (x.length % d != 0) {
            throw Checks.fail("x has %d values, not a multiple of the dimension %d", x.length, d);
        }
        if (y.length % d != 0) {
            throw Checks.fail("y has %d values, not a multiple of the dimension %d", y.length, d);
        }
        return compute(x, y, d, cost);
    }

    /** Squared Euclidean cost between two empirical distributions. */
    public static CostMatrix squaredEuclidean(EmpiricalDistribution x, EmpiricalDistribution y) {
        return between(x, y, GroundCost.squaredEuclidean());
    }

    private static CostMatrix compute(double[] x, double[] y, int d, GroundCost cost) {
        Checks.requireNonNull("cost", cost);
        int n = x.length / d;
        int m = y.length / d;
        double[] c = new double[Math.multiplyExact(n, m)];
        boolean euclid = cost == GroundCosts.SQUARED_EUCLIDEAN || cost == GroundCosts.EUCLIDEAN;
        boolean sqrt = cost == GroundCosts.EUCLIDEAN;
        int blocks = euclid ? blocks(n, m) : 1; // a caller's GroundCost is not assumed thread-safe
        double[][] parts = new double[blocks][];
        forBlocks(blocks, t -> {
            int lo = (int) ((long) n * t / blocks);
            int hi = (int) ((long) n * (t + 1) / blocks);
            for (int i = lo; i < hi; i++) {
                int row = i * m;
                if (euclid && d == 2) {
                    double x0 = x[2 * i];
                    double x1 = x[2 * i + 1];
                    for (int j = 0; j < m; j++) {
                        double t0 = x0 - y[2 * j];
                        double t1 = x1 - y[2 * j + 1];
                        double s = t0 * t0 + t1 * t1;
                        c[row + j] = sqrt ? Math.sqrt(s) : s;
                    }
                } else if (euclid) {
                    for (int j = 0; j < m; j++) {
                        double s = 0;
                        for (int k = 0; k < d; k++) {
                            double t1 = x[i * d + k] - y[j * d + k];
                            s += t1 * t1;
                        }
                        c[row + j] = sqrt ? Math.sqrt(s) : s;
                    }
                } else {
                    for (int j = 0; j < m; j++) {
                        c[row + j] = cost.cost(x, i * d, y, j * d, d);
                    }
                }
            }
            parts[t] = range(c, lo * m, hi * m);
        });
        return new CostMatrix(n, m, c, merge(parts));
    }

    /** Number of rows n (source points). */
    public int rows() {
        return rows;
    }

    /** Number of columns m (target points). */
    public int cols() {
        return cols;
    }

    /** \( C_{ij} \). */
    public double get(int i, int j) {
        return values[i * cols + j];
    }

    /** The largest entry. */
    public double max() {
        return max;
    }

    /** The smallest entry. */
    public double min() {
        return min;
    }

    /** A copy of the entries, row-major. */
    public double[] toArray() {
        return values.clone();
    }

    /** The matrix multiplied by {@code factor} (finite, positive). */
    public CostMatrix scaledBy(double factor) {
        Checks.requirePositiveFinite("factor", factor);
        double[] c = new double[values.length];
        int blocks = blocks(rows, cols);
        double[][] parts = new double[blocks][];
        forBlocks(blocks, t -> {
            int lo = (int) ((long) rows * t / blocks) * cols;
            int hi = (int) ((long) rows * (t + 1) / blocks) * cols;
            for (int k = lo; k < hi; k++) {
                c[k] = values[k] * factor;
            }
            parts[t] = range(c, lo, hi);
        });
        return new CostMatrix(rows, cols, c, merge(parts));
    }

    /** The matrix divided by its maximum (so that its largest entry is 1); requires max > 0. */
    public CostMatrix normalizedByMax() {
        if (!(max > 0)) {
            throw Checks.fail("cost maximum must be positive to normalise: %s", max);
        }
        return scaledBy(1.0 / max);
    }

    /** The transpose (an m×n matrix). */
    public CostMatrix transpose() {
        double[] t = new double[values.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = values[i * cols + j];
            }
        }
        return new CostMatrix(cols, rows, t);
    }

    /** The backing array, not copied: package-private for the solvers, which never write it. */
    double[] data() {
        return values;
    }
}
