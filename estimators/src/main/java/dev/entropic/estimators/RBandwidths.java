package dev.entropic.estimators;

import dev.entropic.core.Checks;

/**
 * R's data-driven Gaussian bandwidths {@code bw.SJ} (methods "ste" and "dpi") and {@code bw.ucv}
 * (R 4.x, stats/R/bandwidths.R and stats/src/bandwidths.c), reproduced with R's conventions so the
 * values agree with R to rounding:
 * <ul>
 *   <li>pairwise distances are binned into {@code nb = 1000} bins of width
 *       {@code d = 1.01 (max - min) / nb}; bin indices truncate {@code x/d} toward zero; for
 *       {@code n > nb/2} the data are first tabulated into those bins and the pair counts are
 *       formed from the bin counts (R's {@code bw_den_binned}), otherwise from all pairs
 *       ({@code bw_den});</li>
 *   <li>terms with {@code (i d / h)² ≥ 1000} are dropped (R's {@code DELMAX});</li>
 *   <li>{@code bw.ucv} minimises the binned UCV criterion
 *       {@code UCV(h) = [1/2 + Σ_i c_i (e^{-δ_i/4} - √8 e^{-δ_i/2})/n] / (n h √π)},
 *       {@code δ_i = (i d/h)²}, with R's {@code optimize} (Brent's fmin) over
 *       {@code [0.1 hmax, hmax]}, {@code hmax = 1.144 σ̂ n^(-1/5)}, {@code tol = 0.1 · lower};</li>
 *   <li>{@code bw.SJ} (Sheather &amp; Jones 1991, JRSS-B 53:683–690) uses the binned functionals
 *       {@code SD(h) = φ̂4(h)} and {@code TD(b) = -φ̂6(b)}, the scale {@code s = min(σ̂, IQR/1.349)},
 *       pilot bandwidths {@code a = 1.24 s n^(-1/7)}, {@code b = 1.23 s n^(-1/9)},
 *       {@code c1 = 1/(2√π n)}; "dpi" returns {@code (c1/SD((2.394/(n TD))^(1/7)))^(1/5)}; "ste"
 *       solves {@code (c1/SD(α₂ h^(5/7)))^(1/5) = h}, {@code α₂ = 1.357 (SD(a)/TD)^(1/7)}, with R's
 *       {@code uniroot} (Brent's zeroin) over {@code [0.1 hmax, hmax]}, {@code hmax = 1.144 s n^(-1/5)},
 *       widening the interval alternately (upper ×1.2, lower /1.2) as R does, with
 *       {@code tol = 0.1 · lower} (the widened lower, as R's lazy default evaluates).</li>
 * </ul>
 */
final class RBandwidths {
    static final int NB = 1000;
    static final double DELMAX = 1000;
    static final double SQRT_PI = Math.sqrt(Math.PI);
    static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private RBandwidths() {
    }

    /** Pair counts by binned distance (R's bw_pair_cnts): {@code d} and {@code cnt}. */
    record PairCounts(double d, double[] cnt) {
    }

    static PairCounts pairCounts(double[] x) {
        int n = x.length;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw Checks.fail("data must be finite for a data-driven bandwidth: %s", v);
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] cnt = new double[NB];
        if (n > NB / 2) {
            double d = (max - min) * 1.01 / NB;
            long[] xx = new long[n];
            long lo = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                // trunc(|x|/d) * sign(x)
                double t = Math.floor(Math.abs(x[i]) / d);
                xx[i] = (long) (x[i] < 0 ? -t : t);
                lo = Math.min(lo, xx[i]);
            }
            long[] tab = new long[NB];
            for (long v : xx) {
                long b = v - lo; // tabulate(xx - min + 1, nb): bins 1..nb kept, others dropped
                if (b < NB) {
                    tab[(int) b]++;
                }
            }
            for (int ii = 0; ii < NB; ii++) {
                double w = tab[ii];
                cnt[0] += w * (w - 1);
                for (int jj = 0; jj < ii; jj++) {
                    cnt[ii - jj] += w * tab[jj];
                }
            }
            cnt[0] *= 0.5;
            return new PairCounts(d, cnt);
        }
        double dd = (max - min) * 1.01 / NB;
        int[] bin = new int[n];
        for (int i = 0; i < n; i++) {
            bin[i] = (int) (x[i] / dd); // C's truncating conversion
        }
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                cnt[Math.abs(bin[i] - bin[j])] += 1.0;
            }
        }
        return new PairCounts(dd, cnt);
    }

    /** R's binned UCV criterion (bw_ucv). */
    static double ucvCriterion(int n, PairCounts z, double h) {
        double sum = 0;
        double[] c = z.cnt();
        for (int i = 0; i < c.length; i++) {
            double delta = i * z.d() / h;
            delta *= delta;
            if (delta >= DELMAX) {
                break;
            }
            sum += (Math.exp(-delta / 4.) - Math.sqrt(8.0) * Math.exp(-delta / 2.)) * c[i];
        }
        return (0.5 + sum / n) / (n * h * SQRT_PI);
    }

    /** R's binned estimate of the 4th-derivative functional (bw_phi4). */
    static double phi4(int n, PairCounts z, double h) {
        double sum = 0;
        double[] c = z.cnt();
        for (int i = 0; i < c.length; i++) {
            double delta = i * z.d() / h;
            delta *= delta;
            if (delta >= DELMAX) {
                break;
            }
            sum += Math.exp(-delta / 2.) * (delta * delta - 6. * delta + 3.) * c[i];
        }
        sum = 2. * sum + n * 3.;
        return sum / ((double) n * (n - 1) * Math.pow(h, 5.0)) * INV_SQRT_2PI;
    }

    /** R's binned estimate of the 6th-derivative functional (bw_phi6). */
    static double phi6(int n, PairCounts z, double h) {
        double sum = 0;
        double[] c = z.cnt();
        for (int i = 0; i < c.length; i++) {
            double delta = i * z.d() / h;
            delta *= delta;
            if (delta >= DELMAX) {
                break;
            }
            sum += Math.exp(-delta / 2) * (delta * delta * delta - 15 * delta * delta + 45 * delta - 15) * c[i];
        }
        sum = 2. * sum - 15. * n;
        return sum / ((double) n * (n - 1) * Math.pow(h, 7.0)) * INV_SQRT_2PI;
    }

    /** R's bw.ucv with its default bounds and tolerance. */
    static double ucv(double[] x) {
        int n = x.length;
        double hmax = 1.144 * Bandwidth.standardDeviation(x, null) * Math.pow(n, -1.0 / 5);
        if (!(hmax > 0)) {
            throw Checks.fail("data has zero variance: the ucv bandwidth is undefined");
        }
        PairCounts z = pairCounts(x);
        double lower = 0.1 * hmax;
        return fmin(lower, hmax, h -> ucvCriterion(n, z, h), 0.1 * lower);
    }

    /** R's bw.SJ, method "ste" ({@code dpi = false}) or "dpi", with its default bounds and tolerance. */
    static double sj(double[] x, boolean dpi) {
        int n = x.length;
        String label = dpi ? "sj-dpi" : "sj";
        PairCounts z = pairCounts(x);
        double[] q = Bandwidth.quantiles7(x, 0.25, 0.75);
        double iqr = q[1] - q[0];
        double scale = Math.min(Bandwidth.standardDeviation(x, null), iqr / 1.349);
        if (!(scale > 0)) {
            throw Checks.fail("data has zero spread (min(sd, IQR/1.349) = %s): the %s bandwidth is undefined",
                scale, label);
        }
        double a = 1.24 * scale * Math.pow(n, -1.0 / 7);
        double b = 1.23 * scale * Math.pow(n, -1.0 / 9);
        double c1 = 1 / (2 * SQRT_PI * n);
        double td = -phi6(n, z, b);
        if (!Double.isFinite(td) || td <= 0) {
            throw Checks.fail("sample is too sparse to find TD for the %s bandwidth (R's bw.SJ fails too)", label);
        }
        if (dpi) {
            return Math.pow(c1 / phi4(n, z, Math.pow(2.394 / (n * td), 1.0 / 7)), 1.0 / 5);
        }
        double hmax = 1.144 * scale * Math.pow(n, -1.0 / 5);
        double alph2 = 1.357 * Math.pow(phi4(n, z, a) / td, 1.0 / 7);
        if (!Double.isFinite(alph2)) {
            throw Checks.fail("sample is too sparse to find alph2 for the %s bandwidth (R's bw.SJ fails too)", label);
        }
        java.util.function.DoubleUnaryOperator fsd = h -> Math.pow(c1 / phi4(n, z, alph2 * Math.pow(h, 5.0 / 7)), 1.0 / 5) - h;
        double lower = 0.1 * hmax;
        double upper = hmax;
        double flo = fsd.applyAsDouble(lower);
        double fup = fsd.applyAsDouble(upper);
        for (int itry = 1; flo * fup > 0; itry++) {
            if (itry > 99) {
                throw Checks.fail("no solution for the %s bandwidth in [%s, %s]", label, lower, upper);
            }
            if (itry % 2 == 1) {
                upper *= 1.2;
            } else {
                lower /= 1.2;
            }
            flo = fsd.applyAsDouble(lower);
            fup = fsd.applyAsDouble(upper);
        }
        if (!(flo * fup <= 0)) {
            throw Checks.fail("the %s equation is not finite on [%s, %s]", label, lower, upper);
        }
        return zeroin(lower, upper, flo, fup, fsd, 0.1 * lower, 1000);
    }

    /** Brent's one-dimensional minimiser as in R's {@code optimize} (Brent_fmin). */
    static double fmin(double ax, double bx, java.util.function.DoubleUnaryOperator f, double tol) {
        final double c = (3. - Math.sqrt(5.)) * .5;
        double eps = Math.sqrt(Math.ulp(1.0));
        double a = ax;
        double b = bx;
        double v = a + c * (b - a);
        double w = v;
        double x = v;
        double d = 0;
        double e = 0;
        double fx = f.applyAsDouble(x);
        double fv = fx;
        double fw = fx;
        double tol3 = tol / 3.;
        for (;;) {
            double xm = (a + b) * .5;
            double tol1 = eps * Math.abs(x) + tol3;
            double t2 = tol1 * 2.;
            if (Math.abs(x - xm) <= t2 - (b - a) * .5) {
                break;
            }
            double p = 0;
            double q = 0;
            double r = 0;
            if (Math.abs(e) > tol1) {
                r = (x - w) * (fx - fv);
                q = (x - v) * (fx - fw);
                p = (x - v) * q - (x - w) * r;
                q = (q - r) * 2.;
                if (q > 0.) {
                    p = -p;
                } else {
                    q = -q;
                }
                r = e;
                e = d;
            }
            double u;
            if (Math.abs(p) >= Math.abs(q * .5 * r) || p <= q * (a - x) || p >= q * (b - x)) {
                e = x < xm ? b - x : a - x;
                d = c * e;
            } else {
                d = p / q;
                u = x + d;
                if (u - a < t2 || b - u < t2) {
                    d = tol1;
                    if (x >= xm) {
                        d = -d;
                    }
                }
            }
            if (Math.abs(d) >= tol1) {
                u = x + d;
            } else if (d > 0.) {
                u = x + tol1;
            } else {
                u = x - tol1;
            }
            double fu = f.applyAsDouble(u);
            if (fu <= fx) {
                if (u < x) {
                    b = x;
                } else {
                    a = x;
                }
                v = w;
                w = x;
                x = u;
                fv = fw;
                fw = fx;
                fx = fu;
            } else {
                if (u < x) {
                    a = u;
                } else {
                    b = u;
                }
                if (fu <= fw || w == x) {
                    v = w;
                    fv = fw;
                    w = u;
                    fw = fu;
                } else if (fu <= fv || v == x || v == w) {
                    v = u;
                    fv = fu;
                }
            }
        }
        return x;
    }

    /** Brent's root finder as in R's {@code uniroot} (R_zeroin2), given f at both ends. */
    static double zeroin(double ax, double bx, double fa, double fb, java.util.function.DoubleUnaryOperator f,
                         double tol, int maxIter) {
        double a = ax;
        double b = bx;
        double c = a;
        double fc = fa;
        if (fa == 0.0) {
            return a;
        }
        if (fb == 0.0) {
            return b;
        }
        final double epsilon = Math.ulp(1.0);
        for (int it = maxIter + 1; it-- > 0;) {
            double prevStep = b - a;
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tolAct = 2 * epsilon * Math.abs(b) + tol / 2;
            double newStep = (c - b) / 2;
            if (Math.abs(newStep) <= tolAct || fb == 0) {
                return b;
            }
            if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
                double t1;
                double p;
                double q;
                double cb = c - b;
                if (a == c) {
                    t1 = fb / fa;
                    p = cb * t1;
                    q = 1.0 - t1;
                } else {
                    q = fa / fc;
                    t1 = fb / fc;
                    double t2 = fb / fa;
                    p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
                    q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
                }
                if (p > 0) {
                    q = -q;
                } else {
                    p = -p;
                }
                if (p < (0.75 * cb * q - Math.abs(tolAct * q) / 2) && p < Math.abs(prevStep * q / 2)) {
                    newStep = p / q;
                }
            }
            if (Math.abs(newStep) < tolAct) {
                newStep = newStep > 0 ? tolAct : -tolAct;
            }
            a = b;
            fa = fb;
            b += newStep;
            fb = f.applyAsDouble(b);
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
                c = a;
                fc = fa;
            }
        }
        throw Checks.fail("bandwidth root finder did not converge in %d iterations", maxIter);
    }
}
