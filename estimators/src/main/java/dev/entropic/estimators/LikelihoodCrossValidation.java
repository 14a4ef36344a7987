package dev.entropic.estimators;

import dev.entropic.core.Checks;
import java.util.Arrays;

/**
 * Likelihood cross-validation for a diagonal gaussian product bandwidth (see
 * {@link BandwidthMatrix#lcv()}): minimises {@link #objective} over {@code log h} by Nelder-Mead.
 */
final class LikelihoodCrossValidation implements BandwidthMatrix {
    static final LikelihoodCrossValidation INSTANCE = new LikelihoodCrossValidation();

    private LikelihoodCrossValidation() {
    }

    /** Simplex convergence: spread of objective values (relative) and of log-bandwidths. */
    static final double F_TOL = 1e-13;
    static final double X_TOL = 1e-9;

    @Override
    public String name() {
        return "lcv";
    }

    @Override
    public double[][] select(double[][] x, double[] w) {
        int n = x.length;
        int d = x[0].length;
        if (n < 3) {
            throw Checks.fail("data needs at least 3 points for the lcv bandwidth, got %d", n);
        }
        double[] theta = new double[d];
        for (int k = 0; k < d; k++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += (w == null ? 1.0 / n : w[i]) * x[i][k];
            }
            double v = 0;
            for (int i = 0; i < n; i++) {
                v += (w == null ? 1.0 / n : w[i]) * (x[i][k] - m) * (x[i][k] - m);
            }
            if (!(v > 0)) {
                throw Checks.fail("data has zero variance in column %d: the lcv bandwidth is 0", k);
            }
            // statsmodels' normal-reference start: 1.06 sd (ddof 0) n^(-1/(d+4))
            theta[k] = Math.log(1.06 * Math.sqrt(v) * Math.pow(n, -1.0 / (d + 4)));
        }
        double[] best = nelderMead(t -> objective(x, w, exp(t)), theta, 0.05);
        double[][] h = new double[d][d];
        for (int k = 0; k < d; k++) {
            double hk = Math.exp(best[k]);
            h[k][k] = hk * hk;
        }
        return h;
    }

    private static double[] exp(double[] t) {
        double[] h = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            h[k] = Math.exp(t[k]);
        }
        return h;
    }

    /**
     * The negative leave-one-out log-likelihood. Unweighted it is exactly statsmodels'
     * {@code KDEMultivariate.loo_likelihood(bw, np.log)}:
     * {@code -Σ_i log Σ_{j≠i} Π_k φ((x_ik - x_jk)/h_k)/h_k} (no 1/(n-1) factor); weighted:
     * {@code -Σ_i w_i log Σ_{j≠i} w_j Π_k φ((x_ik - x_jk)/h_k)/h_k}. Computed by log-sum-exp.
     */
    static double objective(double[][] x, double[] w, double[] h) {
        int n = x.length;
        int d = h.length;
        double logNorm = 0;
        for (int k = 0; k < d; k++) {
            if (!(h[k] > 0) || Double.isInfinite(h[k])) {
                return Double.POSITIVE_INFINITY;
            }
            logNorm -= Math.log(h[k]);
        }
        logNorm -= 0.5 * d * Math.log(2 * Math.PI);
        double[] z = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                z[i * d + k] = x[i][k] / h[k];
            }
        }
        double[] a = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    a[j] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double u = z[i * d + k] - z[j * d + k];
                    s += u * u;
                }
                double v = -0.5 * s + (w == null ? 0 : Math.log(w[j]));
                a[j] = v;
                max = Math.max(max, v);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                return Double.POSITIVE_INFINITY;
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(a[j] - max);
            }
            double li = max + Math.log(sum) + logNorm;
            total += w == null ? li : w[i] * li;
        }
        return -total;
    }

    /** Nelder-Mead (standard coefficients 1, 2, 1/2, 1/2) from {@code x0} with an initial step. */
    static double[] nelderMead(java.util.function.ToDoubleFunction<double[]> f, double[] x0, double step) {
        int d = x0.length;
        double[][] p = new double[d + 1][];
        double[] fv = new double[d + 1];
        p[0] = x0.clone();
        for (int k = 0; k < d; k++) {
            p[k + 1] = x0.clone();
            p[k + 1][k] += step;
        }
        for (int i = 0; i <= d; i++) {
            fv[i] = f.applyAsDouble(p[i]);
        }
        Integer[] order = new Integer[d + 1];
        for (int it = 0; it < 5000 * d; it++) {
            for (int i = 0; i <= d; i++) {
                order[i] = i;
            }
            double[] fvs = fv;
            Arrays.sort(order, (a, b) -> Double.compare(fvs[a], fvs[b]));
            double[][] ps = new double[d + 1][];
            double[] fs = new double[d + 1];
            for (int i = 0; i <= d; i++) {
                ps[i] = p[order[i]];
                fs[i] = fv[order[i]];
            }
            p = ps;
            fv = fs;
            double xSpread = 0;
            for (int i = 1; i <= d; i++) {
                for (int k = 0; k < d; k++) {
                    xSpread = Math.max(xSpread, Math.abs(p[i][k] - p[0][k]));
                }
            }
            if (fv[d] - fv[0] <= F_TOL * Math.max(1, Math.abs(fv[0])) && xSpread <= X_TOL) {
                break;
            }
            double[] c = new double[d];
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    c[k] += p[i][k] / d;
                }
            }
            double[] xr = affine(c, p[d], -1);
            double fr = f.applyAsDouble(xr);
            if (fr < fv[0]) {
                double[] xe = affine(c, p[d], -2);
                double fe = f.applyAsDouble(xe);
                if (fe < fr) {
                    p[d] = xe;
                    fv[d] = fe;
                } else {
                    p[d] = xr;
                    fv[d] = fr;
                }
            } else if (fr < fv[d - 1]) {
                p[d] = xr;
                fv[d] = fr;
            } else {
                boolean outside = fr < fv[d];
                double[] xc = outside ? affine(c, p[d], -0.5) : affine(c, p[d], 0.5);
                double fc = f.applyAsDouble(xc);
                if (fc < (outside ? fr : fv[d])) {
                    p[d] = xc;
                    fv[d] = fc;
                } else {
                    for (int i = 1; i <= d; i++) {
                        p[i] = affine(p[0], p[i], 0.5);
                        fv[i] = f.applyAsDouble(p[i]);
                    }
                }
            }
        }
        int bi = 0;
        for (int i = 1; i <= d; i++) {
            if (fv[i] < fv[bi]) {
                bi = i;
            }
        }
        return p[bi];
    }

    /** {@code c + t (x - c)}. */
    private static double[] affine(double[] c, double[] x, double t) {
        double[] r = new double[c.length];
        for (int k = 0; k < c.length; k++) {
            r[k] = c[k] + t * (x[k] - c[k]);
        }
        return r;
    }
}
