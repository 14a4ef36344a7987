package dev.entropic.transport;

/** Shared reductions on flat arrays (package-private). */
final class PlanMath {
    private PlanMath() {
    }

    /** Σ x_k y_k with four accumulators. */
    static double dot(double[] x, double[] y) {
        return dot(x, 0, y, 0, x.length);
    }

    static double dot(double[] x, int xo, double[] y, int yo, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            s0 += x[xo + k] * y[yo + k];
            s1 += x[xo + k + 1] * y[yo + k + 1];
            s2 += x[xo + k + 2] * y[yo + k + 2];
            s3 += x[xo + k + 3] * y[yo + k + 3];
        }
        for (; k < len; k++) {
            s0 += x[xo + k] * y[yo + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Generalised \( \mathrm{KL}(P\|ab^\top) = \sum_{ij} [P_{ij}\log\frac{P_{ij}}{a_ib_j} - P_{ij} + a_ib_j] \)
     * (0 log 0 = 0).
     */
    static double klToProduct(double[] plan, double[] a, double[] b) {
        int n = a.length;
        int m = b.length;
        double s = 0;
        double massP = 0;
        for (int i = 0; i < n; i++) {
            double ai = a[i];
            for (int j = 0; j < m; j++) {
                double p = plan[i * m + j];
                if (p > 0) {
                    s += p * Math.log(p / (ai * b[j]));
                    massP += p;
                }
            }
        }
        double ma = 0;
        for (double v : a) {
            ma += v;
        }
        double mb = 0;
        for (double v : b) {
            mb += v;
        }
        return s - massP + ma * mb;
    }

    /** L1 error of the row and column sums of a dense plan against a and b. */
    static double marginalError(double[] plan, double[] a, double[] b) {
        int n = a.length;
        int m = b.length;
        double[] col = new double[m];
        double e = 0;
        for (int i = 0; i < n; i++) {
            double r = 0;
            int off = i * m;
            for (int j = 0; j < m; j++) {
                double p = plan[off + j];
                r += p;
                col[j] += p;
            }
            e += Math.abs(r - a[i]);
        }
        for (int j = 0; j < m; j++) {
            e += Math.abs(col[j] - b[j]);
        }
        return e;
    }

    /** Elapsed seconds since {@code startNanos}. */
    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) * 1e-9;
    }
}
