package dev.entropic.transport;

import dev.entropic.core.Checks;
import java.util.Arrays;

/**
 * An immutable n×m transport plan P (a coupling of the source and target masses), stored either
 * dense (row-major) or sparse (coordinate list sorted by row then column). Exact solvers return a
 * sparse plan with at most n+m−1 non-zeros; entropic solvers return a dense one.
 */
public final class TransportPlan {
    private final int rows;
    private final int cols;
    private final double[] dense;
    private final int[] rowIndex;
    private final int[] colIndex;
    private final double[] value;

    private TransportPlan(int rows, int cols, double[] dense, int[] rowIndex, int[] colIndex, double[] value) {
        this.rows = rows;
        this.cols = cols;
        this.dense = dense;
        this.rowIndex = rowIndex;
        this.colIndex = colIndex;
        this.value = value;
    }

    /** A dense plan, row-major; the array is copied. */
    public static TransportPlan dense(int rows, int cols, double[] rowMajor) {
        Checks.requireNonNull("plan", rowMajor);
        if ((long) rows * cols != rowMajor.length) {
            throw Checks.fail("plan has %d entries, expected %d·%d", rowMajor.length, rows, cols);
        }
        return new TransportPlan(rows, cols, rowMajor.clone(), null, null, null);
    }

    /** Takes ownership of the array (package-private, for solvers). */
    static TransportPlan denseOwned(int rows, int cols, double[] rowMajor) {
        return new TransportPlan(rows, cols, rowMajor, null, null, null);
    }

    /**
     * A sparse plan from coordinate triplets (copied; duplicates are summed, zeros dropped).
     */
    public static TransportPlan sparse(int rows, int cols, int[] rowIndex, int[] colIndex, double[] value) {
        Checks.requireNonNull("rowIndex", rowIndex);
        Checks.requireNonNull("colIndex", colIndex);
        Checks.requireNonNull("value", value);
        int k = value.length;
        if (rowIndex.length != k || colIndex.length != k) {
            throw Checks.fail("rowIndex, colIndex and value differ in length: %d, %d, %d", rowIndex.length, colIndex.length, k);
        }
        for (int t = 0; t < k; t++) {
            if (rowIndex[t] < 0 || rowIndex[t] >= rows || colIndex[t] < 0 || colIndex[t] >= cols) {
                throw Checks.fail("entry %d at (%d, %d) is outside %dx%d", t, rowIndex[t], colIndex[t], rows, cols);
            }
            if (!(value[t] >= 0 && value[t] < Double.POSITIVE_INFINITY)) {
                throw Checks.fail("value[%d] must be finite and non-negative: %s", t, value[t]);
            }
        }
        Integer[] order = new Integer[k];
        for (int t = 0; t < k; t++) {
            order[t] = t;
        }
        Arrays.sort(order, (p, q) -> Long.compare((long) rowIndex[p] * cols + colIndex[p], (long) rowIndex[q] * cols + colIndex[q]));
        int[] r = new int[k];
        int[] c = new int[k];
        double[] v = new double[k];
        int out = 0;
        for (int t = 0; t < k; t++) {
            int s = order[t];
            if (out > 0 && r[out - 1] == rowIndex[s] && c[out - 1] == colIndex[s]) {
                v[out - 1] += value[s];
            } else {
                r[out] = rowIndex[s];
                c[out] = colIndex[s];
                v[out] = value[s];
                out++;
            }
        }
        int nz = 0;
        for (int t = 0; t < out; t++) {
            if (v[t] != 0) {
                r[nz] = r[t];
                c[nz] = c[t];
                v[nz] = v[t];
                nz++;
            }
        }
        return new TransportPlan(rows, cols, null, Arrays.copyOf(r, nz), Arrays.copyOf(c, nz), Arrays.copyOf(v, nz));
    }

    /** Number of rows n. */
    public int rows() {
        return rows;
    }

    /** Number of columns m. */
    public int cols() {
        return cols;
    }

    /** True when stored as a coordinate list. */
    public boolean isSparse() {
        return dense == null;
    }

    /** Number of stored entries (n·m when dense). */
    public int storedEntries() {
        return dense == null ? value.length : dense.length;
    }

    /** \( P_{ij} \). */
    public double get(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw Checks.fail("(%d, %d) is outside %dx%d", i, j, rows, cols);
        }
        if (dense != null) {
            return dense[i * cols + j];
        }
        int lo = 0;
        int hi = value.length - 1;
        long key = (long) i * cols + j;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = (long) rowIndex[mid] * cols + colIndex[mid];
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                hi = mid - 1;
            } else {
                return value[mid];
            }
        }
        return 0.0;
    }

    /** A dense row-major copy. */
    public double[] toDenseArray() {
        if (dense != null) {
            return dense.clone();
        }
        double[] out = new double[Math.multiplyExact(rows, cols)];
        for (int t = 0; t < value.length; t++) {
            out[rowIndex[t] * cols + colIndex[t]] += value[t];
        }
        return out;
    }

    /** Row sums \( P\mathbf 1 \). */
    public double[] rowSums() {
        double[] s = new double[rows];
        if (dense != null) {
            for (int i = 0; i < rows; i++) {
                double acc = 0;
                for (int j = 0; j < cols; j++) {
                    acc += dense[i * cols + j];
                }
                s[i] = acc;
            }
        } else {
            for (int t = 0; t < value.length; t++) {
                s[rowIndex[t]] += value[t];
            }
        }
        return s;
    }

    /** Column sums \( P^\top\mathbf 1 \). */
    public double[] columnSums() {
        double[] s = new double[cols];
        if (dense != null) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    s[j] += dense[i * cols + j];
                }
            }
        } else {
            for (int t = 0; t < value.length; t++) {
                s[colIndex[t]] += value[t];
            }
        }
        return s;
    }

    /** Total mass Σ P. */
    public double mass() {
        double s = 0;
        for (double v : rowSums()) {
            s += v;
        }
        return s;
    }

    /** \( \langle P, C\rangle = \sum_{ij} P_{ij} C_{ij} \). */
    public double dot(CostMatrix cost) {
        if (cost.rows() != rows || cost.cols() != cols) {
            throw Checks.fail("cost shape %dx%d differs from plan shape %dx%d", cost.rows(), cost.cols(), rows, cols);
        }
        double[] c = cost.data();
        if (dense != null) {
            return PlanMath.dot(dense, c);
        }
        double s = 0;
        for (int t = 0; t < value.length; t++) {
            s += value[t] * c[rowIndex[t] * cols + colIndex[t]];
        }
        return s;
    }

    /** L1 marginal error \( \|P\mathbf 1 - a\|_1 + \|P^\top\mathbf 1 - b\|_1 \). */
    public double marginalError(double[] a, double[] b) {
        Checks.requireNonNull("a", a);
        Checks.requireNonNull("b", b);
        if (a.length != rows || b.length != cols) {
            throw Checks.fail("marginals have lengths %d, %d; plan is %dx%d", a.length, b.length, rows, cols);
        }
        double[] r = rowSums();
        double[] c = columnSums();
        double e = 0;
        for (int i = 0; i < rows; i++) {
            e += Math.abs(r[i] - a[i]);
        }
        for (int j = 0; j < cols; j++) {
            e += Math.abs(c[j] - b[j]);
        }
        return e;
    }

    /** A copy of the sparse row indices (for a dense plan: the non-zero entries are listed). */
    public int[] nonZeroRows() {
        return sparseView().rowIndex.clone();
    }

    /** A copy of the sparse column indices, aligned with {@link #nonZeroRows()}. */
    public int[] nonZeroColumns() {
        return sparseView().colIndex.clone();
    }

    /** A copy of the non-zero values, aligned with {@link #nonZeroRows()}. */
    public double[] nonZeroValues() {
        return sparseView().value.clone();
    }

    private TransportPlan sparseView() {
        if (dense == null) {
            return this;
        }
        int nz = 0;
        for (double v : dense) {
            if (v != 0) {
                nz++;
            }
        }
        int[] r = new int[nz];
        int[] c = new int[nz];
        double[] v = new double[nz];
        int t = 0;
        for (int k = 0; k < dense.length; k++) {
            if (dense[k] != 0) {
                r[t] = k / cols;
                c[t] = k % cols;
                v[t] = dense[k];
                t++;
            }
        }
        return new TransportPlan(rows, cols, null, r, c, v);
    }
}
