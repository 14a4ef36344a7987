package dev.entropic.estimators;

import dev.entropic.core.FastExp;
import java.util.stream.IntStream;

/**
 * Within- and between-group sums of a pairwise function over a pooled sample, for many labellings
 * at once (the observed split and its permutations), without an N × N matrix: rows in blocks of
 * {@value #ROW_BLOCK}, columns in blocks of {@value #COLUMN_BLOCK}; the kernel block is computed
 * once (distances by vectorised passes over a per-coordinate copy of the column block; the gaussian
 * kernel by {@link FastExp#expShifted}, relative error below 6e-14, and by {@code Math.exp} where
 * it is below {@code e^-60}) and multiplied into every labelling (labels stored per point, so the update over the labellings
 * is one vectorised multiply-add per pair), so each unordered pair's kernel value is evaluated once
 * (upper triangle) whatever the number of labellings. Memory: the labellings, (B + 1) × N doubles. Parallel over row blocks; per-block results are
 * summed in block order, so the output does not depend on the thread count.
 */
final class PairwiseSums {
    static final int GAUSSIAN = 0;
    static final int DISTANCE = 1;
    static final int ROW_BLOCK = 32;
    static final int COLUMN_BLOCK = 1024;
    static final int PARALLEL_THRESHOLD = 256;

    private PairwiseSums() {
    }

    /**
     * For each labelling b ({@code labels[b][i]} = 1 if point i is in the first group, 0 otherwise),
     * {@code {S_11, S_22, S_12}}: the sums of f(z_i, z_j) over ordered pairs i ≠ j both in group 1,
     * both in group 2, and i in group 1, j in group 2. f is {@code exp(−γ‖z_i − z_j‖²)} (GAUSSIAN)
     * or {@code ‖z_i − z_j‖} (DISTANCE). All rows are computed alike (the sum over the second group
     * as the row total minus the first group's), so permuted statistics compare exactly with the
     * observed one; that subtraction is exact in absolute terms only (see {@link #directSums}).
     */
    static double[][] sums(double[] z, int d, int kind, double gamma, double[][] labels) {
        return sums(z, d, kind, gamma, labels, false);
    }

    /**
     * {@code {S_11, S_22, S_12}} of labelling 0 with both groups summed directly: exact to relative
     * rounding even when the cross sum is many orders of magnitude below the within sums
     * (Cauchy–Schwarz takes its logarithm), at the cost of one more pass per kernel row.
     */
    static double[] directSums(double[] z, int d, int kind, double gamma, double[][] labels) {
        return sums(z, d, kind, gamma, labels, true)[labels.length];
    }

    /** The labellings' sums, then (when {@code direct}) labelling 0 summed directly as one more row. */
    private static double[][] sums(double[] z, int d, int kind, double gamma, double[][] labels, boolean direct) {
        int n = z.length / d;
        int nb = labels.length;
        int blocks = (n + ROW_BLOCK - 1) / ROW_BLOCK;
        double[][] perBlock = new double[blocks][];
        IntStream range = IntStream.range(0, blocks);
        if (n >= PARALLEL_THRESHOLD) {
            range = range.parallel();
        }
        double[][] byPoint = new double[n][nb]; // labels transposed: byPoint[i][b] = labels[b][i]
        for (int b = 0; b < nb; b++) {
            double[] l = labels[b];
            for (int i = 0; i < n; i++) {
                byPoint[i][b] = l[i];
            }
        }
        range.forEach(blk -> perBlock[blk] = block(z, d, kind, gamma, labels, byPoint, direct, blk));
        int rowsOut = direct ? nb + 1 : nb;
        double[][] out = new double[rowsOut][3];
        for (double[] p : perBlock) {
            for (int b = 0; b < rowsOut; b++) {
                out[b][0] += p[3 * b];
                out[b][1] += p[3 * b + 1];
                out[b][2] += p[3 * b + 2];
            }
        }
        return out;
    }

    private static double[] block(double[] z, int d, int kind, double gamma, double[][] labels, double[][] byPoint,
                                  boolean direct, int blk) {
        int n = z.length / d;
        int nb = labels.length;
        int i0 = blk * ROW_BLOCK;
        int i1 = Math.min(n, i0 + ROW_BLOCK);
        int rows = i1 - i0;
        double[][] inX = new double[rows][nb]; // Σ_{j>i} f(z_i, z_j) l_j, per row and labelling
        double[] rowSum = new double[rows]; // Σ_{j>i} f(z_i, z_j)
        double[] second0 = direct ? new double[rows] : null; // Σ_{j>i} f(z_i, z_j) (1 − l_j), labelling 0
        double[] l0 = labels[0];
        double[][] kb = new double[rows][COLUMN_BLOCK];
        double[][] zb = new double[d][COLUMN_BLOCK]; // the column block, one array per coordinate
        double[] sq = new double[COLUMN_BLOCK];
        double far = -FastExp.SHIFTED_LOWER / gamma;
        for (int j0 = i0; j0 < n; j0 += COLUMN_BLOCK) { // upper triangle only: f is symmetric
            int j1 = Math.min(n, j0 + COLUMN_BLOCK);
            int w = j1 - j0;
            ColumnBlock.load(z, d, j0, w, zb);
            for (int i = i0; i < i1; i++) {
                double[] k = kb[i - i0];
                ColumnBlock.squaredDistances(z, i * d, zb, d, w, k);
                if (kind == GAUSSIAN) {
                    System.arraycopy(k, 0, sq, 0, w);
                    FastExp.expShifted(k, w, -gamma, 0);
                    for (int t = 0; t < w; t++) {
                        if (sq[t] > far) { // exp(-γ s) < e^-60: exactly (Cauchy–Schwarz takes logs of tiny sums)
                            k[t] = Math.exp(-gamma * sq[t]);
                        }
                    }
                } else {
                    for (int t = 0; t < w; t++) {
                        k[t] = Math.sqrt(k[t]);
                    }
                }
                if (j0 <= i) {
                    java.util.Arrays.fill(k, 0, Math.min(w, i - j0 + 1), 0.0); // pairs j ≤ i
                }
                rowSum[i - i0] += FastExp.sum(k, w);
                if (direct) {
                    double s2 = 0;
                    for (int t = 0; t < w; t++) {
                        s2 += k[t] * (1 - l0[j0 + t]);
                    }
                    second0[i - i0] += s2;
                }
            }
            // inX[r][·] += f(z_i, z_j) · (labels of j): an axpy over the labellings, whose loads and
            // stores share the index b, so the JIT vectorises it
            for (int j = j0; j < j1; j++) {
                double[] lj = byPoint[j];
                int t = j - j0;
                for (int r = 0; r < rows; r++) {
                    double v = kb[r][t];
                    if (v == 0) {
                        continue; // lower triangle (or an underflowed kernel value)
                    }
                    axpy(inX[r], v, lj, nb);
                }
            }
        }
        int rowsOut = direct ? nb + 1 : nb;
        double[] out = new double[3 * rowsOut];
        for (int b = 0; b < rowsOut; b++) {
            boolean summedDirectly = b == nb;
            double[] l = labels[summedDirectly ? 0 : b];
            double s11 = 0;
            double s22 = 0;
            double s12 = 0;
            for (int r = 0; r < rows; r++) {
                double a = inX[r][summedDirectly ? 0 : b]; // pairs (i, j > i) with j in group 1
                double rest = summedDirectly ? second0[r] : rowSum[r] - a; // ... with j in group 2
                if (l[i0 + r] != 0) {
                    s11 += a;
                    s12 += rest;
                } else {
                    s22 += rest;
                    s12 += a;
                }
            }
            out[3 * b] = 2 * s11; // ordered pairs: each unordered pair twice
            out[3 * b + 1] = 2 * s22;
            out[3 * b + 2] = s12;
        }
        return out;
    }

    /** {@code acc[b] += v · l[b]} for {@code b < len} (its own method, so the JIT compiles and vectorises it alone). */
    private static void axpy(double[] acc, double v, double[] l, int len) {
        for (int b = 0; b < len; b++) {
            acc[b] += v * l[b];
        }
    }

    /** Labelling 0 is the observed split (first m points in group 1); 1..B are seeded uniform permutations of it. */
    static double[][] labels(int n, int m, int permutations, org.apache.commons.rng.UniformRandomProvider rng) {
        double[][] labels = new double[permutations + 1][n];
        for (int i = 0; i < m; i++) {
            labels[0][i] = 1;
        }
        int[] perm = new int[n];
        for (int b = 1; b <= permutations; b++) {
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) { // Fisher–Yates
                int j = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            for (int i = 0; i < m; i++) {
                labels[b][perm[i]] = 1;
            }
        }
        return labels;
    }

    /** Permutation p-value {@code (1 + #{b ≥ 1 : T_b ≥ T_0}) / (1 + B)}. */
    static double pValue(double[] stats) {
        int ge = 0;
        for (int b = 1; b < stats.length; b++) {
            if (stats[b] >= stats[0]) {
                ge++;
            }
        }
        return (1.0 + ge) / stats.length;
    }
}
