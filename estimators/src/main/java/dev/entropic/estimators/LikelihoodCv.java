package dev.entropic.estimators;

import dev.entropic.core.Checks;
import java.util.Arrays;

/**
 * Likelihood cross-validation for a Gaussian kernel (Habbema, Hermans &amp; van den Broek 1974;
 * Duin 1976): {@code h} maximises the leave-one-out log-likelihood
 * {@code LCV(h) = Σ_i log( (1/(n-1)) Σ_{j≠i} φ_h(x_i - x_j) )}, {@code φ_h} the N(0, h²)
 * density. The same criterion as statsmodels {@code KDEMultivariate(bw='cv_ml')} in 1-D (which
 * minimises {@code -LCV} by Nelder–Mead to {@code xtol = 1e-3}); here Brent's minimiser on
 * {@code log h} over {@code [10⁻³, 10] × σ̂ n^(-1/5)} to relative tolerance ~1e-9.
 *
 * <p>Pairs farther apart than {@code 12 h} are skipped ({@code e^{-72}} relative); a point with no
 * neighbour that close contributes its nearest neighbour's term alone (exact to the same order).
 * Tied values make {@code LCV → ∞} as {@code h → 0}, so data with ties are rejected.
 */
final class LikelihoodCv {
    static final double CUTOFF = 12;
    static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private LikelihoodCv() {
    }

    static double select(double[] x) {
        int n = x.length;
        double[] s = x.clone();
        Arrays.sort(s);
        for (int i = 1; i < n; i++) {
            if (s[i] == s[i - 1]) {
                throw Checks.fail("the lcv bandwidth needs distinct data values (ties make the leave-one-out "
                    + "likelihood unbounded as h -> 0): %s occurs twice", s[i]);
            }
        }
        double scale = Bandwidth.standardDeviation(s, null) * Math.pow(n, -0.2);
        double lo = Math.log(1e-3 * scale);
        double hi = Math.log(10 * scale);
        double t = RBandwidths.fmin(lo, hi, lh -> -objective(s, Math.exp(lh)), 1e-10);
        return Math.exp(t);
    }

    /** {@code LCV(h)} for sorted distinct data. */
    static double objective(double[] sorted, double h) {
        int n = sorted.length;
        double reach = CUTOFF * h;
        double inv2h2 = 1 / (2 * h * h);
        double total = 0;
        for (int i = 0; i < n; i++) {
            double xi = sorted[i];
            double sum = 0;
            for (int j = i - 1; j >= 0 && xi - sorted[j] <= reach; j--) {
                double d = xi - sorted[j];
                sum += Math.exp(-d * d * inv2h2);
            }
            for (int j = i + 1; j < n && sorted[j] - xi <= reach; j++) {
                double d = sorted[j] - xi;
                sum += Math.exp(-d * d * inv2h2);
            }
            double logSum;
            if (sum > 0) {
                logSum = Math.log(sum);
            } else {
                double d = Math.min(i > 0 ? xi - sorted[i - 1] : Double.POSITIVE_INFINITY,
                    i < n - 1 ? sorted[i + 1] - xi : Double.POSITIVE_INFINITY);
                logSum = -d * d * inv2h2;
            }
            total += logSum;
        }
        return total - n * (Math.log(n - 1) + Math.log(h) + LOG_SQRT_2PI);
    }
}
