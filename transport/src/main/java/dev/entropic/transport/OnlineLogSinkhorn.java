package dev.entropic.transport;

import dev.entropic.core.Checks;
import dev.entropic.core.EmpiricalDistribution;
import java.util.stream.IntStream;

/**
 * Log-domain Sinkhorn for point clouds too large for an n×m matrix: the cost \( c(x_i, y_j) \) is
 * recomputed on the fly in blocks of {@value #BLOCK} columns, so memory is O(n + m) (the potentials
 * and per-thread column buffers), and each half-iteration is one parallel pass over row blocks.
 *
 * <p>Same problem and conventions as {@link LogSinkhorn}:
 * \( \min_{P\in U(a,b)} \langle P,C\rangle + \varepsilon\mathrm{KL}(P\|ab^\top) \) with
 * \( P_{ij} = a_ib_je^{(f_i+g_j-C_{ij})/\varepsilon} \). Each iteration applies the exact c-transforms
 * \( f_i = -\varepsilon\log\sum_j b_je^{(g_j-C_{ij})/\varepsilon} \),
 * \( g_j = -\varepsilon\log\sum_i a_ie^{(f_i-C_{ij})/\varepsilon} \) with a streaming (blockwise
 * max-shifted) log-sum-exp, so it cannot underflow; terms more than e^60 below the running maximum
 * are skipped (their total is under double rounding), which at small ε skips most exponentials.
 * The squared Euclidean cost is evaluated inline. After a g-update the column marginals are exact
 * and the row marginals are \( a_ie^{(f_i-\tilde f_i)/\varepsilon} \), where \( \tilde f \) is the next
 * f-update: the L1 marginal error is obtained without an extra pass; the solver stops when it is
 * ≤ tol. A final pass computes ⟨P, C⟩ and the objective. No plan is materialised.
 */
public final class OnlineLogSinkhorn {
    static final int BLOCK = 256;
    /**
     * Terms below e^−60 times the running maximum are skipped in the log-sum-exp: their total is
     * below e^−60·m ≤ 1e-26·m relative, far under double rounding for any m that fits in memory.
     */
    static final double NEGLIGIBLE = -60;

    private final double epsilon;
    private final double tolerance;
    private final int maxIterations;
    private final int parallelism;

    /** The outcome: no plan (it would not fit), potentials and the same scalars as {@link TransportResult}. */
    public record Result(double cost, double objective, double[] sourcePotential, double[] targetPotential,
            double marginalError, int iterations, boolean converged, double seconds) {
        /** Copies the arrays. */
        public Result {
            sourcePotential = sourcePotential.clone();
            targetPotential = targetPotential.clone();
        }

        @Override
        public double[] sourcePotential() {
            return sourcePotential.clone();
        }

        @Override
        public double[] targetPotential() {
            return targetPotential.clone();
        }
    }

    private OnlineLogSinkhorn(double epsilon, double tolerance, int maxIterations, int parallelism) {
        this.epsilon = epsilon;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.parallelism = parallelism;
    }

    /** ε = 0.1, tol = 1e-6, 10 000 iterations, all available processors. */
    public static OnlineLogSinkhorn withDefaults() {
        return new OnlineLogSinkhorn(0.1, 1e-6, 10_000, Runtime.getRuntime().availableProcessors());
    }

    public OnlineLogSinkhorn withEpsilon(double eps) {
        return new OnlineLogSinkhorn(EntropicOptions.epsilon(eps), tolerance, maxIterations, parallelism);
    }

    public OnlineLogSinkhorn withTolerance(double tol) {
        return new OnlineLogSinkhorn(epsilon, EntropicOptions.tolerance(tol), maxIterations, parallelism);
    }

    public OnlineLogSinkhorn withMaxIterations(int maxIter) {
        return new OnlineLogSinkhorn(epsilon, tolerance, EntropicOptions.maxIterations(maxIter), parallelism);
    }

    /** Number of row blocks processed concurrently (1 = sequential). */
    public OnlineLogSinkhorn withParallelism(int threads) {
        return new OnlineLogSinkhorn(epsilon, tolerance, maxIterations, Checks.requirePositive("parallelism", threads));
    }

    /** Solves between two empirical distributions (their normalised weights) under a ground cost. */
    public Result solve(EmpiricalDistribution x, EmpiricalDistribution y, GroundCost cost) {
        Checks.requireNonNull("x", x);
        Checks.requireNonNull("y", y);
        Checks.requireNonNull("cost", cost);
        if (x.dimension() != y.dimension()) {
            throw Checks.fail("x and y differ in dimension: %d vs %d", x.dimension(), y.dimension());
        }
        long start = System.nanoTime();
        Pass pass = new Pass(x.pointsRowMajor(), y.pointsRowMajor(), x.dimension(), cost, epsilon, parallelism);
        double[] a = x.weights();
        double[] b = y.weights();
        double[] logA = LogDomain.log(a);
        double[] logB = LogDomain.log(b);
        int n = a.length;
        int m = b.length;
        double[] f = new double[n];
        double[] g = new double[m];
        double[] fNext = new double[n];
        pass.transform(pass.x, n, pass.y, m, logB, g, f); // f from g = 0
        pass.transform(pass.y, m, pass.x, n, logA, f, g);
        int it = 1;
        boolean converged = false;
        double err = Double.POSITIVE_INFINITY;
        while (true) {
            pass.transform(pass.x, n, pass.y, m, logB, g, fNext);
            err = 0;
            for (int i = 0; i < n; i++) {
                err += a[i] * Math.abs(Math.expm1((f[i] - fNext[i]) / epsilon));
            }
            if (err <= tolerance) {
                converged = true;
                break;
            }
            if (it >= maxIterations) {
                break;
            }
            System.arraycopy(fNext, 0, f, 0, n);
            pass.transform(pass.y, m, pass.x, n, logA, f, g);
            it++;
        }
        double[] totals = pass.totals(logA, logB, f, g);
        double massA = 0;
        for (double v : a) {
            massA += v;
        }
        double massB = 0;
        for (double v : b) {
            massB += v;
        }
        // objective = Σ_ij P_ij (f_i + g_j) − ε ΣP + ε Σa Σb  (using log P/(ab) = (f + g − C)/ε)
        double objective = totals[1] - epsilon * totals[2] + epsilon * massA * massB;
        return new Result(totals[0], objective, f, g, err, it, converged, PlanMath.secondsSince(start));
    }

    /** The blocked passes (package-private for tests). */
    static final class Pass {
        final double[] x;
        final double[] y;
        final int d;
        final GroundCost cost;
        final double eps;
        final int threads;

        Pass(double[] x, double[] y, int d, GroundCost cost, double eps, int threads) {
            this.x = x;
            this.y = y;
            this.d = d;
            this.cost = cost;
            this.eps = eps;
            this.threads = threads;
        }

        private double c(double[] p, int i, double[] q, int j, boolean swapped) {
            return swapped ? cost.cost(q, j * d, p, i * d, d) : cost.cost(p, i * d, q, j * d, d);
        }

        /**
         * out_i = −ε log Σ_j w_j exp((pot_j − c(p_i, q_j))/ε) with log w = logW; p has np points, q has nq.
         * When p is y the cost is evaluated as c(q_j, p_i) (the cost's arguments stay (source, target)).
         */
        void transform(double[] p, int np, double[] q, int nq, double[] logW, double[] pot, double[] out) {
            boolean swapped = p == y;
            boolean squaredEuclidean = cost == GroundCosts.SQUARED_EUCLIDEAN;
            double inv = 1.0 / eps;
            int chunks = Math.max(1, Math.min(threads, np));
            IntStream range = IntStream.range(0, chunks);
            (chunks > 1 ? range.parallel() : range).forEach(t -> {
                double[] buf = new double[BLOCK];
                int lo = (int) ((long) np * t / chunks);
                int hi = (int) ((long) np * (t + 1) / chunks);
                for (int i = lo; i < hi; i++) {
                    double mx = Double.NEGATIVE_INFINITY;
                    double s = 0;
                    for (int j0 = 0; j0 < nq; j0 += BLOCK) {
                        int len = Math.min(BLOCK, nq - j0);
                        double bm = Double.NEGATIVE_INFINITY;
                        if (squaredEuclidean) {
                            int io = i * d;
                            for (int k = 0; k < len; k++) {
                                int j = j0 + k;
                                int jo = j * d;
                                double cij = 0;
                                for (int l = 0; l < d; l++) {
                                    double diff = p[io + l] - q[jo + l];
                                    cij += diff * diff;
                                }
                                double v = logW[j] + (pot[j] - cij) * inv;
                                buf[k] = v;
                                if (v > bm) {
                                    bm = v;
                                }
                            }
                        } else {
                            for (int k = 0; k < len; k++) {
                                int j = j0 + k;
                                double v = logW[j] + (pot[j] - c(p, i, q, j, swapped)) * inv;
                                buf[k] = v;
                                if (v > bm) {
                                    bm = v;
                                }
                            }
                        }
                        if (bm > mx) {
                            s *= Math.exp(mx - bm);
                            mx = bm;
                        }
                        for (int k = 0; k < len; k++) {
                            double e = buf[k] - mx;
                            if (e > NEGLIGIBLE) {
                                s += Math.exp(e);
                            }
                        }
                    }
                    out[i] = -eps * (mx + Math.log(s));
                }
            });
        }

        /** One pass: {⟨P, C⟩, Σ P_ij (f_i + g_j), Σ P}. */
        double[] totals(double[] logA, double[] logB, double[] f, double[] g) {
            int n = f.length;
            int m = g.length;
            double inv = 1.0 / eps;
            int chunks = Math.max(1, Math.min(threads, n));
            double[][] parts = new double[chunks][3];
            IntStream range = IntStream.range(0, chunks);
            (chunks > 1 ? range.parallel() : range).forEach(t -> {
                int lo = (int) ((long) n * t / chunks);
                int hi = (int) ((long) n * (t + 1) / chunks);
                double sc = 0;
                double sfg = 0;
                double sp = 0;
                for (int i = lo; i < hi; i++) {
                    for (int j = 0; j < m; j++) {
                        double cij = cost.cost(x, i * d, y, j * d, d);
                        double pij = Math.exp(logA[i] + logB[j] + (f[i] + g[j] - cij) * inv);
                        sc += pij * cij;
                        sfg += pij * (f[i] + g[j]);
                        sp += pij;
                    }
                }
                parts[t][0] = sc;
                parts[t][1] = sfg;
                parts[t][2] = sp;
            });
            double[] out = new double[3];
            for (double[] p : parts) {
                out[0] += p[0];
                out[1] += p[1];
                out[2] += p[2];
            }
            return out;
        }
    }
}
