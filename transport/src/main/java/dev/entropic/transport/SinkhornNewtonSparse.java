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
 * <p>Stage 1: N₁ (default 20) stabilised Sinkhorn iterations ({@link LogSinkhorn}'s engine). Its
 * state is kept for stage 2: \( P_{ij} = u_iK_{ij}v_j \) with the absorbed kernel
 * \( K_{ij} = e^{(\alpha_i+\beta_j-C_{ij})/\varepsilon} \) and scalings \( u = e^{x/\varepsilon} \),
 * \( v = e^{y/\varepsilon} \) (f = α + x − ε log a, g = β + y − ε log b). A Newton step moves x, y
 * only, so evaluating P's marginals and D at a trial point is one multiply–add pass over K, with no
 * exponentials; an accepted scaling outside [1e−50, 1e50] is absorbed into α, β and K rebuilt.
 *
 * <p>Stage 2, each Newton step: stop when \( \|P\mathbf 1-a\|_1 + \|P^\top\mathbf 1-b\|_1 \le \) tol;
 * sparsify P by one global threshold that keeps the ⌈λnm⌉ largest entries, with
 * λ = {@code sparsity}/min(n,m) (default sparsity 10, i.e. about 10·max(n,m) entries; the paper uses
 * λ between 2/n and 15/n); safeguard: the threshold is lowered (in factors of 2, chosen from a
 * histogram of the entries' binary exponents, one pass) until the kept entries carry at least
 * 1 − δ of the plan's mass (default δ = 1e-3) — on point clouds at small ε a row of P spreads over
 * hundreds of neighbours and a too-sparse Hessian degrades Newton to slow linear convergence. The
 * kept pattern is reused (with the current scalings, so its values stay exact) until a scaling has
 * moved by more than e³ since it was extracted. The sparsified Hessian (times −ε) is
 * \( H_s = \begin{pmatrix}\mathrm{diag}(h^r) & P_s\\ P_s^\top & \mathrm{diag}(h^c)\end{pmatrix} \) with
 * \( h^r = P_s\mathbf 1 + \theta(P\mathbf 1 - P_s\mathbf 1) \), \( h^c \) likewise, θ = 0.01: diagonal
 * blocks that follow the kept entries (as the paper's exact diagonals \( P\mathbf 1 \) would not, which on
 * such problems made the Newton rate depend on δ: 144 steps at δ = 1e−3 against 15) and keep a
 * share θ of the dropped mass, so that \( H_s \) stays positive definite (strictly diagonally
 * dominant wherever mass is dropped). Solve \( H_s\Delta = \varepsilon\nabla D \) by eliminating Δf
 * (Schur complement \( \mathrm{diag}(h^c) - P_s^\top\mathrm{diag}(h^r)^{-1}P_s \), one pass over the kept
 * entries per product) and Jacobi-preconditioned conjugate gradients to relative residual
 * max(0.01, min(0.1, √err)) (inexact Newton); backtracking (Armijo, c = 1e−4, halving) line search on
 * D, whose change \( t\langle (a,b),\Delta\rangle - \varepsilon(\sum P_{trial} - \sum P) \) is formed from
 * the changes only. Near the optimum, where the increase of D falls below its rounding error, a step
 * is also accepted when D stays within rounding and the marginal error decreases. The first trial
 * is capped at a potential change of 300ε (near an almost empty row the Newton step is
 * astronomically long). Dense passes and the sparse products run on all cores (row blocks).
 *
 * <p>Safeguards for very small ε (nearly one-to-one plans, where θ = 0.01 leaves near-isolated
 * (i, j) pairs almost singular): when the line search finds no ascent, a step needs t &lt; 0.1, or
 * eight steps pass without halving the marginal error, the sparsified Hessian is tightened — θ
 * tenfold up to 1 (the paper's exact diagonals), then δ tenfold down to 1e−12; the solver reports
 * non-convergence only when no ascent is possible with both at their limits or the step cap is hit.
 *
 * <p>Gauge: D is invariant under \( (f + t, g - t) \), so the full Hessian is singular along
 * (1, −1). The last target potential \( g_{m} \) is held fixed (Δg_m = 0, as in RegOT), which removes
 * the null direction; the remaining n+m−1 variables have a positive definite (sparsified) Hessian.
 *
 * <p>{@link TransportResult#iterations()} counts the Sinkhorn warm-up iterations (all stages of an
 * optional ε-scaled warm-up, {@link #withWarmUpEpsilonScaling(int)}) and
 * {@link TransportResult#newtonIterations()} the Newton steps. The result's objective is formed
 * without a pass of logarithms, as \( \sum_i f_ir_i + \sum_j g_jc_j - \varepsilon(\sum P - |a||b|) \)
 * (r, c the plan's marginals; equal to \( \langle P,C\rangle + \varepsilon\mathrm{KL}(P\|ab^\top) \)
 * since \( \log(P_{ij}/a_ib_j) = (f_i+g_j-C_{ij})/\varepsilon \)).
 *
 * <p>Reference: X. Tang, M. Shavlovsky, H. Rahmanian, E. Tardini, K. K. Thekumparampil, T. Xiao,
 * L. Ying, "Accelerating Sinkhorn Algorithm with Sparse Newton Iterations", ICLR 2024,
 * arXiv:2401.12253.
 */
public final class SinkhornNewtonSparse implements TransportSolver {
    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 40;
    /**
     * Floor of the CG forcing term (relative residual); the term is max(0.01, min(0.1, √err)). The
     * sparsified Hessian limits the local rate to linear anyway, so a tighter solve buys nothing.
     */
    private static final double CG_FORCING_FLOOR = 0.01;
    private static final int BUCKETS = 2048;

    private final double epsilon;
    private final double tolerance;
    private final int warmUpIterations;
    private final int maxNewtonIterations;
    private final double sparsity;
    private final double maxDroppedMass;
    private final int warmUpScalingStages;

    private SinkhornNewtonSparse(double epsilon, double tolerance, int warmUp, int maxNewton, double sparsity,
            double maxDroppedMass, int warmUpScalingStages) {
        this.maxDroppedMass = maxDroppedMass;
        this.warmUpScalingStages = warmUpScalingStages;
        this.epsilon = epsilon;
        this.tolerance = tolerance;
        this.warmUpIterations = warmUp;
        this.maxNewtonIterations = maxNewton;
        this.sparsity = sparsity;
    }

    /** ε = 0.1, tol = 1e-9, 20 warm-up iterations, at most 1000 Newton steps, sparsity 10, δ = 1e-3. */
    public static SinkhornNewtonSparse withDefaults() {
        return new SinkhornNewtonSparse(0.1, 1e-9, 20, 1000, 10, 1e-3, 0);
    }

    public SinkhornNewtonSparse withEpsilon(double eps) {
        return new SinkhornNewtonSparse(EntropicOptions.epsilon(eps), tolerance, warmUpIterations, maxNewtonIterations, sparsity, maxDroppedMass, warmUpScalingStages);
    }

    public SinkhornNewtonSparse withTolerance(double tol) {
        return new SinkhornNewtonSparse(epsilon, EntropicOptions.tolerance(tol), warmUpIterations, maxNewtonIterations, sparsity, maxDroppedMass, warmUpScalingStages);
    }

    /** N₁ ≥ 1 Sinkhorn warm-up iterations. */
    public SinkhornNewtonSparse withWarmUpIterations(int n1) {
        return new SinkhornNewtonSparse(epsilon, tolerance, EntropicOptions.maxIterations(n1), maxNewtonIterations, sparsity, maxDroppedMass, warmUpScalingStages);
    }

    /** The cap on Newton steps. */
    public SinkhornNewtonSparse withMaxNewtonIterations(int max) {
        return new SinkhornNewtonSparse(epsilon, tolerance, warmUpIterations, EntropicOptions.maxIterations(max), sparsity, maxDroppedMass, warmUpScalingStages);
    }

    /** Kept entries ≈ sparsity · max(n, m), i.e. λ = sparsity / min(n, m); must be positive. */
    public SinkhornNewtonSparse withSparsity(double s) {
        Checks.requirePositiveFinite("sparsity", s);
        return new SinkhornNewtonSparse(epsilon, tolerance, warmUpIterations, maxNewtonIterations, s, maxDroppedMass, warmUpScalingStages);
    }

    /**
     * The safeguard on the sparsification: when the ⌈λnm⌉ largest entries carry less than
     * (1 − δ) of the plan's mass, the threshold is lowered by factors of 2 until the kept entries do
     * (δ = 1 keeps about ⌈λnm⌉). Default δ = 1e-3.
     */
    public SinkhornNewtonSparse withMaxDroppedMass(double delta) {
        if (!(delta > 0 && delta <= 1)) {
            throw Checks.fail("maxDroppedMass must be in (0, 1]: %s", delta);
        }
        return new SinkhornNewtonSparse(epsilon, tolerance, warmUpIterations, maxNewtonIterations, sparsity, delta, warmUpScalingStages);
    }

    /**
     * ε-scaled warm-up with s ≥ 0 stages (0, the default, is the paper's plain warm-up): the N₁
     * Sinkhorn iterations start at ε·2^s and halve ε every ⌈N₁/(2s)⌉ iterations down to ε, where the
     * remaining (about half) are run, each stage restarting from the previous potentials by an exact
     * row c-transform (one pass of exponentials). Still N₁ Sinkhorn iterations in all, counted in
     * {@link TransportResult#iterations()}; fewer stages are used when N₁ is too small to give every
     * stage an iteration and ε one. On point clouds at small ε this starts Newton much closer to the
     * optimum (n = 2000, ε = 1e−3: 8 instead of 15 Newton steps with s = 4).
     */
    public SinkhornNewtonSparse withWarmUpEpsilonScaling(int stages) {
        if (!(stages >= 0 && stages <= 30)) {
            throw Checks.fail("warm-up epsilon scaling stages must be in [0, 30]: %d", stages);
        }
        return new SinkhornNewtonSparse(epsilon, tolerance, warmUpIterations, maxNewtonIterations, sparsity, maxDroppedMass, stages);
    }

    public int warmUpEpsilonScalingStages() {
        return warmUpScalingStages;
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
        // optional ε-scaled warm-up: ⌈N₁/(2s)⌉ iterations at each of ε·2^s, …, ε·2, the rest at ε
        int per = warmUpScalingStages == 0 ? 1 : (warmUpIterations + 2 * warmUpScalingStages - 1) / (2 * warmUpScalingStages);
        int stages = Math.min(warmUpScalingStages, (warmUpIterations - 1) / per);
        KernelSinkhorn warm = new KernelSinkhorn(s, Math.scalb(epsilon, stages), true);
        int used = 0;
        for (int k = stages; k > 0; k--) {
            KernelSinkhorn.Outcome stage = warm.run(tolerance, per);
            used += stage.iterations();
            warm.setEpsilon(Math.scalb(epsilon, k - 1), warm.sourcePotential(stage.u()), warm.targetPotential());
        }
        KernelSinkhorn.Outcome out = warm.run(tolerance, warmUpIterations - used);
        int warmUp = used + out.iterations();
        if (out.converged()) {
            return s.entropicResult(TransportMethod.SINKHORN_NEWTON_SPARSE, warm.plan(out.u()),
                    warm.sourcePotential(out.u()), warm.targetPotential(), epsilon, warmUp, 0, true, start);
        }
        Newton newton = new Newton(s, warm, out.u(), sparsity, maxDroppedMass);
        boolean converged = newton.run(tolerance, maxNewtonIterations);
        return newton.result(s, warmUp, converged, tolerance, start);
    }

    /**
     * The Newton stage. It keeps the warm-up's stabilised representation
     * \( P_{ij} = u_i K_{ij} v_j \), \( K_{ij} = e^{(\alpha_i+\beta_j-C_{ij})/\varepsilon} \),
     * \( u_i = e^{x_i/\varepsilon} \), \( v_j = e^{y_j/\varepsilon} \), so that f = α + x − ε log a,
     * g = β + y − ε log b: a Newton step or a line-search trial moves x, y only, and evaluating P,
     * its marginals and D is one multiply-add pass over K (no exponentials). When an accepted
     * scaling leaves [e^{−L}, e^{L}] (L = 115, {@link KernelSinkhorn#TAU}) it is absorbed into α, β
     * and K is rebuilt; a trial beyond e^{±300} (where an underflowed K_ij could hide plan mass above
     * e^{−144}) is evaluated by direct exponentials instead.
     */
    private static final class Newton {
        /** |log u| bound of the accepted state (absorption threshold, as KernelSinkhorn's τ = 1e50). */
        private static final double LOG_TAU = Math.log(KernelSinkhorn.TAU);
        /** |log u| bound of a trial evaluated through K. */
        private static final double LOG_TRIAL = 300;
        private static final int PARALLEL_NNZ = 1 << 15;
        /**
         * The kept pattern is re-extracted when a scaling moved by more than e^{REUSE} since the last
         * extraction; otherwise the kept kernel values are reused with the current scalings.
         */
        private static final double REUSE = 3;
        /** Initial share θ of a row's (column's) dropped mass kept on the Hessian diagonal. */
        private static final double DIAGONAL_SHARE = 0.01;
        /** Steps without halving the marginal error after which the sparsification is tightened. */
        private static final int STALL_STEPS = 8;
        /** Floor of the tightened safeguard δ. */
        private static final double MIN_DROPPED_MASS = 1e-12;

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
        /** The sparsification safeguard δ in force (tightened tenfold when a direction fails). */
        double maxDroppedMass;
        /** The share θ in force (raised tenfold, up to 1, when a direction fails). */
        double diagonalShare = DIAGONAL_SHARE;
        final int chunks;
        final int[] lo;
        // stabilised state
        final double[] k;
        final double[] alpha;
        final double[] beta;
        final double[] x;
        final double[] y;
        final double[] u;
        final double[] v;
        double[] rows;
        double[] cols;
        double total;
        // trial
        final double[] tx;
        final double[] ty;
        final double[] tu;
        final double[] tv;
        double[] trialRows;
        double[] trialCols;
        // per-chunk workspaces
        final double[][] colAcc;
        final double[] chunkSum;
        final long[][] histCount;
        final double[][] histMass;
        final int[][] ptr;
        int[][] colIdx;
        double[][] vals;
        // Newton direction
        final double[] ga;
        final double[] gb;
        final double[] df;
        final double[] dg;
        final double[] w;
        final double[] rhs;
        final double[] diag;
        final double[] res;
        final double[] z;
        final double[] q;
        final double[] sq;
        final double[] hr;
        final double[] hc;
        final double[] xs;
        final double[] ys;
        final double[] uw;
        final double[] vx;
        boolean sparse;
        int nnz;
        int steps;

        Newton(Support s, KernelSinkhorn warm, double[] warmU, double sparsity, double maxDroppedMass) {
            this.n = s.n;
            this.m = s.m;
            this.a = s.a;
            this.b = s.b;
            this.c = s.c;
            this.logA = warm.logA;
            this.logB = warm.logB;
            this.eps = warm.eps;
            this.inv = 1.0 / eps;
            this.maxDroppedMass = maxDroppedMass;
            long size = (long) n * m;
            this.keep = (int) Math.max(1, Math.min(size, Math.ceil(sparsity / Math.min(n, m) * size)));
            this.massProduct = sum(a) * sum(b);
            this.chunks = size >= (1 << 16) ? Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n / 16)) : 1;
            this.lo = new int[chunks + 1];
            for (int t = 0; t <= chunks; t++) {
                lo[t] = (int) ((long) n * t / chunks);
            }
            this.k = warm.k;
            this.alpha = warm.alpha;
            this.beta = warm.beta;
            this.u = warmU.clone();
            this.v = warm.v.clone();
            this.x = new double[n];
            this.y = new double[m];
            for (int i = 0; i < n; i++) {
                x[i] = eps * Math.log(u[i]);
            }
            for (int j = 0; j < m; j++) {
                y[j] = eps * Math.log(v[j]);
            }
            this.rows = new double[n];
            this.cols = new double[m];
            this.tx = new double[n];
            this.ty = new double[m];
            this.tu = new double[n];
            this.tv = new double[m];
            this.trialRows = new double[n];
            this.trialCols = new double[m];
            this.colAcc = new double[chunks][m];
            this.chunkSum = new double[chunks];
            this.histCount = new long[chunks][BUCKETS];
            this.histMass = new double[chunks][BUCKETS];
            this.ptr = new int[chunks][];
            this.colIdx = new int[chunks][];
            this.vals = new double[chunks][];
            for (int t = 0; t < chunks; t++) {
                int len = lo[t + 1] - lo[t];
                int cap = (int) Math.min(Integer.MAX_VALUE - 16, 2L * keep * len / n + 16);
                ptr[t] = new int[len + 1];
                colIdx[t] = new int[cap];
                vals[t] = new double[cap];
            }
            this.ga = new double[n];
            this.gb = new double[m];
            this.df = new double[n];
            this.dg = new double[m];
            this.w = new double[n];
            this.rhs = new double[m];
            this.diag = new double[m];
            this.res = new double[m];
            this.z = new double[m];
            this.q = new double[m];
            this.sq = new double[m];
            this.hr = new double[n];
            this.hc = new double[m];
            this.xs = new double[n];
            this.ys = new double[m];
            this.uw = new double[n];
            this.vx = new double[m];
        }

        private static double sum(double[] x) {
            double s = 0;
            for (double v : x) {
                s += v;
            }
            return s;
        }

        private void forChunks(java.util.function.IntConsumer body) {
            if (chunks == 1) {
                body.accept(0);
            } else {
                java.util.stream.IntStream.range(0, chunks).parallel().forEach(body);
            }
        }

        private void forChunksIf(boolean parallel, java.util.function.IntConsumer body) {
            if (parallel && chunks > 1) {
                java.util.stream.IntStream.range(0, chunks).parallel().forEach(body);
            } else {
                for (int t = 0; t < chunks; t++) {
                    body.accept(t);
                }
            }
        }

        /**
         * One pass over K: the marginals of P = diag(su) K diag(sv) into rowOut, colOut; returns
         * ΣP (entries formed as (u_i K_ij) v_j, the arithmetic of the final plan).
         */
        double evaluate(double[] su, double[] sv, double[] rowOut, double[] colOut) {
            forChunks(t -> {
                double[] acc = colAcc[t];
                Arrays.fill(acc, 0.0);
                double s = 0;
                int i = lo[t];
                int hi = lo[t + 1];
                // rows in fours: they share the loads of sv and the loads and stores of acc
                for (; i + 3 < hi; i += 4) {
                    int off0 = i * m;
                    int off1 = off0 + m;
                    int off2 = off1 + m;
                    int off3 = off2 + m;
                    double u0 = su[i];
                    double u1 = su[i + 1];
                    double u2 = su[i + 2];
                    double u3 = su[i + 3];
                    double r0 = 0;
                    double r1 = 0;
                    double r2 = 0;
                    double r3 = 0;
                    for (int j = 0; j < m; j++) {
                        double vj = sv[j];
                        double p0 = u0 * k[off0 + j] * vj;
                        double p1 = u1 * k[off1 + j] * vj;
                        double p2 = u2 * k[off2 + j] * vj;
                        double p3 = u3 * k[off3 + j] * vj;
                        r0 += p0;
                        r1 += p1;
                        r2 += p2;
                        r3 += p3;
                        acc[j] += (p0 + p1) + (p2 + p3);
                    }
                    rowOut[i] = r0;
                    rowOut[i + 1] = r1;
                    rowOut[i + 2] = r2;
                    rowOut[i + 3] = r3;
                    s += (r0 + r1) + (r2 + r3);
                }
                for (; i < hi; i++) {
                    int off = i * m;
                    double ui = su[i];
                    double row = 0;
                    for (int j = 0; j < m; j++) {
                        double p0 = ui * k[off + j] * sv[j];
                        row += p0;
                        acc[j] += p0;
                    }
                    rowOut[i] = row;
                    s += row;
                }
                chunkSum[t] = s;
            });
            return reduce(colOut);
        }

        /** As {@link #evaluate} with P_ij = exp((α_i + px_i + β_j + py_j − C_ij)/ε) computed directly. */
        double evaluateDirect(double[] px, double[] py, double[] rowOut, double[] colOut) {
            forChunks(t -> {
                double[] acc = colAcc[t];
                Arrays.fill(acc, 0.0);
                double s = 0;
                for (int i = lo[t]; i < lo[t + 1]; i++) {
                    int off = i * m;
                    double base = alpha[i] + px[i];
                    double row = 0;
                    for (int j = 0; j < m; j++) {
                        double p = Math.exp((base + beta[j] + py[j] - c[off + j]) * inv);
                        row += p;
                        acc[j] += p;
                    }
                    rowOut[i] = row;
                    s += row;
                }
                chunkSum[t] = s;
            });
            return reduce(colOut);
        }

        private double reduce(double[] colOut) {
            sumColumns(colOut);
            double s = chunkSum[0];
            for (int t = 1; t < chunks; t++) {
                s += chunkSum[t];
            }
            return s;
        }

        /** out = Σ over chunks of the per-chunk column accumulators, in chunk order. */
        private void sumColumns(double[] out) {
            System.arraycopy(colAcc[0], 0, out, 0, m);
            for (int t = 1; t < chunks; t++) {
                double[] acc = colAcc[t];
                for (int j = 0; j < m; j++) {
                    out[j] += acc[j];
                }
            }
        }

        /**
         * α ← α + x, β ← β + y, x = y = 0, u = v = 1, K rebuilt; the marginals re-evaluated. The kept
         * kernel values are rescaled when u, v hold the scalings of x, y ({@code scalingsValid});
         * otherwise (after a directly evaluated trial) the pattern is re-extracted at the next step.
         */
        void absorb(boolean scalingsValid) {
            if (!scalingsValid) {
                sparse = false;
            }
            if (sparse) {
                // kept kernel values follow the kernel: K ← diag(u) K diag(v)
                for (int t = 0; t < chunks; t++) {
                    int[] pt = ptr[t];
                    int[] ci = colIdx[t];
                    double[] va = vals[t];
                    int first = lo[t];
                    for (int i = first; i < lo[t + 1]; i++) {
                        double ui = u[i];
                        for (int kk = pt[i - first]; kk < pt[i - first + 1]; kk++) {
                            va[kk] *= ui * v[ci[kk]];
                        }
                    }
                }
                for (int i = 0; i < n; i++) {
                    xs[i] -= x[i];
                }
                for (int j = 0; j < m; j++) {
                    ys[j] -= y[j];
                }
            }
            for (int i = 0; i < n; i++) {
                alpha[i] += x[i];
                x[i] = 0;
                u[i] = 1;
            }
            for (int j = 0; j < m; j++) {
                beta[j] += y[j];
                y[j] = 0;
                v[j] = 1;
            }
            forChunks(t -> {
                for (int i = lo[t]; i < lo[t + 1]; i++) {
                    int off = i * m;
                    double ai = alpha[i];
                    for (int j = 0; j < m; j++) {
                        k[off + j] = Math.exp((ai + beta[j] - c[off + j]) * inv);
                    }
                }
            });
            total = evaluate(u, v, rows, cols);
        }

        private static double maxAbs(double[] x) {
            double mx = 0;
            for (double t : x) {
                mx = Math.max(mx, Math.abs(t));
            }
            return mx;
        }

        /**
         * Makes the sparsified Hessian closer to the true one: first a larger share θ of the
         * dropped mass on its diagonal (tenfold, up to the exact marginals θ = 1), then a tenfold
         * smaller δ (re-extracting the pattern). False when both are at their limits.
         */
        boolean tighten() {
            if (diagonalShare < 1) {
                diagonalShare = Math.min(1, 10 * diagonalShare);
                return true;
            }
            if (maxDroppedMass > MIN_DROPPED_MASS) {
                maxDroppedMass = Math.max(MIN_DROPPED_MASS, maxDroppedMass / 10);
                sparse = false;
                return true;
            }
            return false;
        }

        boolean run(double tol, int maxSteps) {
            double anchor = Double.POSITIVE_INFINITY;
            int stalled = 0;
            if (Math.max(maxAbs(x), maxAbs(y)) * inv > LOG_TAU) {
                absorb(true);
            } else {
                total = evaluate(u, v, rows, cols);
            }
            while (true) {
                double err = gradient();
                if (!(err > tol)) {
                    return err <= tol;
                }
                if (steps >= maxSteps) {
                    return false;
                }
                // stall guard: eight steps without halving the error mean the sparsified Hessian is
                // too coarse for a fast local rate; tighten it as after a failed line search
                if (err < 0.5 * anchor) {
                    anchor = err;
                    stalled = 0;
                } else if (++stalled >= STALL_STEPS) {
                    tighten();
                    anchor = err;
                    stalled = 0;
                }
                if (!sparse || patternStale()) {
                    sparsify();
                    sparse = true;
                }
                direction(Math.max(CG_FORCING_FLOOR, Math.min(0.1, Math.sqrt(err))));
                double slope = 0;
                double lin = 0;
                for (int i = 0; i < n; i++) {
                    slope += ga[i] * df[i];
                    lin += a[i] * df[i];
                }
                for (int j = 0; j < m; j++) {
                    slope += gb[j] * dg[j];
                    lin += b[j] * dg[j];
                }
                // D(trial) − D(current) = t⟨(a, b), Δ⟩ − ε(ΣP_trial − ΣP), formed as a difference of
                // changes (no cancellation of D's large constant parts)
                double noise = 1e-12 * eps * (total + massProduct);
                // first trial capped at a potential change of LOG_TRIAL·ε (a factor e^300 on P): near an
                // almost empty row, Δf_i = ε(a_i − r_i)/r_i is astronomically long
                double longest = Math.max(maxAbs(df), maxAbs(dg));
                double t = longest * inv > LOG_TRIAL ? LOG_TRIAL * eps / longest : 1;
                boolean accepted = false;
                boolean direct = false;
                for (int h = 0; h < MAX_HALVINGS; h++) {
                    direct = trial(t);
                    double trialTotal = direct ? evaluateDirect(tx, ty, trialRows, trialCols)
                            : evaluate(tu, tv, trialRows, trialCols);
                    double gain = t * lin - eps * (trialTotal - total);
                    // Armijo; near the optimum the increase of D drops below its rounding error, so a
                    // step that keeps D within rounding and reduces the marginal error is accepted too
                    if (gain >= ARMIJO * t * slope || (gain >= -noise && marginalError(trialRows, trialCols) < err)) {
                        accepted = true;
                        total = trialTotal;
                        break;
                    }
                    t *= 0.5;
                }
                steps++;
                if (!accepted) {
                    if (tighten()) {
                        continue;
                    }
                    return false; // no ascent possible at working precision
                }
                if (t < 0.1 && diagonalShare < 1) {
                    // a heavily damped step: the sparsified Hessian is too flat along some direction
                    diagonalShare = Math.min(1, 10 * diagonalShare);
                }
                System.arraycopy(tx, 0, x, 0, n);
                System.arraycopy(ty, 0, y, 0, m);
                System.arraycopy(tu, 0, u, 0, n);
                System.arraycopy(tv, 0, v, 0, m);
                double[] swap = rows;
                rows = trialRows;
                trialRows = swap;
                swap = cols;
                cols = trialCols;
                trialCols = swap;
                if (direct || Math.max(maxAbs(x), maxAbs(y)) * inv > LOG_TAU) {
                    absorb(!direct);
                }
            }
        }

        /** Trial point x + tΔf, y + tΔg and its scalings; true when it must be evaluated directly. */
        private boolean trial(double t) {
            double mx = 0;
            for (int i = 0; i < n; i++) {
                tx[i] = x[i] + t * df[i];
                mx = Math.max(mx, Math.abs(tx[i]));
            }
            for (int j = 0; j < m; j++) {
                ty[j] = y[j] + t * dg[j];
                mx = Math.max(mx, Math.abs(ty[j]));
            }
            if (!(mx * inv <= LOG_TRIAL)) {
                return true;
            }
            for (int i = 0; i < n; i++) {
                tu[i] = Math.exp(tx[i] * inv);
            }
            for (int j = 0; j < m; j++) {
                tv[j] = Math.exp(ty[j] * inv);
            }
            return false;
        }

        private double marginalError(double[] r, double[] cs) {
            double e = 0;
            for (int i = 0; i < n; i++) {
                e += Math.abs(r[i] - a[i]);
            }
            for (int j = 0; j < m; j++) {
                e += Math.abs(cs[j] - b[j]);
            }
            return e;
        }

        /** Gradient (a − P1, b − Pᵀ1) of the current state; returns its L1 norm (NaN if P is not finite). */
        double gradient() {
            double err = 0;
            for (int i = 0; i < n; i++) {
                ga[i] = a[i] - rows[i];
                err += Math.abs(ga[i]);
            }
            for (int j = 0; j < m; j++) {
                gb[j] = b[j] - cols[j];
                err += Math.abs(gb[j]);
            }
            return err;
        }

        /**
         * Threshold by a histogram pass (count and mass of P per binary exponent), then one pass
         * extracting the entries at or above it into per-chunk CSR blocks.
         */
        void sparsify() {
            double threshold = threshold();
            forChunks(t -> {
                int[] pt = ptr[t];
                int[] ci = colIdx[t];
                double[] va = vals[t];
                int cnt = 0;
                int first = lo[t];
                for (int i = first; i < lo[t + 1]; i++) {
                    pt[i - first] = cnt;
                    int off = i * m;
                    double ui = u[i];
                    if (cnt + m > va.length) {
                        int cap = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(2L * va.length, (long) cnt + m));
                        va = Arrays.copyOf(va, cap);
                        ci = Arrays.copyOf(ci, cap);
                        vals[t] = va;
                        colIdx[t] = ci;
                    }
                    // branch-free compaction (every entry is written, the count advances only for
                    // kept ones; the capacity check above leaves room for a whole row): about one
                    // entry in ten is kept in no predictable pattern
                    double thr = threshold > 0 ? threshold : Double.MIN_VALUE;
                    for (int j = 0; j < m; j++) {
                        double kij = k[off + j];
                        double p = ui * kij * v[j];
                        va[cnt] = kij;
                        ci[cnt] = j;
                        cnt += p >= thr ? 1 : 0;
                    }
                }
                pt[lo[t + 1] - first] = cnt;
            });
            int total = 0;
            for (int t = 0; t < chunks; t++) {
                total += ptr[t][lo[t + 1] - lo[t]];
            }
            nnz = total;
            System.arraycopy(x, 0, xs, 0, n);
            System.arraycopy(y, 0, ys, 0, m);
        }

        /** True when the scalings moved by more than a factor 2 since the last sparsification. */
        boolean patternStale() {
            double mx = 0;
            for (int i = 0; i < n; i++) {
                mx = Math.max(mx, Math.abs(x[i] - xs[i]));
            }
            for (int j = 0; j < m; j++) {
                mx = Math.max(mx, Math.abs(y[j] - ys[j]));
            }
            return !(mx * inv <= REUSE);
        }

        /**
         * The largest bucket boundary τ such that the entries ≥ τ number at least {@code keep} and
         * carry at least (1 − δ) of the mass (resolution: a factor 2 in τ). One parallel pass.
         */
        double threshold() {
            if (keep >= (long) n * m) {
                return Double.NEGATIVE_INFINITY;
            }
            forChunks(t -> {
                long[] count = histCount[t];
                double[] mass = histMass[t];
                Arrays.fill(count, 0);
                Arrays.fill(mass, 0.0);
                for (int i = lo[t]; i < lo[t + 1]; i++) {
                    int off = i * m;
                    double ui = u[i];
                    for (int j = 0; j < m; j++) {
                        double p = ui * k[off + j] * v[j];
                        if (p > 0) {
                            int bucket = Math.getExponent(p) - Double.MIN_EXPONENT + 1; // 0 .. 2046, subnormals at 0
                            count[bucket]++;
                            mass[bucket] += p;
                        }
                    }
                }
            });
            double totalMass = 0;
            for (int t = 0; t < chunks; t++) {
                for (int bkt = 0; bkt < BUCKETS; bkt++) {
                    totalMass += histMass[t][bkt];
                }
            }
            long kept = 0;
            double keptMass = 0;
            for (int bkt = BUCKETS - 1; bkt >= 0; bkt--) {
                for (int t = 0; t < chunks; t++) {
                    kept += histCount[t][bkt];
                    keptMass += histMass[t][bkt];
                }
                if (kept >= keep && keptMass >= (1 - maxDroppedMass) * totalMass) {
                    return bkt == 0 ? Double.MIN_VALUE : Math.scalb(1.0, bkt - 1 + Double.MIN_EXPONENT);
                }
            }
            return Double.NEGATIVE_INFINITY;
        }

        /**
         * Newton direction: [[diag r, Ps],[Psᵀ, diag c]] (Δf, Δg) = ε (ga, gb) with Δg_{m−1} = 0,
         * Δf eliminated: (diag c − Psᵀ diag(1/r) Ps) Δg = ε gb − Psᵀ(ε ga / r), solved by
         * Jacobi-preconditioned CG to relative residual {@code cgTolerance}.
         */
        void direction(double cgTolerance) {
            int mm = m - 1; // gauge: the last target potential is fixed
            boolean par = nnz >= PARALLEL_NNZ;
            hessianDiagonal();
            for (int i = 0; i < n; i++) {
                w[i] = eps * ga[i] / safe(hr[i]);
            }
            transposeTimes(w, rhs, par);
            for (int j = 0; j < m; j++) {
                rhs[j] = eps * gb[j] - rhs[j];
            }
            rhs[mm] = 0;
            Arrays.fill(diag, 0.0);
            for (int t = 0; t < chunks; t++) {
                int[] pt = ptr[t];
                int[] ci = colIdx[t];
                double[] va = vals[t];
                int first = lo[t];
                for (int i = first; i < lo[t + 1]; i++) {
                    double ui = u[i];
                    double ri = 1 / safe(hr[i]);
                    for (int kk = pt[i - first]; kk < pt[i - first + 1]; kk++) {
                        double p = ui * va[kk] * v[ci[kk]]; // formed first: K alone may be far from 1
                        diag[ci[kk]] += p * p * ri;
                    }
                }
            }
            for (int j = 0; j < m; j++) {
                // floored relative to hc: near-isolated (i, j) pairs of a nearly one-to-one plan make
                // the Schur diagonal cancel to rounding level, and 1/diag would blow CG up
                diag[j] = Math.max(hc[j] - diag[j], Math.max(1e-6 * hc[j], 1e-300));
            }
            System.arraycopy(rhs, 0, res, 0, m);
            Arrays.fill(z, 0.0);
            Arrays.fill(q, 0.0);
            Arrays.fill(sq, 0.0);
            double rhsNorm = Math.sqrt(PlanMath.dot(rhs, rhs));
            Arrays.fill(dg, 0.0);

            if (rhsNorm > 0) {
                for (int j = 0; j < mm; j++) {
                    z[j] = res[j] / diag[j];
                }
                System.arraycopy(z, 0, q, 0, m);
                double rz = PlanMath.dot(res, z);
                int maxIter = Math.max(100, 10 * m);
                for (int it = 0; it < maxIter; it++) {
                    schur(q, sq, par);
                    sq[mm] = 0;
                    double qsq = PlanMath.dot(q, sq);
                    if (!(qsq > 0)) {
                        break;
                    }
                    double step = rz / qsq;
                    for (int j = 0; j < mm; j++) {
                        dg[j] += step * q[j];
                        res[j] -= step * sq[j];
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
            dg[mm] = 0;
            // Δf = (ε ga − Ps Δg) / r
            rowTimes(dg, df, par);
            for (int i = 0; i < n; i++) {
                df[i] = (eps * ga[i] - df[i]) / safe(hr[i]);
            }
        }

        /** Diagonal blocks of the sparsified Hessian: θ·(exact marginals) + (1 − θ)·(kept-entry sums). */
        private void hessianDiagonal() {
            Arrays.fill(hc, 0.0);
            for (int t = 0; t < chunks; t++) {
                int[] pt = ptr[t];
                int[] ci = colIdx[t];
                double[] va = vals[t];
                int first = lo[t];
                for (int i = first; i < lo[t + 1]; i++) {
                    double ui = u[i];
                    double s = 0;
                    for (int kk = pt[i - first]; kk < pt[i - first + 1]; kk++) {
                        double p = ui * va[kk] * v[ci[kk]];
                        s += p;
                        hc[ci[kk]] += p;
                    }
                    hr[i] = s > 0 ? s + diagonalShare * (rows[i] - s) : rows[i];
                }
            }
            for (int j = 0; j < m; j++) {
                hc[j] = hc[j] > 0 ? hc[j] + diagonalShare * (cols[j] - hc[j]) : cols[j];
            }
        }

        private static double safe(double x) {
            return Math.max(x, 1e-300);
        }

        /** out = Ps x (n-long). */
        private void rowTimes(double[] xv, double[] out, boolean par) {
            for (int j = 0; j < m; j++) {
                vx[j] = v[j] * xv[j];
            }
            forChunksIf(par, t -> {
                int[] pt = ptr[t];
                int[] ci = colIdx[t];
                double[] va = vals[t];
                int first = lo[t];
                for (int i = first; i < lo[t + 1]; i++) {
                    double s = 0;
                    for (int kk = pt[i - first]; kk < pt[i - first + 1]; kk++) {
                        s += va[kk] * vx[ci[kk]];
                    }
                    out[i] = u[i] * s;
                }
            });
        }

        /** out = Psᵀ wv (m-long), per-chunk scatter then reduction. */
        private void transposeTimes(double[] wv, double[] out, boolean par) {
            for (int i = 0; i < n; i++) {
                uw[i] = u[i] * wv[i];
            }
            forChunksIf(par, t -> {
                double[] acc = colAcc[t];
                Arrays.fill(acc, 0.0);
                int[] pt = ptr[t];
                int[] ci = colIdx[t];
                double[] va = vals[t];
                int first = lo[t];
                for (int i = first; i < lo[t + 1]; i++) {
                    double wi = uw[i];
                    for (int kk = pt[i - first]; kk < pt[i - first + 1]; kk++) {
                        acc[ci[kk]] += va[kk] * wi;
                    }
                }
            });
            sumColumns(out);
            for (int j = 0; j < m; j++) {
                out[j] *= v[j];
            }
        }

        /**
         * out = (diag hc − Psᵀ diag(1/hr) Ps) xv in one pass over the kept entries: each row's
         * gather (Ps xv)_i is scattered back through the same, still cached, row.
         */
        private void schur(double[] xv, double[] out, boolean par) {
            for (int j = 0; j < m; j++) {
                vx[j] = v[j] * xv[j];
            }
            forChunksIf(par, t -> {
                double[] acc = colAcc[t];
                Arrays.fill(acc, 0.0);
                int[] pt = ptr[t];
                int[] ci = colIdx[t];
                double[] va = vals[t];
                int first = lo[t];
                for (int i = first; i < lo[t + 1]; i++) {
                    int from = pt[i - first];
                    int to = pt[i - first + 1];
                    double s0 = 0;
                    double s1 = 0;
                    int kk = from;
                    for (; kk + 1 < to; kk += 2) {
                        s0 += va[kk] * vx[ci[kk]];
                        s1 += va[kk + 1] * vx[ci[kk + 1]];
                    }
                    if (kk < to) {
                        s0 += va[kk] * vx[ci[kk]];
                    }
                    double ui = u[i];
                    double wi = ui * ui * (s0 + s1) / safe(hr[i]);
                    for (kk = from; kk < to; kk++) {
                        acc[ci[kk]] += va[kk] * wi;
                    }
                }
            });
            sumColumns(out);
            for (int j = 0; j < m; j++) {
                out[j] = hc[j] * xv[j] - v[j] * out[j];
            }
        }

        /**
         * The result: the plan written over K in one pass that also forms ⟨P, C⟩ and the marginals;
         * objective \( \langle P,C\rangle + \varepsilon\mathrm{KL}(P\|ab^\top)
         * = \sum_i f_ir_i + \sum_j g_jc_j - \varepsilon(\sum P - |a||b|) \) (since
         * \( \log(P_{ij}/a_ib_j) = (f_i+g_j-C_{ij})/\varepsilon \)), with no pass of logarithms.
         */
        TransportResult result(Support s, int warmUp, boolean converged, double tol, long start) {
            double[] f = new double[n];
            double[] g = new double[m];
            for (int i = 0; i < n; i++) {
                f[i] = alpha[i] + x[i] - eps * logA[i];
            }
            for (int j = 0; j < m; j++) {
                g[j] = beta[j] + y[j] - eps * logB[j];
            }
            double[] costPart = new double[chunks];
            forChunks(t -> {
                double[] acc = colAcc[t];
                Arrays.fill(acc, 0.0);
                double sumP = 0;
                double cost = 0;
                for (int i = lo[t]; i < lo[t + 1]; i++) {
                    int off = i * m;
                    double ui = u[i];
                    double row = 0;
                    for (int j = 0; j < m; j++) {
                        double p = ui * k[off + j] * v[j];
                        k[off + j] = p;
                        row += p;
                        acc[j] += p;
                        cost += p * c[off + j];
                    }
                    rows[i] = row;
                    sumP += row;
                }
                chunkSum[t] = sumP;
                costPart[t] = cost;
            });
            double sumP = reduce(cols);
            double cost = 0;
            for (double part : costPart) {
                cost += part;
            }
            double error = marginalError(rows, cols);
            double objective = -eps * (sumP - massProduct);
            for (int i = 0; i < n; i++) {
                objective += f[i] * rows[i];
            }
            for (int j = 0; j < m; j++) {
                objective += g[j] * cols[j];
            }
            return s.entropicResult(TransportMethod.SINKHORN_NEWTON_SPARSE, k, f, g, eps, cost, objective, error, warmUp,
                    steps, converged && error <= tol, start);
        }
    }
}
