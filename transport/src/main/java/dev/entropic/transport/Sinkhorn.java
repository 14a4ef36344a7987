package dev.entropic.transport;

/**
 * Entropic optimal transport by the scaling-domain Sinkhorn–Knopp iteration.
 *
 * <p>Solves \( \min_{P \in U(a,b)} \langle P, C\rangle + \varepsilon\,\mathrm{KL}(P\,\|\,ab^\top) \),
 * \( U(a,b) = \{P \ge 0 : P\mathbf 1 = a, P^\top\mathbf 1 = b\} \). On U(a,b),
 * \( \mathrm{KL}(P\|ab^\top) = \sum P_{ij}\log P_{ij} - \sum a_i\log a_i - \sum b_j\log b_j
 * = -H(P) + \text{const} \) (the −P + abᵀ terms of the generalised KL cancel), so this problem and
 * POT's \( \min \langle P,C\rangle - \varepsilon H(P) \) with \( H(P) = -\sum P_{ij}(\log P_{ij} - 1) \)
 * differ by a constant and have the same minimiser \( P = \mathrm{diag}(u)\,e^{-C/\varepsilon}\,\mathrm{diag}(v) \).
 *
 * <p>Iteration: \( u \leftarrow a / Kv,\ v \leftarrow b / K^\top u \) with \( K = e^{-C/\varepsilon} \),
 * stopped when the L1 marginal error \( \|P\mathbf 1 - a\|_1 + \|P^\top\mathbf 1 - b\|_1 \le \) tol.
 * For small ε the kernel underflows; this solver then stops with {@code converged = false} and the
 * last finite iterate (use {@link LogSinkhorn}). Defaults: ε = 0.1, tol = 1e-9, 10 000 iterations.
 *
 * <p>References: R. Sinkhorn, P. Knopp (1967); M. Cuturi, "Sinkhorn Distances: Lightspeed
 * Computation of Optimal Transport", NeurIPS 2013; G. Peyré, M. Cuturi, "Computational Optimal
 * Transport" (2019), §4.2.
 */
public final class Sinkhorn implements TransportSolver {
    private final double epsilon;
    private final double tolerance;
    private final int maxIterations;

    private Sinkhorn(double epsilon, double tolerance, int maxIterations) {
        this.epsilon = epsilon;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** ε = 0.1, tol = 1e-9, at most 10 000 iterations. */
    public static Sinkhorn withDefaults() {
        return new Sinkhorn(0.1, 1e-9, 10_000);
    }

    /** The regularisation ε > 0. */
    public Sinkhorn withEpsilon(double eps) {
        return new Sinkhorn(EntropicOptions.epsilon(eps), tolerance, maxIterations);
    }

    /** The L1 marginal-error tolerance. */
    public Sinkhorn withTolerance(double tol) {
        return new Sinkhorn(epsilon, EntropicOptions.tolerance(tol), maxIterations);
    }

    /** The iteration cap. */
    public Sinkhorn withMaxIterations(int maxIter) {
        return new Sinkhorn(epsilon, tolerance, EntropicOptions.maxIterations(maxIter));
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

    @Override
    public TransportResult solve(TransportProblem problem) {
        problem.requireBalanced();
        long start = System.nanoTime();
        Support s = Support.of(problem);
        KernelSinkhorn engine = new KernelSinkhorn(s, epsilon, false);
        KernelSinkhorn.Outcome out = engine.run(tolerance, maxIterations);
        return s.entropicResult(TransportMethod.SINKHORN, engine.plan(out.u()), engine.sourcePotential(out.u()),
                engine.targetPotential(), epsilon, out.iterations(), 0, out.converged(), start);
    }
}
