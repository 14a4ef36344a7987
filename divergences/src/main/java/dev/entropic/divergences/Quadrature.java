package dev.entropic.divergences;

import java.util.PriorityQueue;
import java.util.function.DoubleUnaryOperator;

/**
 * Globally adaptive Gauss–Kronrod (10/21-point) quadrature on a finite interval, the algorithm of
 * QUADPACK's {@code QAG} without extrapolation: the interval with the largest error estimate is
 * bisected until the summed estimate falls below {@code max(absTol, relTol·|I|)} or the budget of
 * subintervals is spent. The error estimate of each panel is QUADPACK's
 * {@code resasc·min(1, (200|K21 − G10|/resasc)^{3/2})}, floored by the rounding level
 * {@code 50 ε resabs}. The integrand is never evaluated at the interval ends, so integrable endpoint
 * singularities are resolved by repeated bisection.
 *
 * <p>Hipparchus offers Gauss–Legendre rules but no globally adaptive (error-driven bisection)
 * integrator with an error estimate, hence this class.
 *
 * <p>References: R. Piessens, E. de Doncker-Kapenga, C. Überhuber, D. Kahaner, "QUADPACK: A
 * Subroutine Package for Automatic Integration" (Springer 1983), routines QK21 and QAG; nodes and
 * weights from QK21.
 */
final class Quadrature {
    /** Kronrod abscissae on [−1, 1] (non-negative half, descending; odd indices are Gauss nodes). */
    private static final double[] XGK = {
        0.995657163025808080735527280689003, 0.973906528517171720077964012084452,
        0.930157491355708226001207180059508, 0.865063366688984510732096688423493,
        0.780817726586416897063717578345042, 0.679409568299024406234327365114874,
        0.562757134668604683339000099272694, 0.433395394129247190799265943165784,
        0.294392862701460198131126603103866, 0.148874338981631210884826001129720,
        0.0};
    /** Kronrod weights. */
    private static final double[] WGK = {
        0.011694638867371874278064396062192, 0.032558162307964727478818972459390,
        0.054755896574351996031381300244580, 0.075039674810919952767043140916190,
        0.093125454583697605535065465083366, 0.109387158802297641899210590325805,
        0.123491976262065851077600783204911, 0.134709217311473325928054001771707,
        0.142775938577060080797094273138717, 0.147739104901338491374841515972068,
        0.149445554002916905664936468389821};
    /** Gauss weights of the 10-point rule, for XGK[1], XGK[3], …, XGK[9]. */
    private static final double[] WG = {
        0.066671344308688137593568809893332, 0.149451349150580593145776339657697,
        0.219086362515982043995534934228163, 0.269266719309996355091226921569469,
        0.295524224714752870173892994651338};

    private static final double EPS = Math.ulp(1.0);

    /** The result of an integration: estimate, absolute error estimate, integrand evaluations. */
    record Result(double value, double error, long evaluations, boolean converged) {
    }

    private record Panel(double a, double b, double value, double error) {
    }

    private Quadrature() {
    }

    /** One 21-point Gauss–Kronrod panel on [a, b]. */
    static double[] panel(DoubleUnaryOperator f, double a, double b) {
        double c = 0.5 * (a + b);
        double h = 0.5 * (b - a);
        double fc = f.applyAsDouble(c);
        double resk = fc * WGK[10];
        double resabs = Math.abs(resk);
        double resg = 0;
        double[] f1 = new double[10];
        double[] f2 = new double[10];
        for (int j = 0; j < 10; j++) {
            double dx = h * XGK[j];
            double y1 = f.applyAsDouble(c - dx);
            double y2 = f.applyAsDouble(c + dx);
            f1[j] = y1;
            f2[j] = y2;
            resk += WGK[j] * (y1 + y2);
            resabs += WGK[j] * (Math.abs(y1) + Math.abs(y2));
            if ((j & 1) == 1) {
                resg += WG[j >> 1] * (y1 + y2);
            }
        }
        double reskh = 0.5 * resk;
        double resasc = WGK[10] * Math.abs(fc - reskh);
        for (int j = 0; j < 10; j++) {
            resasc += WGK[j] * (Math.abs(f1[j] - reskh) + Math.abs(f2[j] - reskh));
        }
        double value = resk * h;
        resabs *= Math.abs(h);
        resasc *= Math.abs(h);
        double err = Math.abs((resk - resg) * h);
        if (resasc != 0 && err != 0) {
            err = resasc * Math.min(1, Math.pow(200 * err / resasc, 1.5));
        }
        if (resabs > Double.MIN_NORMAL / (50 * EPS)) {
            err = Math.max(50 * EPS * resabs, err);
        }
        return new double[] {value, err};
    }

    /**
     * ∫_a^b f over a finite interval, adaptively.
     *
     * @param maxPanels the largest number of subintervals
     */
    static Result integrate(DoubleUnaryOperator f, double a, double b, double absTol, double relTol,
                            int maxPanels) {
        if (a == b) {
            return new Result(0, 0, 0, true);
        }
        PriorityQueue<Panel> queue = new PriorityQueue<>((x, y) -> Double.compare(y.error, x.error));
        double[] r = panel(f, a, b);
        long evals = 21;
        queue.add(new Panel(a, b, r[0], r[1]));
        double value = r[0];
        double error = r[1];
        int panels = 1;
        int steps = 0;
        while (!(error <= Math.max(absTol, relTol * Math.abs(value))) && panels < maxPanels
                && steps++ < 2 * maxPanels) {
            if (!Double.isFinite(value) || Double.isNaN(error)) {
                break;
            }
            Panel worst = queue.poll();
            double m = 0.5 * (worst.a + worst.b);
            if (!(m > worst.a && m < worst.b)) {
                // cannot be split further in double precision
                queue.add(new Panel(worst.a, worst.b, worst.value, 0));
                error = Math.max(0, error - worst.error);
                continue;
            }
            double[] left = panel(f, worst.a, m);
            double[] right = panel(f, m, worst.b);
            evals += 42;
            panels++;
            queue.add(new Panel(worst.a, m, left[0], left[1]));
            queue.add(new Panel(m, worst.b, right[0], right[1]));
            // re-sum to avoid drift of the running totals
            double v = 0;
            double e = 0;
            for (Panel p : queue) {
                v += p.value;
                e += p.error;
            }
            value = v;
            error = e;
        }
        boolean converged = error <= Math.max(absTol, relTol * Math.abs(value));
        return new Result(value, error, evals, converged);
    }
}
