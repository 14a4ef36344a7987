package dev.entropic.estimators;

import dev.entropic.core.Checks;
import java.util.Arrays;

/**
 * Botev's improved Sheather–Jones bandwidth (Botev, Grotowski &amp; Kroese 2010, "Kernel density
 * estimation via diffusion", Ann. Statist. 38:2916–2957), with the conventions of Botev's
 * {@code kde.m} (root bracket as KDEpy):
 * <ul>
 *   <li>a grid of {@code 2^14} points on {@code [min - R/2, max + R/2]}, {@code R = max - min},
 *       spanning {@code S = 2R}; linear binning, normalised to probabilities {@code p};</li>
 *   <li>{@code a_k = 2 Σ_j p_j cos(π k (2j+1) / (2·2^14))} (the unnormalised DCT-II, by FFT);</li>
 *   <li>{@code ‖f^(s)‖²(t) = ½ π^{2s} Σ_{k≥1} k^{2s} a_k² e^{-k²π²t}} on the unit interval;</li>
 *   <li>{@code γ^[l]}, {@code l = 7}: for {@code s = 6..2},
 *       {@code t_s = (2 c_s K0_s / (N ‖f^(s+1)‖²(t_{s+1})))^{2/(3+2s)}},
 *       {@code c_s = (1 + 2^{-(s+1/2)})/3}, {@code K0_s = (2s-1)!!/√(2π)}, then
 *       {@code ξγ^[l](t) = (2N√π ‖f''‖²(t_2))^{-2/5}}; {@code N} = number of distinct values;</li>
 *   <li>{@code t*} = the root of {@code t - ξγ^[l](t)} on {@code [0, T]},
 *       {@code T = 10⁻¹¹ + 0.01 (clip(N, 50, 1050) - 50)/1000}, doubled until the bracket holds
 *       (KDEpy's rule, which keeps away from the spurious large-{@code t} roots);</li>
 *   <li>{@code h = √t* · S} (the Gaussian kernel's standard deviation in data units).</li>
 * </ul>
 * KDEpy's public {@code improved_sheather_jones} differs in two conventions: a grid of
 * {@code 2^10} points padded by {@code max(R/2, 6)} data units (an absolute pad, so its result is
 * not scale equivariant) and {@code h = √t* · R} although {@code t*} is measured in units of its
 * grid span — its values are 0.3–0.5 of kde.m's on our reference samples. KDEpy's own binning,
 * fixed point and root rule on kde.m's grid give this class's values to 2e-8 (tested,
 * {@code reference/isj_kdepy.py}).
 */
final class ImprovedSheatherJones {
    static final int GRID = 1 << 14;
    static final int L = 7;

    private ImprovedSheatherJones() {
    }

    static double select(double[] x) {
        int n = x.length;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double r = max - min;
        if (!(r > 0)) {
            throw Checks.fail("data has zero range: the isj bandwidth is undefined");
        }
        double lo = min - r / 2;
        double span = (max + r / 2) - lo;
        double[] p = new double[GRID];
        double scale = (GRID - 1) / span;
        for (double v : x) {
            double t = (v - lo) * scale;
            int j = Math.min(GRID - 2, (int) t);
            double f = t - j;
            p[j] += 1 - f;
            p[j + 1] += f;
        }
        double total = 0;
        for (double v : p) {
            total += v;
        }
        for (int j = 0; j < GRID; j++) {
            p[j] /= total;
        }
        double[] a = dct2(p);
        double[] a2 = new double[GRID - 1];
        double[] k2 = new double[GRID - 1];
        for (int k = 1; k < GRID; k++) {
            a2[k - 1] = a[k] * a[k];
            k2[k - 1] = (double) k * k;
        }
        double[] s = x.clone();
        Arrays.sort(s);
        int distinct = 1;
        for (int i = 1; i < n; i++) {
            if (s[i] != s[i - 1]) {
                distinct++;
            }
        }
        double nd = distinct;
        java.util.function.DoubleUnaryOperator fixed = t -> t - gamma(t, nd, k2, a2);
        double top = 1e-11 + 0.01 * (Math.min(Math.max(nd, 50), 1050) - 50) / 1000;
        double ftop = fixed.applyAsDouble(top);
        for (int i = 0; !(ftop > 0); i++) {
            if (i > 60) {
                throw Checks.fail("the isj fixed-point equation has no root (too few distinct points: %d)", distinct);
            }
            top *= 2;
            ftop = fixed.applyAsDouble(top);
        }
        double f0 = fixed.applyAsDouble(0);
        if (!(f0 < 0)) {
            throw Checks.fail("the isj fixed-point equation has no root in [0, %s]", top);
        }
        double ts = RBandwidths.zeroin(0, top, f0, ftop, fixed, 1e-15 * top, 1000);
        return Math.sqrt(ts) * span;
    }

    /** {@code ξγ^[l](t)}. */
    static double gamma(double t, double n, double[] k2, double[] a2) {
        double f = norm(L, t, k2, a2);
        for (int s = L - 1; s >= 2; s--) {
            double odd = 1;
            for (int m = 1; m <= 2 * s - 1; m += 2) {
                odd *= m;
            }
            double k0 = odd / Math.sqrt(2 * Math.PI);
            double c = (1 + Math.pow(0.5, s + 0.5)) / 3;
            double time = Math.pow(2 * c * k0 / (n * f), 2.0 / (3 + 2 * s));
            f = norm(s, time, k2, a2);
        }
        return Math.pow(2 * n * Math.sqrt(Math.PI) * f, -0.4);
    }

    /** {@code ‖f^(s)‖²(t) = ½ π^{2s} Σ k^{2s} a_k² e^{-k²π²t}}. */
    static double norm(int s, double t, double[] k2, double[] a2) {
        double sum = 0;
        double pi2t = Math.PI * Math.PI * t;
        for (int i = 0; i < k2.length; i++) {
            double e = Math.exp(-k2[i] * pi2t);
            if (e == 0) {
                break; // k² increases: every later term underflows too
            }
            sum += Math.pow(k2[i], s) * a2[i] * e;
        }
        return 0.5 * Math.pow(Math.PI, 2 * s) * sum;
    }

    /** Unnormalised DCT-II {@code y_k = 2 Σ_j x_j cos(π k (2j+1)/(2n))} via one complex FFT (Makhoul 1980). */
    static double[] dct2(double[] x) {
        int n = x.length;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int j = 0; j < n / 2; j++) {
            re[j] = x[2 * j];
            re[n - 1 - j] = x[2 * j + 1];
        }
        Fft.transform(re, im, false);
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            double ang = -Math.PI * k / (2.0 * n);
            y[k] = 2 * (re[k] * Math.cos(ang) - im[k] * Math.sin(ang));
        }
        return y;
    }
}
