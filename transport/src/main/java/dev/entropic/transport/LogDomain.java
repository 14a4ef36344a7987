package dev.entropic.transport;

/**
 * Exact log-domain Sinkhorn half-steps (the entropic c-transforms) on a dense row-major cost
 * (package-private). With \( P_{ij} = a_i b_j e^{(f_i + g_j - C_{ij})/\varepsilon} \):
 * \( f_i = -\varepsilon\log\sum_j b_j e^{(g_j - C_{ij})/\varepsilon} \) makes the row sums exact,
 * \( g_j = -\varepsilon\log\sum_i a_i e^{(f_i - C_{ij})/\varepsilon} \) the column sums.
 */
final class LogDomain {
    private LogDomain() {
    }

    /** f ← row c-transform of g (all masses positive). */
    static void updateRows(double[] c, double[] logB, double[] g, double eps, double[] f) {
        int n = f.length;
        int m = g.length;
        double inv = 1.0 / eps;
        for (int i = 0; i < n; i++) {
            int off = i * m;
            double mx = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                double t = logB[j] + (g[j] - c[off + j]) * inv;
                if (t > mx) {
                    mx = t;
                }
            }
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += Math.exp(logB[j] + (g[j] - c[off + j]) * inv - mx);
            }
            f[i] = -eps * (mx + Math.log(s));
        }
    }

    /** g ← column c-transform of f, streaming row by row; {@code mx} and {@code s} are m-long workspaces. */
    static void updateColumns(double[] c, double[] logA, double[] f, double eps, double[] g, double[] mx, double[] s) {
        int n = f.length;
        int m = g.length;
        double inv = 1.0 / eps;
        java.util.Arrays.fill(mx, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(s, 0.0);
        for (int i = 0; i < n; i++) {
            int off = i * m;
            double base = logA[i] + f[i] * inv;
            for (int j = 0; j < m; j++) {
                double t = base - c[off + j] * inv;
                if (t > mx[j]) {
                    mx[j] = t;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            int off = i * m;
            double base = logA[i] + f[i] * inv;
            for (int j = 0; j < m; j++) {
                s[j] += Math.exp(base - c[off + j] * inv - mx[j]);
            }
        }
        for (int j = 0; j < m; j++) {
            g[j] = -eps * (mx[j] + Math.log(s[j]));
        }
    }

    static double[] log(double[] x) {
        double[] out = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = Math.log(x[k]);
        }
        return out;
    }

    /** The dense plan \( a_i b_j e^{(f_i + g_j - C_{ij})/\varepsilon} \) into {@code out}. */
    static void plan(double[] c, double[] logA, double[] logB, double[] f, double[] g, double eps, double[] out) {
        int n = f.length;
        int m = g.length;
        double inv = 1.0 / eps;
        for (int i = 0; i < n; i++) {
            int off = i * m;
            double base = logA[i] + f[i] * inv;
            for (int j = 0; j < m; j++) {
                out[off + j] = Math.exp(base + logB[j] + (g[j] - c[off + j]) * inv);
            }
        }
    }
}
