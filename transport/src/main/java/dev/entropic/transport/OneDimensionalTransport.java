package dev.entropic.transport;

import dev.entropic.core.Checks;
import dev.entropic.core.EmpiricalDistribution;
import java.util.Arrays;

/**
 * Exact optimal transport on the real line in closed form: for a cost \( h(x - y) \) with h convex
 * (here \( |x-y|^p, p \ge 1 \)), the monotone (quantile) coupling
 * \( \pi = (F^{-1}, G^{-1})_\# \mathrm{U}[0,1] \) is optimal, so
 * \( W_p^p(\mu,\nu) = \int_0^1 |F^{-1}(t) - G^{-1}(t)|^p\,dt \).
 *
 * <p>For weighted samples this is the north-west-corner rule on the sorted points, O((n+m) log(n+m))
 * time: the plan is a staircase of n+m−1 cells (zero-mass cells kept so that the support is a
 * spanning tree), from which Kantorovich potentials with \( f_i + g_j = |x_i - y_j|^p \) on the
 * staircase are read off. Values equal POT's {@code ot.wasserstein_1d} (which returns \( W_p^p \)).
 *
 * <p>Reference: F. Santambrogio, "Optimal Transport for Applied Mathematicians" (2015), §2.2.
 */
public final class OneDimensionalTransport {
    private OneDimensionalTransport() {
    }

    /** \( W_p \) between two equally weighted samples. */
    public static double wasserstein(double[] x, double[] y, double p) {
        return Math.pow(wassersteinPower(x, uniform(x), y, uniform(y), p), 1.0 / p);
    }

    /** \( W_p \) between two one-dimensional empirical distributions. */
    public static double wasserstein(EmpiricalDistribution x, EmpiricalDistribution y, double p) {
        if (x.dimension() != 1 || y.dimension() != 1) {
            throw Checks.fail("x and y must be one-dimensional: dimensions %d and %d", x.dimension(), y.dimension());
        }
        return Math.pow(wassersteinPower(x.pointsRowMajor(), x.weights(), y.pointsRowMajor(), y.weights(), p), 1.0 / p);
    }

    /**
     * \( W_p^p \) between weighted samples (weights non-negative with equal positive totals within
     * {@link TransportProblem#MASS_TOLERANCE}; they are normalised).
     */
    public static double wassersteinPower(double[] x, double[] a, double[] y, double[] b, double p) {
        Staircase s = staircase(x, a, y, b, p);
        return s.cost;
    }

    /**
     * The full exact solution: sparse monotone plan, cost \( W_p^p \), potentials. Inputs as
     * {@link #wassersteinPower}; masses are not normalised (equal totals required).
     */
    public static TransportResult solve(double[] x, double[] a, double[] y, double[] b, double p) {
        long start = System.nanoTime();
        Staircase s = staircase(x, a, y, b, p);
        TransportPlan plan = TransportPlan.sparse(x.length, y.length, s.rows, s.cols, s.mass);
        double err = plan.marginalError(a, b);
        return new TransportResult(TransportMethod.QUANTILE_COUPLING, plan, s.cost, s.cost, s.f, s.g, err,
                s.rows.length, 0, true, PlanMath.secondsSince(start));
    }

    private static double[] uniform(double[] x) {
        Checks.requireNonEmpty("x", x);
        double[] w = new double[x.length];
        Arrays.fill(w, 1.0 / x.length);
        return w;
    }

    /** Sort permutation of x (ascending), ties by index. */
    static int[] order(double[] x) {
        int n = x.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (p, q) -> Double.compare(x[p], x[q]));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    private static final class Staircase {
        int[] rows;
        int[] cols;
        double[] mass;
        double[] f;
        double[] g;
        double cost;
    }

    private static Staircase staircase(double[] x, double[] a, double[] y, double[] b, double p) {
        Checks.requireFiniteArray("x", x);
        Checks.requireFiniteArray("y", y);
        Checks.requireNonNull("a", a);
        Checks.requireNonNull("b", b);
        if (x.length != a.length) {
            throw Checks.fail("x and a differ in length: %d vs %d", x.length, a.length);
        }
        if (y.length != b.length) {
            throw Checks.fail("y and b differ in length: %d vs %d", y.length, b.length);
        }
        if (!(p >= 1 && p < Double.POSITIVE_INFINITY)) {
            throw Checks.fail("p must be in [1, ∞): %s", p);
        }
        double ma = Checks.requireWeights("a", a);
        double mb = Checks.requireWeights("b", b);
        if (!(Math.abs(ma - mb) <= TransportProblem.MASS_TOLERANCE * Math.max(ma, mb))) {
            throw Checks.fail("a and b differ in total mass: %s vs %s (a balanced solver needs equal mass)", ma, mb);
        }
        int n = x.length;
        int m = y.length;
        int[] ox = order(x);
        int[] oy = order(y);
        int cells = n + m - 1;
        Staircase s = new Staircase();
        s.rows = new int[cells];
        s.cols = new int[cells];
        s.mass = new double[cells];
        s.f = new double[n];
        s.g = new double[m];
        double scaleB = ma / mb;
        int i = 0;
        int j = 0;
        double ra = a[ox[0]];
        double rb = b[oy[0]] * scaleB;
        double cost = 0;
        int k = 0;
        s.f[ox[0]] = 0;
        boolean newRow = false;
        boolean newCol = true;
        while (k < cells) {
            int xi = ox[i];
            int yj = oy[j];
            double t = Math.min(ra, rb);
            double cij = Math.pow(Math.abs(x[xi] - y[yj]), p);
            if (newCol) {
                s.g[yj] = cij - s.f[xi];
            } else if (newRow) {
                s.f[xi] = cij - s.g[yj];
            }
            s.rows[k] = xi;
            s.cols[k] = yj;
            s.mass[k] = t;
            cost += t * cij;
            k++;
            ra -= t;
            rb -= t;
            newRow = false;
            newCol = false;
            if ((ra <= rb && i < n - 1) || j == m - 1) {
                i++;
                if (i == n) {
                    break;
                }
                ra = a[ox[i]];
                newRow = true;
            } else {
                j++;
                rb = b[oy[j]] * scaleB;
                newCol = true;
            }
        }
        s.cost = cost;
        return s;
    }
}
