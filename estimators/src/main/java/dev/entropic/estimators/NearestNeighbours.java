package dev.entropic.estimators;

import dev.entropic.core.Checks;
import dev.entropic.estimators.KdTree.Metric;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact k-nearest-neighbour distances and strict fixed-radius counts for whole samples, the
 * building block of the kNN estimators ({@link KnnEntropy}, {@link KnnDivergence},
 * {@link KnnMutualInformation}). Data are row-major {@code double[]} of dimension d.
 *
 * <p>Strategy: a {@link KdTree} when {@code d ≤} {@value #KD_TREE_MAX_DIMENSION} (O(n log n) per
 * sample in practice), otherwise blocked brute force: queries in blocks of {@value #QUERY_BLOCK},
 * reference points in blocks of {@value #REFERENCE_BLOCK} so both stay in cache, O(n m d) time and
 * O(k) memory per query. Both are exact and return bit-identical values (same distance sums, see
 * {@link KdTree}). Queries run in parallel over blocks (the common fork–join pool) when there are
 * at least {@value #PARALLEL_THRESHOLD} of them. Ties and duplicates: see {@link KdTree}.
 */
public final class NearestNeighbours {
    /** Largest dimension for which the k-d tree is used. */
    public static final int KD_TREE_MAX_DIMENSION = 10;
    static final int QUERY_BLOCK = 64;
    static final int REFERENCE_BLOCK = 512;
    static final int PARALLEL_THRESHOLD = 512;

    private NearestNeighbours() {
    }

    /**
     * For each row i of x, the distance to its k-th nearest neighbour among the other rows
     * (row i itself excluded, its duplicates included).
     */
    public static double[] kthNeighbourDistances(double[] x, int d, int k, Metric metric) {
        int n = rows("x", x, d);
        Checks.requireNonNull("metric", metric);
        Checks.requirePositive("k", k);
        if (k >= n) {
            throw Checks.fail("need more than k = %d points, got %d", k, n);
        }
        double[] r = kthRaw(x, x, d, k, metric == Metric.EUCLIDEAN, true, false);
        return metric == Metric.EUCLIDEAN ? sqrtInPlace(r) : r;
    }

    /**
     * For each row i of {@code queries}, the distance to its k-th nearest neighbour among the
     * rows of {@code reference} (no exclusion: the two samples are distinct).
     */
    public static double[] kthNeighbourDistances(double[] reference, double[] queries, int d, int k, Metric metric) {
        int m = rows("reference", reference, d);
        rows("queries", queries, d);
        Checks.requireNonNull("metric", metric);
        Checks.requirePositive("k", k);
        if (k > m) {
            throw Checks.fail("k = %d exceeds the %d reference points", k, m);
        }
        double[] r = kthRaw(reference, queries, d, k, metric == Metric.EUCLIDEAN, false, false);
        return metric == Metric.EUCLIDEAN ? sqrtInPlace(r) : r;
    }

    /**
     * For each row i of x, the number of other rows j ≠ i with distance strictly less than
     * {@code radii[i]}.
     */
    public static int[] countWithin(double[] x, int d, double[] radii, Metric metric) {
        int n = rows("x", x, d);
        Checks.requireNonNull("radii", radii);
        Checks.requireNonNull("metric", metric);
        if (radii.length != n) {
            throw Checks.fail("radii has length %d, x has %d rows", radii.length, n);
        }
        for (int i = 0; i < n; i++) {
            if (!(radii[i] >= 0)) {
                throw Checks.fail("radii[%d] must be non-negative: %s", i, radii[i]);
            }
        }
        return countRaw(x, d, radii, metric == Metric.EUCLIDEAN ? KdTree.EUCLIDEAN_DISTANCE : KdTree.MAX_DISTANCE, false);
    }

    /** Row-major copy of a rectangular matrix with finite entries; names the argument on failure. */
    static double[] flatten(String name, double[][] rows) {
        Checks.requireNonNull(name, rows);
        if (rows.length == 0) {
            throw Checks.fail("%s is empty", name);
        }
        Checks.requireNonNull(name + "[0]", rows[0]);
        int d = rows[0].length;
        if (d == 0) {
            throw Checks.fail("%s has zero columns", name);
        }
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            Checks.requireNonNull(name + "[" + i + "]", rows[i]);
            if (rows[i].length != d) {
                throw Checks.fail("%s[%d] has %d coordinates, %s[0] has %d", name, i, rows[i].length, name, d);
            }
            for (int j = 0; j < d; j++) {
                double v = rows[i][j];
                if (!Double.isFinite(v)) {
                    throw Checks.fail("%s[%d][%d] is not finite: %s", name, i, j, v);
                }
                flat[i * d + j] = v;
            }
        }
        return flat;
    }

    static int rows(String name, double[] x, int d) {
        Checks.requireNonNull(name, x);
        Checks.requirePositive("d", d);
        if (x.length == 0 || x.length % d != 0) {
            throw Checks.fail("%s length %d is not a positive multiple of the dimension %d", name, x.length, d);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw Checks.fail("%s[%d][%d] is not finite: %s", name, i / d, i % d, x[i]);
            }
        }
        return x.length / d;
    }

    private static double[] sqrtInPlace(double[] r) {
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.sqrt(r[i]);
        }
        return r;
    }

    /**
     * Raw k-th distances (squared if euclidean) of the query rows to the reference rows;
     * {@code self} excludes query i from the reference (queries == reference). {@code forceBrute}
     * is for tests. No validation.
     */
    static double[] kthRaw(double[] ref, double[] q, int d, int k, boolean euclidean, boolean self, boolean forceBrute) {
        int nq = q.length / d;
        double[] out = new double[nq];
        int blocks = (nq + QUERY_BLOCK - 1) / QUERY_BLOCK;
        IntStream range = IntStream.range(0, blocks);
        if (nq >= PARALLEL_THRESHOLD) {
            range = range.parallel();
        }
        if (d <= KD_TREE_MAX_DIMENSION && !forceBrute) {
            KdTree tree = new KdTree(ref, d);
            range.forEach(b -> {
                double[] best = new double[k];
                int end = Math.min(nq, (b + 1) * QUERY_BLOCK);
                for (int i = b * QUERY_BLOCK; i < end; i++) {
                    out[i] = tree.kthRaw(q, i * d, self ? i : -1, euclidean, best);
                }
            });
        } else {
            int nr = ref.length / d;
            range.forEach(b -> {
                int start = b * QUERY_BLOCK;
                int end = Math.min(nq, start + QUERY_BLOCK);
                double[] best = new double[(end - start) * k];
                Arrays.fill(best, Double.POSITIVE_INFINITY);
                // the reference block one array per coordinate, and the distances of one query to it,
                // all indexed alike: the JIT vectorises the passes over the block
                double[][] cols = new double[d][REFERENCE_BLOCK];
                double[] dist = new double[REFERENCE_BLOCK];
                for (int r0 = 0; r0 < nr; r0 += REFERENCE_BLOCK) {
                    int r1 = Math.min(nr, r0 + REFERENCE_BLOCK);
                    int w = r1 - r0;
                    ColumnBlock.load(ref, d, r0, w, cols);
                    for (int i = start; i < end; i++) {
                        int bo = (i - start) * k;
                        int oi = i * d;
                        if (euclidean) {
                            ColumnBlock.squaredDistances(q, oi, cols, d, w, dist);
                        } else {
                            ColumnBlock.absDistances(q, oi, cols, d, w, dist, true);
                        }
                        if (self && i >= r0 && i < r1) {
                            dist[i - r0] = Double.POSITIVE_INFINITY;
                        }
                        double kth = best[bo + k - 1];
                        for (int t = 0; t < w; t++) {
                            double s = dist[t];
                            if (s < kth) {
                                int p = k - 1;
                                while (p > 0 && best[bo + p - 1] > s) {
                                    best[bo + p] = best[bo + p - 1];
                                    p--;
                                }
                                best[bo + p] = s;
                                kth = best[bo + k - 1];
                            }
                        }
                    }
                }
                for (int i = start; i < end; i++) {
                    out[i] = best[(i - start) * k + k - 1];
                }
            });
        }
        return out;
    }

    /** Strict counts of other rows in the given {@link KdTree} count mode; no validation. */
    static int[] countRaw(double[] x, int d, double[] r, int mode, boolean forceBrute) {
        int n = x.length / d;
        int[] out = new int[n];
        int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
        IntStream range = IntStream.range(0, blocks);
        if (n >= PARALLEL_THRESHOLD) {
            range = range.parallel();
        }
        if (d <= KD_TREE_MAX_DIMENSION && !forceBrute) {
            KdTree tree = new KdTree(x, d);
            range.forEach(b -> {
                int end = Math.min(n, (b + 1) * QUERY_BLOCK);
                for (int i = b * QUERY_BLOCK; i < end; i++) {
                    // the point itself is at distance 0 and counted iff r > 0
                    out[i] = tree.countRaw(x, i * d, r[i], mode) - (r[i] > 0 ? 1 : 0);
                }
            });
        } else {
            range.forEach(b -> {
                int end = Math.min(n, (b + 1) * QUERY_BLOCK);
                for (int i = b * QUERY_BLOCK; i < end; i++) {
                    int oi = i * d;
                    int cnt = 0;
                    for (int j = 0; j < n; j++) {
                        if (j == i) {
                            continue;
                        }
                        int oj = j * d;
                        double s = 0;
                        if (mode != KdTree.MAX_DISTANCE) {
                            for (int c = 0; c < d; c++) {
                                double t = x[oi + c] - x[oj + c];
                                s += t * t;
                            }
                            if (mode == KdTree.EUCLIDEAN_DISTANCE) {
                                s = Math.sqrt(s);
                            }
                        } else {
                            for (int c = 0; c < d; c++) {
                                s = Math.max(s, Math.abs(x[oi + c] - x[oj + c]));
                            }
                        }
                        if (s < r[i]) {
                            cnt++;
                        }
                    }
                    out[i] = cnt;
                }
            });
        }
        return out;
    }
}
