package dev.entropic.transport;

/**
 * Entropic optimal transport by the stabilised log-domain Sinkhorn iteration, optionally with
 * ε-scaling. Same problem and conventions as {@link Sinkhorn}:
 * \( \min_{P \in U(a,b)} \langle P, C\rangle + \varepsilon\,\mathrm{KL}(P\,\|\,ab^\top) \), same
 * minimiser as POT's −εH(P) form; potentials with \( P_{ij} = a_ib_je^{(f_i+g_j-C_{ij})/\varepsilon} \).
 *
 * <p>Stabilisation by absorption (Schmitzer 2019): the iterate is kept as potentials α, β plus
 * scalings u, v of a kernel \( e^{(\alpha_i+\beta_j-C_{ij})/\varepsilon} \); scalings leaving
 * [1e−50, 1e50] are absorbed into the potentials and the kernel rebuilt, and any row or column
 * whose kernel sum underflows is recomputed by an exact log-sum-exp c-transform. Each iteration is
 * then one multiply–add pass over the kernel (no exponentials), yet ε = 1e−4 on a cost with
 * maximum 1 converges without underflow. Stops when the L1 marginal error ≤ tol.
 *
 * <p>ε-scaling (optional): solves successively for ε_k = max(ε, s·q^k), s = max C − min C, with
 * factor q (default 0.5), each stage warm-started from the previous potentials and run to
 * max(tol, 1e−3·mass); the final stage at ε runs to tol. Iterations are summed over stages.
 * Defaults: ε = 0.1, tol = 1e-9, 100 000 iterations, no ε-scaling.
 *
 * <p>References: B. Schmitzer, "Stabilized Sparse Scaling Algorithms for Entropy Regularized
 * Transport Problems", SIAM J. Sci. Comput. 41(3), 2019; G. Peyré, M. Cuturi, "Computational
 * Optimal Transport" (2019), §4.4.
 */
public final class LogSinkhorn implements TransportSolver {
    private final double epsilon;
    private final double tolerance;
    private final int maxIterations;
    private final double scalingFactor;

    private LogSinkhorn(double epsilon, double tolerance, int maxIterations, double scalingFactor) {
        this.epsilon = epsilon;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.scalingFactor = scalingFactor;
    }

    /** ε = 0.1, tol = 1e-9, at most 100 000 iterations, no ε-scaling. */
    public static LogSinkhorn withDefaults() {
        return new LogSinkhorn(0.1, 1e-9, 100_000, 0);
    }

    public LogSinkhorn withEpsilon(double eps) {
        return new LogSinkhorn(EntropicOptions.epsilon(eps), tolerance, maxIterations, scalingFactor);
    }

    public LogSinkhorn withTolerance(double tol) {
        return new LogSinkhorn(epsilon, EntropicOptions.tolerance(tol), maxIterations, scalingFactor);
    }

    public LogSinkhorn withMaxIterations(int maxIter) {
        return new LogSinkhorn(epsilon, tolerance, EntropicOptions.maxIterations(maxIter), scalingFactor);
    }

    /** Enables ε-scaling with factor q in (0, 1); 0 disables it. */
    public LogSinkhorn withEpsilonScaling(double factor) {
        if (!(factor == 0 || (factor > 0 && factor < 1))) {
            throw dev.entropic.core.Checks.fail("epsilon scaling factor must be 0 (off) or in (0, 1): %s", factor);
        }
        return new LogSinkhorn(epsilon, tolerance, maxIterations, factor);
    }

    public double epsilon() {
        return epsilon;
    }

    public double tolerance() {
        return tolerance;
    }

    public int maxIterations() {
        return maxIterations;
    }

    public double epsilonScalingFactor() {
        return scalingFactor;
    }

    @Override
    public TransportResult solve(TransportProblem problem) {
        problem.requireBalanced();
        long start = System.nanoTime();
        Support s = Support.of(problem);
        double spread = problem.cost().max() - problem.cost().min();
        double eps0 = scalingFactor > 0 && spread > epsilon ? spread : epsilon;
        KernelSinkhorn engine = new KernelSinkhorn(s, eps0, true);
        int total = 0;
        double stageTol = Math.max(tolerance, 1e-3 * problem.sourceMass());
        double eps = eps0;
        while (eps > epsilon) {
            KernelSinkhorn.Outcome out = engine.run(stageTol, maxIterations - total);
            total += out.iterations();
            double[] f = engine.sourcePotential(out.u());
            double[] g = engine.targetPotential();
            eps = Math.max(epsilon, eps * scalingFactor);
            engine.setEpsilon(eps, f, g);
            if (total >= maxIterations) {
                break;
            }
        }
        KernelSinkhorn.Outcome out = engine.run(tolerance, Math.max(1, maxIterations - total));
        total += out.iterations();
        return s.entropicResult(TransportMethod.SINKHORN_LOG, engine.plan(out.u()), engine.sourcePotential(out.u()),
                engine.targetPotential(), epsilon, total, 0, out.converged(), start);
    }
}
