package dev.entropic.transport;

/**
 * The positive-mass part of a problem: entropic solvers work on the points with positive mass only
 * (log a_i = −∞ otherwise) and expand the result afterwards (package-private).
 */
final class Support {
    final int fullRows;
    final int fullCols;
    final int[] rows;
    final int[] cols;
    final double[] a;
    final double[] b;
    final double[] c;
    final int n;
    final int m;
    private final TransportProblem problem;

    private Support(TransportProblem problem, int[] rows, int[] cols, double[] a, double[] b, double[] c) {
        this.problem = problem;
        this.fullRows = problem.sourceSize();
        this.fullCols = problem.targetSize();
        this.rows = rows;
        this.cols = cols;
        this.a = a;
        this.b = b;
        this.c = c;
        this.n = a.length;
        this.m = b.length;
    }

    static Support of(TransportProblem problem) {
        double[] fa = problem.a();
        double[] fb = problem.b();
        int[] rows = positive(fa);
        int[] cols = positive(fb);
        double[] fc = problem.cost().data();
        if (rows.length == fa.length && cols.length == fb.length) {
            return new Support(problem, rows, cols, fa, fb, fc);
        }
        int mm = fb.length;
        double[] a = new double[rows.length];
        double[] b = new double[cols.length];
        double[] c = new double[rows.length * cols.length];
        for (int i = 0; i < rows.length; i++) {
            a[i] = fa[rows[i]];
            for (int j = 0; j < cols.length; j++) {
                c[i * cols.length + j] = fc[rows[i] * mm + cols[j]];
            }
        }
        for (int j = 0; j < cols.length; j++) {
            b[j] = fb[cols[j]];
        }
        return new Support(problem, rows, cols, a, b, c);
    }

    private static int[] positive(double[] w) {
        int k = 0;
        for (double v : w) {
            if (v > 0) {
                k++;
            }
        }
        int[] idx = new int[k];
        k = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                idx[k++] = i;
            }
        }
        return idx;
    }

    boolean isFull() {
        return n == fullRows && m == fullCols;
    }

    TransportProblem problem() {
        return problem;
    }

    /** The dense plan on the full index set. */
    double[] expandPlan(double[] plan) {
        if (isFull()) {
            return plan;
        }
        double[] out = new double[fullRows * fullCols];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                out[rows[i] * fullCols + cols[j]] = plan[i * m + j];
            }
        }
        return out;
    }

    /**
     * Full potentials; a zero-mass point gets the entropic c-transform of the other potential,
     * \( f_i = -\varepsilon\log\sum_j b_j e^{(g_j - C_{ij})/\varepsilon} \) (and symmetrically).
     */
    double[][] expandPotentials(double[] f, double[] g, double eps) {
        if (isFull()) {
            return new double[][] {f, g};
        }
        double[] fullF = new double[fullRows];
        double[] fullG = new double[fullCols];
        boolean[] hasRow = new boolean[fullRows];
        boolean[] hasCol = new boolean[fullCols];
        for (int i = 0; i < n; i++) {
            fullF[rows[i]] = f[i];
            hasRow[rows[i]] = true;
        }
        for (int j = 0; j < m; j++) {
            fullG[cols[j]] = g[j];
            hasCol[cols[j]] = true;
        }
        double[] fc = problem.cost().data();
        double[] t = new double[Math.max(n, m)];
        for (int i = 0; i < fullRows; i++) {
            if (!hasRow[i]) {
                for (int j = 0; j < m; j++) {
                    t[j] = Math.log(b[j]) + (g[j] - fc[i * fullCols + cols[j]]) / eps;
                }
                fullF[i] = -eps * dev.entropic.core.Numerics.logSumExp(t, 0, m);
            }
        }
        for (int j = 0; j < fullCols; j++) {
            if (!hasCol[j]) {
                for (int i = 0; i < n; i++) {
                    t[i] = Math.log(a[i]) + (f[i] - fc[rows[i] * fullCols + j]) / eps;
                }
                fullG[j] = -eps * dev.entropic.core.Numerics.logSumExp(t, 0, n);
            }
        }
        return new double[][] {fullF, fullG};
    }

    /**
     * Assembles an entropic result from a compressed dense plan and potentials: cost
     * \( \langle P, C\rangle \), objective \( \langle P,C\rangle + \varepsilon\mathrm{KL}(P\|ab^\top) \),
     * exact L1 marginal error of the plan.
     */
    TransportResult entropicResult(TransportMethod method, double[] plan, double[] f, double[] g, double eps,
            int iterations, int newtonIterations, boolean converged, long startNanos) {
        double cost = PlanMath.dot(plan, c);
        double objective = cost + eps * PlanMath.klToProduct(plan, a, b);
        double error = PlanMath.marginalError(plan, a, b);
        double[][] pot = expandPotentials(f, g, eps);
        TransportPlan p = TransportPlan.denseOwned(fullRows, fullCols, expandPlan(plan));
        return new TransportResult(method, p, cost, objective, pot[0], pot[1], error, iterations, newtonIterations,
                converged, PlanMath.secondsSince(startNanos));
    }

    /** As above with ⟨P, C⟩, the objective and the L1 marginal error already formed by the caller. */
    TransportResult entropicResult(TransportMethod method, double[] plan, double[] f, double[] g, double eps,
            double cost, double objective, double error, int iterations, int newtonIterations, boolean converged, long startNanos) {
        double[][] pot = expandPotentials(f, g, eps);
        TransportPlan p = TransportPlan.denseOwned(fullRows, fullCols, expandPlan(plan));
        return new TransportResult(method, p, cost, objective, pot[0], pot[1], error, iterations, newtonIterations,
                converged, PlanMath.secondsSince(startNanos));
    }
}
