package dev.entropic.transport;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The Sinkhorn iteration on an explicit kernel, shared by the scaling-domain and the stabilised
 * log-domain solvers (package-private).
 *
 * <p>State: absorbed potentials α, β, the kernel \( K_{ij} = e^{(\alpha_i + \beta_j - C_{ij})/\varepsilon} \)
 * and scalings u, v, so that \( P = \mathrm{diag}(u)\,K\,\mathrm{diag}(v) \) and the potentials of
 * {@link TransportResult} are \( f_i = \alpha_i + \varepsilon\log u_i - \varepsilon\log a_i \),
 * \( g_j = \beta_j + \varepsilon\log v_j - \varepsilon\log b_j \). Scaling-domain Sinkhorn keeps
 * α = β = 0. One iteration is a single pass over K: for each row, \( s_i = (Kv)_i \),
 * \( u_i \leftarrow a_i/s_i \) and \( K_{i\cdot}u_i \) is accumulated into \( K^\top u \); then
 * \( v \leftarrow b / K^\top u \). The row sums \( u_i^{old}s_i \) are the row marginals of the
 * previous iterate, whose column marginals are exact, so the L1 marginal error comes for free.
 *
 * <p>Stabilisation (log-domain, Schmitzer 2019 "absorption"): when a scaling leaves
 * \([1/\tau, \tau]\), it is absorbed into the potentials (α ← α + ε log u, β ← β + ε log v) and K is
 * rebuilt; a row (column) whose kernel sum underflows is recomputed by an exact log-sum-exp
 * c-transform, so no division by zero can occur at any ε.
 */
final class KernelSinkhorn {
    /** Absorption threshold τ on the scalings. */
    static final double TAU = 1e50;
    /** Kernel sums below this are treated as underflowed. */
    static final double TINY = 1e-290;
    private static final int PARALLEL_THRESHOLD = 1 << 16;

    final int n;
    final int m;
    final double[] a;
    final double[] b;
    final double[] logA;
    final double[] logB;
    final double[] c;
    final boolean stabilized;
    double eps;
    double inv;
    final double[] alpha;
    final double[] beta;
    final double[] k;
    final double[] u;
    final double[] v;
    final double[] uPrev;
    private final int chunks;
    private final double[][] colAcc;
    private final double[] chunkErr;
    private final boolean[] chunkFailed;
    private final double[] col;
    private final double[] work;
    boolean columnsExact;
    boolean failed;
    private final double[] betaShift;
    private volatile boolean betaShiftValid;

    KernelSinkhorn(Support s, double eps, boolean stabilized) {
        this.n = s.n;
        this.m = s.m;
        this.a = s.a;
        this.b = s.b;
        this.c = s.c;
        this.logA = LogDomain.log(a);
        this.logB = LogDomain.log(b);
        this.stabilized = stabilized;
        this.alpha = new double[n];
        this.beta = new double[m];
        this.k = new double[n * m];
        this.u = new double[n];
        this.v = new double[m];
        this.uPrev = new double[n];
        long size = (long) n * m;
        int procs = Runtime.getRuntime().availableProcessors();
        this.chunks = size >= PARALLEL_THRESHOLD ? Math.max(1, Math.min(procs, n / 16)) : 1;
        this.colAcc = new double[chunks][m];
        this.chunkErr = new double[chunks];
        this.chunkFailed = new boolean[chunks];
        this.col = new double[m];
        this.work = new double[Math.max(n, m)];
        this.betaShift = new double[m];
        setEpsilon(eps, new double[n], new double[m]);
    }

    /** Restart at a new ε from potentials f, g: α = f + ε log a, β = g + ε log b, u = v = 1. */
    void setEpsilon(double newEps, double[] f, double[] g) {
        this.eps = newEps;
        this.inv = 1.0 / newEps;
        if (stabilized) {
            for (int i = 0; i < n; i++) {
                alpha[i] = f[i] + eps * logA[i];
            }
            for (int j = 0; j < m; j++) {
                beta[j] = g[j] + eps * logB[j];
            }
            Arrays.fill(u, 1.0);
            Arrays.fill(v, 1.0);
            // exact row c-transform, building K at the same time (rows of K then sum to a_i)
            forChunks(t -> {
                for (int i = lo(t); i < lo(t + 1); i++) {
                    int off = i * m;
                    double mx = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < m; j++) {
                        double x = (beta[j] - c[off + j]) * inv;
                        k[off + j] = x;
                        if (x > mx) {
                            mx = x;
                        }
                    }
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        double e = Math.exp(k[off + j] - mx);
                        k[off + j] = e;
                        s += e;
                    }
                    alpha[i] = eps * (logA[i] - mx - Math.log(s));
                    double scale = a[i] / s;
                    for (int j = 0; j < m; j++) {
                        k[off + j] *= scale;
                    }
                }
            });
            columnsExact = false;
            return;
        } else {
            Arrays.fill(alpha, 0.0);
            Arrays.fill(beta, 0.0);
            for (int i = 0; i < n; i++) {
                u[i] = a[i] * Math.exp(f[i] * inv);
            }
            for (int j = 0; j < m; j++) {
                v[j] = b[j] * Math.exp(g[j] * inv);
            }
        }
        rebuildKernel();
        columnsExact = false;
    }

    private void rebuildKernel() {
        forChunks(t -> {
            int lo = lo(t);
            int hi = lo(t + 1);
            for (int i = lo; i < hi; i++) {
                int off = i * m;
                double ai = alpha[i];
                for (int j = 0; j < m; j++) {
                    k[off + j] = Math.exp((ai + beta[j] - c[off + j]) * inv);
                }
            }
        });
    }

    private int lo(int t) {
        return (int) ((long) n * t / chunks);
    }

    private void forChunks(java.util.function.IntConsumer body) {
        if (chunks == 1) {
            body.accept(0);
        } else {
            IntStream.range(0, chunks).parallel().forEach(body);
        }
    }

    /**
     * One Sinkhorn iteration. Returns the L1 row-marginal error of the iterate before this pass
     * (its total marginal error when {@link #columnsExact}); {@code uPrev} holds that iterate's u.
     * Sets {@link #failed} (scaling domain only) when a kernel sum underflows or overflows; the
     * previous iterate is then intact in uPrev and v.
     */
    double iterate() {
        betaShiftValid = false;
        System.arraycopy(u, 0, uPrev, 0, n);
        forChunks(t -> {
            double[] acc = colAcc[t];
            Arrays.fill(acc, 0.0);
            double err = 0;
            boolean bad = false;
            int lo = lo(t);
            int hi = lo(t + 1);
            int i = lo;
            // rows in fours: the four row sums share the loads of v, the four column updates the
            // loads and stores of acc (a block with a row sum that needs care falls back to single rows)
            rows:
            for (; i + 3 < hi; i += 4) {
                int off0 = i * m;
                int off1 = off0 + m;
                int off2 = off1 + m;
                int off3 = off2 + m;
                double p0 = 0;
                double p1 = 0;
                double q0 = 0;
                double q1 = 0;
                double r0 = 0;
                double r1 = 0;
                double w0 = 0;
                double w1 = 0;
                int j = 0;
                for (; j + 1 < m; j += 2) {
                    double v0 = v[j];
                    double v1 = v[j + 1];
                    p0 += k[off0 + j] * v0;
                    p1 += k[off0 + j + 1] * v1;
                    q0 += k[off1 + j] * v0;
                    q1 += k[off1 + j + 1] * v1;
                    r0 += k[off2 + j] * v0;
                    r1 += k[off2 + j + 1] * v1;
                    w0 += k[off3 + j] * v0;
                    w1 += k[off3 + j + 1] * v1;
                }
                if (j < m) {
                    p0 += k[off0 + j] * v[j];
                    q0 += k[off1 + j] * v[j];
                    r0 += k[off2 + j] * v[j];
                    w0 += k[off3 + j] * v[j];
                }
                double s0 = p0 + p1;
                double s1 = q0 + q1;
                double s2 = r0 + r1;
                double s3 = w0 + w1;
                if (!(usable(s0) && usable(s1) && usable(s2) && usable(s3))) {
                    for (int r = 0; r < 4; r++) {
                        double e = singleRow(i + r, acc, r == 0 ? s0 : r == 1 ? s1 : r == 2 ? s2 : s3);
                        if (e == FAILED) {
                            bad = true;
                            break rows;
                        }
                        err += e;
                    }
                    continue;
                }
                err += Math.abs(u[i] * s0 - a[i]) + Math.abs(u[i + 1] * s1 - a[i + 1])
                        + Math.abs(u[i + 2] * s2 - a[i + 2]) + Math.abs(u[i + 3] * s3 - a[i + 3]);
                double u0 = a[i] / s0;
                double u1 = a[i + 1] / s1;
                double u2 = a[i + 2] / s2;
                double u3 = a[i + 3] / s3;
                u[i] = u0;
                u[i + 1] = u1;
                u[i + 2] = u2;
                u[i + 3] = u3;
                for (j = 0; j < m; j++) {
                    acc[j] += (u0 * k[off0 + j] + u1 * k[off1 + j]) + (u2 * k[off2 + j] + u3 * k[off3 + j]);
                }
            }
            for (; !bad && i < hi; i++) {
                double e = singleRow(i, acc, PlanMath.dot(k, i * m, v, 0, m));
                bad = e == FAILED;
                err += bad ? 0 : e;
            }
            chunkErr[t] = err;
            chunkFailed[t] = bad;
        });
        double err = 0;
        for (int t = 0; t < chunks; t++) {
            err += chunkErr[t];
            if (chunkFailed[t]) {
                failed = true;
            }
        }
        if (failed) {
            System.arraycopy(uPrev, 0, u, 0, n);
            return err;
        }
        return err;
    }

    /** Returned by {@link #singleRow} when a scaling-domain row sum under- or overflows. */
    private static final double FAILED = -1;

    private static boolean usable(double s) {
        return s > TINY && s < Double.POSITIVE_INFINITY;
    }

    /**
     * Row i of an iteration given its kernel sum s = (Kv)_i: u_i ← a_i / s (the row re-solved by an
     * exact c-transform when s underflows, stabilised only) and K_i·u_i added to acc. Returns the
     * row's marginal error |u_i s − a_i| before the update, or {@link #FAILED} (nothing changed) when
     * s is unusable in the scaling domain.
     */
    private double singleRow(int i, double[] acc, double s) {
        double err = Math.abs(u[i] * s - a[i]);
        if (!usable(s)) {
            if (!stabilized) {
                return FAILED;
            }
            s = fixRow(i);
        }
        double ui = a[i] / s;
        u[i] = ui;
        int off = i * m;
        for (int j = 0; j < m; j++) {
            acc[j] += ui * k[off + j];
        }
        return err;
    }

    /** Completes an iteration: v ← b / Kᵀu (after {@link #iterate()}). */
    void updateColumns() {
        System.arraycopy(colAcc[0], 0, col, 0, m);
        for (int t = 1; t < chunks; t++) {
            double[] acc = colAcc[t];
            for (int j = 0; j < m; j++) {
                col[j] += acc[j];
            }
        }
        if (!stabilized) {
            for (int j = 0; j < m; j++) {
                double s = col[j];
                if (!(s > TINY && s < Double.POSITIVE_INFINITY)) {
                    failed = true;
                    System.arraycopy(uPrev, 0, u, 0, n);
                    return;
                }
            }
        }
        for (int j = 0; j < m; j++) {
            double s = col[j];
            if (!(s > TINY && s < Double.POSITIVE_INFINITY)) {
                fixColumn(j);
                v[j] = 1.0;
            } else {
                v[j] = b[j] / s;
            }
        }
        columnsExact = true;
        if (stabilized && needsAbsorption()) {
            absorb();
        }
    }

    private boolean needsAbsorption() {
        for (int i = 0; i < n; i++) {
            double x = u[i];
            if (x > TAU || x < 1 / TAU) {
                return true;
            }
        }
        for (int j = 0; j < m; j++) {
            double x = v[j];
            if (x > TAU || x < 1 / TAU) {
                return true;
            }
        }
        return false;
    }

    /** α ← α + ε log u, β ← β + ε log v, u = v = 1, K rebuilt. */
    void absorb() {
        for (int i = 0; i < n; i++) {
            alpha[i] += eps * Math.log(u[i]);
            u[i] = 1.0;
        }
        for (int j = 0; j < m; j++) {
            beta[j] += eps * Math.log(v[j]);
            v[j] = 1.0;
        }
        rebuildKernel();
    }

    /** Exact c-transform of row i given β + ε log v; rebuilds K's row; returns (Kv)_i = a_i. */
    private double fixRow(int i) {
        int off = i * m;
        double[] bv = shiftedBeta();
        double mx = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            double t = (bv[j] - c[off + j]) * inv;
            if (t > mx) {
                mx = t;
            }
        }
        double s = 0;
        for (int j = 0; j < m; j++) {
            s += Math.exp((bv[j] - c[off + j]) * inv - mx);
        }
        alpha[i] = eps * logA[i] - eps * (mx + Math.log(s));
        double ai = alpha[i];
        double check = 0;
        for (int j = 0; j < m; j++) {
            k[off + j] = Math.exp((ai + beta[j] - c[off + j]) * inv);
            check += k[off + j] * v[j];
        }
        return check > 0 ? check : a[i];
    }

    /** β + ε log v for the current pass (computed once per pass, on first use; thread-safe). */
    private synchronized double[] shiftedBeta() {
        if (!betaShiftValid) {
            for (int j = 0; j < m; j++) {
                betaShift[j] = beta[j] + eps * Math.log(v[j]);
            }
            betaShiftValid = true;
        }
        return betaShift;
    }

    /** Exact c-transform of column j given α + ε log u (new u); rebuilds K's column. */
    private void fixColumn(int j) {
        double mx = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double t = (alpha[i] + eps * Math.log(u[i]) - c[i * m + j]) * inv;
            work[i] = t;
            if (t > mx) {
                mx = t;
            }
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.exp(work[i] - mx);
        }
        beta[j] = eps * logB[j] - eps * (mx + Math.log(s));
        for (int i = 0; i < n; i++) {
            k[i * m + j] = Math.exp((alpha[i] + beta[j] - c[i * m + j]) * inv);
        }
    }

    /** The dense plan diag(us) K diag(v). */
    double[] plan(double[] us) {
        double[] p = new double[n * m];
        for (int i = 0; i < n; i++) {
            int off = i * m;
            double ui = us[i];
            for (int j = 0; j < m; j++) {
                p[off + j] = ui * k[off + j] * v[j];
            }
        }
        return p;
    }

    /** f_i = α_i + ε log u_i − ε log a_i for the given scalings. */
    double[] sourcePotential(double[] us) {
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = alpha[i] + eps * (Math.log(us[i]) - logA[i]);
        }
        return f;
    }

    /** g_j = β_j + ε log v_j − ε log b_j. */
    double[] targetPotential() {
        double[] g = new double[m];
        for (int j = 0; j < m; j++) {
            g[j] = beta[j] + eps * (Math.log(v[j]) - logB[j]);
        }
        return g;
    }

    /** Runs to L1 marginal error ≤ tol or maxIter iterations. */
    Outcome run(double tol, int maxIter) {
        failed = false;
        for (int it = 1; it <= maxIter; it++) {
            double err = iterate();
            if (failed) {
                return new Outcome(it - 1, false, uPrev.clone());
            }
            if (columnsExact && err <= tol) {
                double exact = PlanMath.marginalError(plan(uPrev), a, b);
                if (exact <= tol) {
                    return new Outcome(it - 1, true, uPrev.clone());
                }
            }
            updateColumns();
            if (failed) {
                return new Outcome(it - 1, false, u.clone());
            }
        }
        return new Outcome(maxIter, false, u.clone());
    }

    /** Final state of a run: iterations, whether tol was met, and the u of the returned iterate. */
    record Outcome(int iterations, boolean converged, double[] u) {
    }
}
