package dev.entropic.transport;

import dev.entropic.core.Checks;

/**
 * Unbalanced entropic optimal transport with KL-relaxed marginals:
 * \[ \min_{P\ge0} \langle P,C\rangle + \varepsilon\,\mathrm{KL}(P\|ab^\top) + \rho\,\mathrm{KL}(P\mathbf 1\|a)
 *    + \rho\,\mathrm{KL}(P^\top\mathbf 1\|b), \]
 * generalised KL \( \mathrm{KL}(x\|y) = \sum x\log(x/y) - x + y \); a and b may have different
 * masses. Log-domain iteration (Chizat, Peyré, Schmitzer, Vialard 2018):
 * \( f_i = -\tau\varepsilon\log\sum_j b_je^{(g_j-C_{ij})/\varepsilon} \),
 * \( g_j = -\tau\varepsilon\log\sum_i a_ie^{(f_i-C_{ij})/\varepsilon} \), τ = ρ/(ρ+ε), with
 * \( P_{ij} = a_ib_je^{(f_i+g_j-C_{ij})/\varepsilon} \); ρ → ∞ recovers balanced {@link LogSinkhorn}.
 * Stops when the sup-norm change of (f, g) over one iteration is ≤ tol·ε (the marginals are not
 * a and b at the optimum, so {@link TransportResult#marginalError()} is reported but is not the
 * stopping rule). The objective is the displayed functional.
 *
 * <p>POT's {@code ot.unbalanced.sinkhorn_unbalanced(a, b, M, reg, reg_m)} regularises with
 * \( \sum P\log P - P \) instead of KL(P‖abᵀ); it has the same minimiser as this class applied to
 * the cost \( C_{ij} = M_{ij} + \varepsilon\log(a_ib_j) \).
 *
 * <p>Reference: L. Chizat, G. Peyré, B. Schmitzer, F.-X. Vialard, "Scaling algorithms for
 * unbalanced optimal transport problems", Math. Comp. 87 (2018).
 */
public final class UnbalancedSinkhorn implements TransportSolver {
    private final double epsilon;
    private final double rho;
    private final double tolerance;
    private final int maxIterations;

    private UnbalancedSinkhorn(double epsilon, double rho, double tolerance, int maxIterations) {
        this.epsilon = epsilon;
        this.rho = rho;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** ε = 0.1, ρ = 1, tol = 1e-9, 100 000 iterations. */
    public static UnbalancedSinkhorn withDefaults() {
        return new UnbalancedSinkhorn(0.1, 1, 1e-9, 100_000);
    }

    public UnbalancedSinkhorn withEpsilon(double eps) {
        return new UnbalancedSinkhorn(EntropicOptions.epsilon(eps), rho, tolerance, maxIterations);
    }

    /** The marginal relaxation strength ρ > 0. */
    public UnbalancedSinkhorn withMarginalRelaxation(double r) {
        return new UnbalancedSinkhorn(epsilon, Checks.requirePositiveFinite("rho", r), tolerance, maxIterations);
    }

    public UnbalancedSinkhorn withTolerance(double tol) {
        return new UnbalancedSinkhorn(epsilon, rho, EntropicOptions.tolerance(tol), maxIterations);
    }

    public UnbalancedSinkhorn withMaxIterations(int maxIter) {
        return new UnbalancedSinkhorn(epsilon, rho, tolerance, EntropicOptions.maxIterations(maxIter));
    }

    public double epsilon() {
        return epsilon;
    }

    public double marginalRelaxation() {
        return rho;
    }

    @Override
    public TransportResult solve(TransportProblem problem) {
        long start = System.nanoTime();
        Support s = Support.of(problem);
        int n = s.n;
        int m = s.m;
        double[] logA = LogDomain.log(s.a);
        double[] logB = LogDomain.log(s.b);
        double tau = rho / (rho + epsilon);
        double[] f = new double[n];
        double[] g = new double[m];
        double[] fNew = new double[n];
        double[] gNew = new double[m];
        double[] mx = new double[m];
        double[] sm = new double[m];
        boolean converged = false;
        int it = 0;
        while (it < maxIterations) {
            it++;
            LogDomain.updateRows(s.c, logB, g, epsilon, fNew);
            for (int i = 0; i < n; i++) {
                fNew[i] *= tau;
            }
            LogDomain.updateColumns(s.c, logA, fNew, epsilon, gNew, mx, sm);
            for (int j = 0; j < m; j++) {
                gNew[j] *= tau;
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                change = Math.max(change, Math.abs(fNew[i] - f[i]));
            }
            for (int j = 0; j < m; j++) {
                change = Math.max(change, Math.abs(gNew[j] - g[j]));
            }
            System.arraycopy(fNew, 0, f, 0, n);
            System.arraycopy(gNew, 0, g, 0, m);
            if (!(change > tolerance * epsilon)) {
                converged = change <= tolerance * epsilon;
                break;
            }
        }
        double[] plan = new double[n * m];
        LogDomain.plan(s.c, logA, logB, f, g, epsilon, plan);
        double cost = PlanMath.dot(plan, s.c);
        double[] r = new double[n];
        double[] col = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                r[i] += plan[i * m + j];
                col[j] += plan[i * m + j];
            }
        }
        double objective = cost + epsilon * PlanMath.klToProduct(plan, s.a, s.b) + rho * kl(r, s.a) + rho * kl(col, s.b);
        double error = PlanMath.marginalError(plan, s.a, s.b);
        double[][] pot = s.expandPotentials(f, g, epsilon);
        return new TransportResult(TransportMethod.UNBALANCED_SINKHORN,
                TransportPlan.denseOwned(s.fullRows, s.fullCols, s.expandPlan(plan)), cost, objective, pot[0], pot[1],
                error, it, 0, converged, PlanMath.secondsSince(start));
    }

    private static double kl(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] > 0 ? x[i] * Math.log(x[i] / y[i]) : 0) - x[i] + y[i];
        }
        return s;
    }
}
