package dev.entropic.calibration;

/**
 * Limited-memory BFGS (Nocedal and Wright, <i>Numerical Optimization</i>, Algorithm 7.4/7.5) with
 * memory 10 and a backtracking line search accepting the Armijo condition (\(c_1 = 10^{-4}\)) or,
 * when f no longer resolves the decrease, Hager and Zhang's approximate Wolfe condition; a pair \((s, y)\) enters the
 * memory only when \(s^\top y > 10^{-12}\,\|s\|\,\|y\|\), so the inverse-Hessian estimate stays
 * positive definite. Converged means \(\|\nabla f\|_\infty \le\) gradient tolerance. Used by the
 * vector and matrix scaling fits, whose objectives are smooth and convex.
 */
final class Lbfgs {
    /** f(x), writing the gradient into grad. */
    interface Objective {
        double value(double[] x, double[] grad);
    }

    /** Final point, value, iterations and convergence flag. */
    record Result(double[] x, double value, int iterations, boolean converged, double gradientNorm) {
    }

    private static final int MEMORY = 10;

    private Lbfgs() {
    }

    static Result minimize(Objective f, double[] x0, double gradientTolerance, int maxIterations) {
        int d = x0.length;
        double[] x = x0.clone();
        double[] g = new double[d];
        double fx = f.value(x, g);
        double[][] s = new double[MEMORY][d];
        double[][] yv = new double[MEMORY][d];
        double[] rho = new double[MEMORY];
        double[] alpha = new double[MEMORY];
        double[] dir = new double[d];
        double[] xNew = new double[d];
        double[] gNew = new double[d];
        int stored = 0;
        int head = 0;
        int it = 0;
        double gamma = 1;
        boolean converged = normInf(g) <= gradientTolerance;
        while (!converged && it < maxIterations) {
            it++;
            // Two-loop recursion: dir = -H g.
            System.arraycopy(g, 0, dir, 0, d);
            for (int m = 0; m < stored; m++) {
                int idx = Math.floorMod(head - 1 - m, MEMORY);
                alpha[idx] = rho[idx] * dot(s[idx], dir);
                axpy(-alpha[idx], yv[idx], dir);
            }
            for (int i = 0; i < d; i++) {
                dir[i] *= gamma;
            }
            for (int m = stored - 1; m >= 0; m--) {
                int idx = Math.floorMod(head - 1 - m, MEMORY);
                double beta = rho[idx] * dot(yv[idx], dir);
                axpy(alpha[idx] - beta, s[idx], dir);
            }
            for (int i = 0; i < d; i++) {
                dir[i] = -dir[i];
            }
            double slope = dot(g, dir);
            if (!(slope < 0)) {
                // Not a descent direction (round-off): restart from steepest descent.
                for (int i = 0; i < d; i++) {
                    dir[i] = -g[i];
                }
                slope = dot(g, dir);
                stored = 0;
            }
            double step = stored == 0 ? Math.min(1, 1 / Math.sqrt(dot(g, g))) : 1;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 60; ls++) {
                for (int i = 0; i < d; i++) {
                    xNew[i] = x[i] + step * dir[i];
                }
                fNew = f.value(xNew, gNew);
                if (fNew <= fx + 1e-4 * step * slope || approximateWolfe(fx, fNew, slope, dot(gNew, dir))) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                break;
            }
            double sy = 0;
            double ss = 0;
            double yy = 0;
            for (int i = 0; i < d; i++) {
                double si = xNew[i] - x[i];
                double yi = gNew[i] - g[i];
                s[head][i] = si;
                yv[head][i] = yi;
                sy += si * yi;
                ss += si * si;
                yy += yi * yi;
            }
            if (sy > 1e-12 * Math.sqrt(ss * yy)) {
                rho[head] = 1 / sy;
                gamma = sy / yy;
                head = (head + 1) % MEMORY;
                stored = Math.min(stored + 1, MEMORY);
            }
            System.arraycopy(xNew, 0, x, 0, d);
            System.arraycopy(gNew, 0, g, 0, d);
            fx = fNew;
            converged = normInf(g) <= gradientTolerance;
        }
        return new Result(x, fx, it, converged, normInf(g));
    }

    /**
     * Hager and Zhang's approximate Wolfe condition (SIAM J. Optim. 16, 2005): near the optimum the
     * decrease of f is below its round-off, so accept a step whose directional derivative satisfies
     * \(0.9\,\phi'(0) \le \phi'(\alpha) \le -0.8\,\phi'(0)\) while f has not grown beyond
     * \(10^{-14}|f|\).
     */
    private static boolean approximateWolfe(double f0, double f1, double slope0, double slope1) {
        return f1 <= f0 + 1e-14 * Math.abs(f0) && slope1 >= 0.9 * slope0 && slope1 <= -0.8 * slope0;
    }

    private static double dot(double[] a, double[] b) {
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            t += a[i] * b[i];
        }
        return t;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double normInf(double[] g) {
        double m = 0;
        for (double v : g) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
