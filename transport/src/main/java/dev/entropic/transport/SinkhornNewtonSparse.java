package dev.entropic.transport;

import dev.entropic.core.Checks;
import java.util.Arrays;

/**
 * Entropic optimal transport by Sinkhorn-Newton-Sparse (SNS): a Sinkhorn warm-up followed by
 * Newton steps on the dual with a sparsified Hessian.
 *
 * <p>Problem and conventions as {@link LogSinkhorn}:
 * \( \min_{P\in U(a,b)} \langle P,C\rangle + \varepsilon\mathrm{KL}(P\|ab^\top) \). Its concave dual
 * (the paper's Lyapunov potential, up to the constant and with η = 1/ε) is
 * \[ D(f,g) = \langle a,f\rangle + \langle b,g\rangle - \varepsilon\sum_{ij} a_ib_j
 *    \big(e^{(f_i+g_j-C_{ij})/\varepsilon} - 1\big), \]
 * with \( P_{ij}(f,g) = a_ib_je^{(f_i+g_j-C_{ij})/\varepsilon} \), gradient
 * \( (a - P\mathbf 1,\ b - P^\top\mathbf 1) \) (the marginal residuals) and Hessian
 * \( -\frac1\varepsilon\begin{pmatrix}\mathrm{diag}(P\mathbf 1) & P\\ P^\top & \mathrm{diag}(P^\top\mathbf 1)\end{pmatrix} \).
 *
 * <p>Stage 1: N₁ (default 20) stabilised Sinkhorn iterations ({@link LogSinkhorn}'s engine).
 * Stage 2, each Newton step: compute P; stop when \( \|P\mathbf 1-a\|_1 + \|P^\top\mathbf 1-b\|_1 \le \) tol;
 * sparsify the off-diagonal block by one global threshold that keeps the ⌈λnm⌉ largest entries of P,
 * with λ = {@code sparsity}/min(n,m) (default sparsity 10, i.e. about 10·max(n,m) entries; the paper
 * uses λ between 2/n and 15/n), keeping the exact diagonals \( P\mathbf 1, P^\top\mathbf 1 \); safeguard:
 * the threshold is lowered (in factors of 2) until the kept entries carry at least 1 − δ of the plan's
 * mass (default δ = 1e-5) — on point clouds at small ε a row of P spreads over more than 10
 * neighbours and a too-sparse Hessian degrades Newton to slow linear convergence;
 * solve \( H\Delta = \varepsilon\nabla D \) by eliminating Δf (Schur complement
 * \( \mathrm{diag}(P^\top\mathbf 1) - P_s^\top\mathrm{diag}(P\mathbf 1)^{-1}P_s \)) and Jacobi-preconditioned
 * conjugate gradients; backtracking (Armijo, c = 1e−4, halving) line search on D. Near the optimum,
 * where the increase of D falls below its rounding error, a step is also accepted when D stays
 * within rounding and the marginal error decreases.
 *
 * <p>Gauge: D is invariant under \( (f + t, g - t) \), so the full Hessian is singular along
 * (1, −1). The last target potential \( g_{m} \) is held fixed (Δg_m = 0, as in RegOT), which removes
 * the null direction; the remaining n+m−1 variables have a positive definite (sparsified) Hessian.
 *
 * <p>{@link TransportResult#iterations()} counts the Sinkhorn warm-up iterations and
 * {@link TransportResult#newtonIterations()} the Newton steps.
 *
 * <p>Reference: X. Tang, M. Shavlovsky, H. Rahmanian, E. Tardini, K. K. Thekumparampil, T. Xiao,
 * L. Ying, "Accelerating Sinkhorn Algorithm with Sparse Newton Iterations", ICLR 2024,
 * arXiv:2401.12253.
 */
public final class SinkhornNewtonSparse implements TransportSolver {
    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 40;
    /** Floor of the CG forcing term (relative residual); the term is min(0.1, √err). */
    private static final double CG_RELATIVE_TOLERANCE = 1e-10;
    private static final int BUCKETS = 2048;

    private final double epsilon;
    private final double tolerance;
    private final int warmUpIterations;
    private final int maxNewtonIterations;
    private final double sparsity;
    private final double maxDroppedMass;

    private SinkhornNewtonSparse(double epsilon, double tolerance, int warmUp, int maxNewton, double sparsity,
            double maxDroppedMass) {
        this.maxDroppedMass = maxDroppedMass;
        this.epsilon = epsilon;
        this.tolerance = tolerance;
        this.warmUpIterations = warmUp;
        this.maxNewtonIterations = maxNewton;
        this.sparsity = sparsity;
    }

    /** ε = 0.1, tol = 1e-9, 20 warm-up iterations, at most 1000 Newton steps, sparsity 10, δ = 1e-5. */
    public static SinkhornNewtonSparse withDefaults() {
        return new SinkhornNewtonSparse(0.1, 1e-9, 20, 1000, 10, 1e-5);
    }

    public SinkhornNewtonSparse withEpsilon(double eps) {
        return new SinkhornNewtonSparse(EntropicOptions.epsilon(eps), tolerance, warmUpIterations, maxNewtonIterations, sparsity, maxDroppedMass);
    }

    public SinkhornNewtonSparse withTolerance(double tol) {
        return new SinkhornNewtonSparse(epsilon, EntropicOptions.tolerance(tol), warmUpIterations, maxNewtonIterations, sparsity, maxDroppedMass);
    }

    /** N₁ ≥ 1 Sinkhorn warm-up iterations. */
    public SinkhornNewtonSparse withWarmUpIterations(int n1) {
        return new SinkhornNewtonSparse(epsilon, tolerance, EntropicOptions.maxIterations(n1), maxNewtonIterations, sparsity, maxDroppedMass);
    }

    /** The cap on Newton steps. */
    public SinkhornNewtonSparse withMaxNewtonIterations(int max) {
        return new SinkhornNewtonSparse(epsilon, tolerance, warmUpIterations, EntropicOptions.maxIterations(max), sparsity, maxDroppedMass);
    }

    /** Kept entries ≈ sparsity · max(n, m), i.e. λ = sparsity / min(n, m); must be positive. */
    public SinkhornNewtonSparse withSparsity(double s) {
        Checks.requirePositiveFinite("sparsity", s);
        return new SinkhornNewtonSparse(epsilon, tolerance, warmUpIterations, maxNewtonIterations, s, maxDroppedMass);
    }

    /**
     * The safeguard on the sparsification: when the ⌈λnm⌉ largest entries carry less than
     * (1 − δ) of the plan's mass, the kept count is doubled until they do (δ = 1 keeps exactly
     * ⌈λnm⌉). Default δ = 1e-5.
     */
    public SinkhornNewtonSparse withMaxDroppedMass(double delta) {
        if (!(delta > 0 && delta <= 1)) {
            throw Checks.fail("maxDroppedMass must be in (0, 1]: %s", delta);
        }
        return new SinkhornNewtonSparse(epsilon, tolerance, warmUpIterations, maxNewtonIterations, sparsity, delta);
    }

    public double maxDroppedMass() {
        return maxDroppedMass;
    }

    public double epsilon() {
        return epsilon;
    }

    public double tolerance() {
        return tolerance;
    }

    public int warmUpIterations() {
        return warmUpIterations;
    }

    public int maxNewtonIterations() {
        return maxNewtonIterations;
    }

    public double sparsity() {
        return sparsity;
    }

    @Override
    public TransportResult solve(TransportProblem problem) {
        problem.requireBalanced();
        long start = System.nanoTime();
        Support s = Support.of(problem);
        KernelSinkhorn warm = new KernelSinkhorn(s, epsilon, true);
        KernelSinkhorn.Outcome out = warm.run(tolerance, warmUpIterations);
        double[] f = warm.sourcePotential(out.u());
        double[] g = warm.targetPotential();
        if (out.converged()) {
            return s.entropicResult(TransportMethod.SINKHORN_NEWTON_SPARSE, warm.plan(out.u()), f, g, epsilon,
                    out.iterations(), 0, true, start);
        }
        Newton newton = new Newton(s, epsilon, sparsity, maxDroppedMass);
        boolean converged = newton.run(f, g, tolerance, maxNewtonIterations);
        return s.entropicResult(TransportMethod.SINKHORN_NEWTON_SPARSE, newton.p, f, g, epsilon,
                out.iterations(), newton.steps, converged, start);
    }

    /** The Newton stage on the compressed problem. */
    private static final class Newton {
        final int n;
        final int m;
        final double[] a;
        final double[] b;
        final double[] logA;
        final double[] logB;
        final double[] c;
        final double eps;
        final double inv;
        final int keep;
        final double massProduct;
        double[] p;
        double[] trialP;
        final double[] scratch;
        final double[] r;
        final double[] cs;
        final double[] ga;
        final double[] gb;
        final double[] df;
        final double[] dg;
        final double[] tf;
        final double[] tg;
        int[] rowPtr;
        int[] colIdx;
        double[] vals;
        int steps;

        final double maxDroppedMass;
        final int chunks;

        Newton(Support s, double eps, double sparsity, double maxDroppedMass) {
            this.maxDroppedMass = maxDroppedMass;
            this.chunks = (long) s.n * s.m >= (1 << 16) ? Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), s.n / 16)) : 1;
            this.n = s.n;
            this.m = s.m;
            this.a = s.a;
            this.b = s.b;
            this.c = s.c;
            this.logA = LogDomain.log(a);
            this.logB = LogDomain.log(b);
            this.eps = eps;
            this.inv = 1.0 / eps;
            long total = (long) n * m;
            this.keep = (int) Math.max(1, Math.min(total, Math.ceil(sparsity / Math.min(n, m) * total)));
            double ma = 0;
            for (double x : a) {
                ma += x;
            }
            double mb = 0;
            for (double x : b) {
                mb += x;
            }
            this.massProduct = ma * mb;
            this.p = new double[n * m];
            this.trialP = new double[n * m];
            this.scratch = new double[n * m];
            this.r = new double[n];
            this.cs = new double[m];
            this.ga = new double[n];
            this.gb = new double[m];
            this.df = new double[n];
            this.dg = new double[m];
            this.tf = new double[n];
            this.tg = new double[m];
            this.rowPtr = new int[n + 1];
            this.colIdx = new int[keep + 16];
            this.vals = new double[keep + 16];
        }

        /** Fills out with P(f, g) and returns D(f, g) (−∞ on overflow); rows split over the cores. */
        double evaluate(double[] f, double[] g, double[] out) {
            double[] partial = new double[chunks];
            java.util.function.IntConsumer body = t -> {
                int lo = (int) ((long) n * t / chunks);
                int hi = (int) ((long) n * (t + 1) / chunks);
                double sum = 0;
                for (int i = lo; i < hi; i++) {
                    int off = i * m;
                    double base = logA[i] + f[i] * inv;
                    double row = 0;
                    for (int j = 0; j < m; j++) {
                        double v = Math.exp(base + logB[j] + (g[j] - c[off + j]) * inv);
                        out[off + j] = v;
                        row += v;
                    }
                    sum += row;
                }
                partial[t] = sum;
            };
            if (chunks == 1) {
                body.accept(0);
            } else {
                java.util.stream.IntStream.range(0, chunks).parallel().forEach(body);
            }
            double total = 0;
            for (double x : partial) {
                total += x;
            }
            if (!(total < Double.POSITIVE_INFINITY)) {
                return Double.NEGATIVE_INFINITY;
            }
            double lin = 0;
            for (int i = 0; i < n; i++) {
                lin += a[i] * f[i];
            }
            for (int j = 0; j < m; j++) {
                lin += b[j] * g[j];
            }
            return lin - eps * (total - massProduct);
        }

        boolean run(double[] f, double[] g, double tol, int maxSteps) {
            double value = evaluate(f, g, p);
            while (true) {
                double err = gradient();
                if (err <= tol) {
                    return true;
                }
                if (steps >= maxSteps) {
                    return false;
                }
                sparsify();
                direction(Math.max(CG_RELATIVE_TOLERANCE, Math.min(0.1, Math.sqrt(err))));
                double slope = 0;
                for (int i = 0; i < n; i++) {
                    slope += ga[i] * df[i];
                }
                for (int j = 0; j < m; j++) {
                    slope += gb[j] * dg[j];
                }
                double t = 1;
                boolean accepted = false;
                for (int h = 0; h < MAX_HALVINGS; h++) {
                    for (int i = 0; i < n; i++) {
                        tf[i] = f[i] + t * df[i];
                    }
                    for (int j = 0; j < m; j++) {
                        tg[j] = g[j] + t * dg[j];
                    }
                    double trial = evaluate(tf, tg, trialP);
                    // Armijo; near the optimum the increase of D drops below its rounding error, so a
                    // step that keeps D within rounding and reduces the marginal error is accepted too
                    double noise = 1e-14 * (Math.abs(value) + eps * massProduct);
                    if (trial >= value + ARMIJO * t * slope
                            || (trial >= value - noise && marginalError(trialP) < err)) {
                        value = trial;
                        accepted = true;
                        break;
                    }
                    t *= 0.5;
                }
                steps++;
                if (!accepted) {
                    return false; // no ascent possible at working precision
                }
                System.arraycopy(tf, 0, f, 0, n);
                System.arraycopy(tg, 0, g, 0, m);
                double[] swap = p;
                p = trialP;
                trialP = swap;
            }
        }

        /** L1 marginal error of a dense plan (workspace: {@code tg} is not touched). */
        double marginalError(double[] plan) {
            return PlanMath.marginalError(plan, a, b);
        }

        /** Row/column sums of P, gradient (a − r, b − c), returns its L1 norm. */
        double gradient() {
            Arrays.fill(cs, 0.0);
            double err = 0;
            for (int i = 0; i < n; i++) {
                int off = i * m;
                double row = 0;
                for (int j = 0; j < m; j++) {
                    double v = p[off + j];
                    row += v;
                    cs[j] += v;
                }
                r[i] = row;
                ga[i] = a[i] - row;
                err += Math.abs(ga[i]);
            }
            for (int j = 0; j < m; j++) {
                gb[j] = b[j] - cs[j];
                err += Math.abs(gb[j]);
            }
            return err;
        }

        /** CSR of the entries of P at or above the threshold keeping the {@code keep} largest. */
        void sparsify() {
            double threshold = threshold();
            int nnz = 0;
            for (int i = 0; i < n; i++) {
                rowPtr[i] = nnz;
                int off = i * m;
                for (int j = 0; j < m; j++) {
                    double v = p[off + j];
                    if (v >= threshold && v > 0) {
                        if (nnz == vals.length) {
                            vals = Arrays.copyOf(vals, 2 * nnz);
                            colIdx = Arrays.copyOf(colIdx, 2 * nnz);
                        }
                        vals[nnz] = v;
                        colIdx[nnz] = j;
                        nnz++;
                    }
                }
            }
            rowPtr[n] = nnz;
        }

        /**
         * One pass: a histogram of the plan entries by binary exponent (count and mass per bucket),
         * then the largest bucket boundary τ such that the entries ≥ τ number at least {@code keep}
         * and carry at least (1 − δ) of the mass. Resolution: a factor 2 in τ.
         */
        double threshold() {
            if (keep >= p.length) {
                return Double.NEGATIVE_INFINITY;
            }
            long[] count = new long[BUCKETS];
            double[] mass = new double[BUCKETS];
            double total = 0;
            for (double x : p) {
                if (x > 0) {
                    int bucket = Math.getExponent(x) - Double.MIN_EXPONENT + 1; // 0 .. 2046, subnormals at 0
                    count[bucket]++;
                    mass[bucket] += x;
                    total += x;
                }
            }
            long kept = 0;
            double keptMass = 0;
            for (int bkt = BUCKETS - 1; bkt >= 0; bkt--) {
                kept += count[bkt];
                keptMass += mass[bkt];
                if (kept >= keep && keptMass >= (1 - maxDroppedMass) * total) {
                    return bkt == 0 ? Double.MIN_VALUE : Math.scalb(1.0, bkt - 1 + Double.MIN_EXPONENT);
                }
            }
            return Double.NEGATIVE_INFINITY;
        }

        /** The k-th smallest value (0-based) of x, reordering x (Hoare quickselect). */
        static double select(double[] x, int k) {
            int lo = 0;
            int hi = x.length - 1;
            while (hi > lo) {
                int mid = (lo + hi) >>> 1;
                double pivot = median(x[lo], x[mid], x[hi]);
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (x[i] < pivot) {
                        i++;
                    }
                    while (x[j] > pivot) {
                        j--;
                    }
                    if (i <= j) {
                        double t = x[i];
                        x[i] = x[j];
                        x[j] = t;
                        i++;
                        j--;
                    }
                }
                if (k <= j) {
                    hi = j;
                } else if (k >= i) {
                    lo = i;
                } else {
                    return x[k];
                }
            }
            return x[k];
        }

        private static double median(double x, double y, double z) {
            return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
        }

        /**
         * Newton direction: [[diag r, Ps],[Psᵀ, diag c]] (Δf, Δg) = ε (ga, gb) with Δg_{m−1} = 0,
         * Δf eliminated: (diag c − Psᵀ diag(1/r) Ps) Δg = ε gb − Psᵀ(ε ga / r), solved by PCG.
         */
        void direction(double cgTolerance) {
            int mm = m - 1; // gauge: the last target potential is fixed
            double[] rhs = new double[m];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = eps * ga[i] / safe(r[i]);
            }
            transposeTimes(w, rhs);
            for (int j = 0; j < m; j++) {
                rhs[j] = eps * gb[j] - rhs[j];
            }
            rhs[m - 1] = 0;
            double[] diag = new double[m];
            for (int i = 0; i < n; i++) {
                double ri = safe(r[i]);
                for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                    diag[colIdx[k]] += vals[k] * vals[k] / ri;
                }
            }
            for (int j = 0; j < m; j++) {
                diag[j] = Math.max(cs[j] - diag[j], 1e-300);
            }
            Arrays.fill(dg, 0.0);
            double[] res = rhs.clone();
            double[] z = new double[m];
            double[] q = new double[m];
            double[] sp = new double[m];
            double rhsNorm = Math.sqrt(PlanMath.dot(rhs, rhs));
            if (rhsNorm > 0) {
                for (int j = 0; j < mm; j++) {
                    z[j] = res[j] / diag[j];
                }
                System.arraycopy(z, 0, q, 0, m);
                double rz = PlanMath.dot(res, z);
                int maxIter = Math.max(100, 10 * m);
                for (int it = 0; it < maxIter; it++) {
                    schur(q, sp, w);
                    sp[m - 1] = 0;
                    double qsq = PlanMath.dot(q, sp);
                    if (!(qsq > 0)) {
                        break;
                    }
                    double alpha = rz / qsq;
                    for (int j = 0; j < mm; j++) {
                        dg[j] += alpha * q[j];
                        res[j] -= alpha * sp[j];
                    }
                    if (Math.sqrt(PlanMath.dot(res, res)) <= cgTolerance * rhsNorm) {
                        break;
                    }
                    for (int j = 0; j < mm; j++) {
                        z[j] = res[j] / diag[j];
                    }
                    double rzNew = PlanMath.dot(res, z);
                    double beta = rzNew / rz;
                    rz = rzNew;
                    for (int j = 0; j < mm; j++) {
                        q[j] = z[j] + beta * q[j];
                    }
                }
            }
            dg[m - 1] = 0;
            // Δf = (ε ga − Ps Δg) / r
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                    s += vals[k] * dg[colIdx[k]];
                }
                df[i] = (eps * ga[i] - s) / safe(r[i]);
            }
        }

        private static double safe(double x) {
            return Math.max(x, 1e-300);
        }

        /** out = Psᵀ w. */
        private void transposeTimes(double[] w, double[] out) {
            Arrays.fill(out, 0.0);
            for (int i = 0; i < n; i++) {
                double wi = w[i];
                for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                    out[colIdx[k]] += vals[k] * wi;
                }
            }
        }

        /** out = (diag c − Psᵀ diag(1/r) Ps) x; {@code w} is an n-long workspace. */
        private void schur(double[] x, double[] out, double[] w) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                    s += vals[k] * x[colIdx[k]];
                }
                w[i] = s / safe(r[i]);
            }
            transposeTimes(w, out);
            for (int j = 0; j < m; j++) {
                out[j] = cs[j] * x[j] - out[j];
            }
        }
    }
}
