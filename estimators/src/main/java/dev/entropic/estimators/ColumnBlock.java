package dev.entropic.estimators;

/**
 * A block of row-major points copied into one array per coordinate, and the squared Euclidean
 * distances of a point to the block, for the brute-force pairwise loops (kNN, two-sample sums).
 * Every loop here reads and writes arrays at the same index {@code t}: with loads from one
 * {@code double[]} at an offset and stores into another, C2 (JDK 17–25) cannot prove the arrays
 * distinct and does not vectorise; with this layout it does.
 */
final class ColumnBlock {
    private ColumnBlock() {
    }

    /** {@code cols[c][t] = x[(j0 + t)·d + c]} for {@code t < w}, {@code c < d}. */
    static void load(double[] x, int d, int j0, int w, double[][] cols) {
        for (int c = 0; c < d; c++) {
            double[] col = cols[c];
            for (int t = 0; t < w; t++) {
                col[t] = x[(j0 + t) * d + c];
            }
        }
    }

    /** {@code out[t] = Σ_c (x[oi + c] − cols[c][t])²} for {@code t < w}, one vectorised pass per coordinate. */
    static void squaredDistances(double[] x, int oi, double[][] cols, int d, int w, double[] out) {
        for (int c = 0; c < d; c++) {
            double xc = x[oi + c];
            double[] col = cols[c];
            if (c == 0) {
                for (int t = 0; t < w; t++) {
                    double u = xc - col[t];
                    out[t] = u * u;
                }
            } else {
                for (int t = 0; t < w; t++) {
                    double u = xc - col[t];
                    out[t] += u * u;
                }
            }
        }
    }

    /**
     * {@code out[t] = Σ_c |x[oi + c] − cols[c][t]|} (L1), or {@code max_c} of the same terms (max
     * norm) when {@code max}, for {@code t < w}.
     */
    static void absDistances(double[] x, int oi, double[][] cols, int d, int w, double[] out, boolean max) {
        for (int c = 0; c < d; c++) {
            double xc = x[oi + c];
            double[] col = cols[c];
            if (c == 0) {
                for (int t = 0; t < w; t++) {
                    out[t] = Math.abs(xc - col[t]);
                }
            } else if (max) {
                for (int t = 0; t < w; t++) {
                    out[t] = Math.max(out[t], Math.abs(xc - col[t]));
                }
            } else {
                for (int t = 0; t < w; t++) {
                    out[t] += Math.abs(xc - col[t]);
                }
            }
        }
    }
}
