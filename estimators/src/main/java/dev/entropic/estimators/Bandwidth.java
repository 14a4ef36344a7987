package dev.entropic.estimators;

import dev.entropic.core.Checks;
import java.util.Locale;

/**
 * A 1-D bandwidth selector: returns {@code h}, the standard deviation of the kernel (every
 * {@link Kernel} is normalised to unit variance, so {@code h} means the same for all kernels).
 *
 * <p>The peers' names collide, so each rule here names its formula and the peer it matches
 * ({@code σ̂} = data standard deviation with the {@code n-1} (weighted: reliability) correction,
 * {@code IQR} = interquartile range with R's type-7 quantiles):
 * <ul>
 *   <li>{@code scott}: {@code h = n_eff^(-1/5) σ̂} — scipy.stats.gaussian_kde "scott"
 *       (factor {@code n^(-1/(d+4))}, d = 1);</li>
 *   <li>{@code silverman}: {@code h = (3 n_eff / 4)^(-1/5) σ̂} — scipy.stats.gaussian_kde
 *       "silverman" (factor {@code (n(d+2)/4)^(-1/(d+4))});</li>
 *   <li>{@code silverman-robust}: {@code h = 0.9 min(σ̂, IQR/1.34) n^(-1/5)} — R {@code bw.nrd0}
 *       (with its fallbacks when the minimum is 0);</li>
 *   <li>{@code scott-robust}: {@code h = 1.06 min(σ̂, IQR/1.34) n^(-1/5)} — R {@code bw.nrd};</li>
 *   <li>{@code sj}: Sheather–Jones "solve-the-equation" — R {@code bw.SJ(x)} (method "ste"): the
 *       root of {@code h = (1/(2√π n φ̂4(α₂ h^(5/7))))^(1/5)},
 *       {@code α₂ = 1.357 (φ̂4(a)/(-φ̂6(b)))^(1/7)}, {@code a = 1.24 s n^(-1/7)},
 *       {@code b = 1.23 s n^(-1/9)}, {@code s = min(σ̂, IQR/1.349)}, with R's binned functionals
 *       (1000 bins) and R's root finder and tolerance (see {@link RBandwidths});</li>
 *   <li>{@code sj-dpi}: Sheather–Jones direct plug-in — R {@code bw.SJ(x, method = "dpi")}:
 *       {@code h = (1/(2√π n φ̂4(g)))^(1/5)}, {@code g = (2.394/(-n φ̂6(b)))^(1/7)};</li>
 *   <li>{@code ucv}: unbiased (least-squares) cross-validation — R {@code bw.ucv(x)}: the minimiser
 *       of {@code ∫f̂² - (2/n)Σ f̂₋ᵢ(xᵢ)} (R's binned Gaussian form) by R's {@code optimize} over
 *       {@code [0.1 hmax, hmax]}, {@code hmax = 1.144 σ̂ n^(-1/5)}, tolerance {@code 0.1 · lower};</li>
 *   <li>{@code lcv}: likelihood cross-validation — the maximiser of
 *       {@code Σ_i log((1/(n-1)) Σ_{j≠i} φ_h(x_i - x_j))} (Gaussian kernel), the criterion of
 *       statsmodels {@code KDEMultivariate(bw='cv_ml')} (see {@link LikelihoodCv});</li>
 *   <li>{@code isj}: Botev's improved Sheather–Jones (Botev, Grotowski &amp; Kroese 2010) —
 *       {@code h = √t* · 2R}, {@code t*} the fixed point of {@code t = ξγ^[7](t)} computed from the DCT
 *       of the data binned on {@code 2^14} points over {@code [min - R/2, max + R/2]}, Botev's
 *       {@code kde.m} conventions (KDEpy's {@code improved_sheather_jones} returns a different scale:
 *       see {@link ImprovedSheatherJones});</li>
 *   <li>a number: that {@code h}.</li>
 * </ul>
 * Weighted data use the effective sample size {@code n_eff = (Σw)²/Σw²} (scipy's convention);
 * the robust rules are defined for unweighted data only (as in R) and reject weights.
 */
public interface Bandwidth {

    /**
     * Selects {@code h} for the data {@code x} with normalised weights {@code w} (summing to 1),
     * or {@code w == null} for unweighted data.
     */
    double select(double[] x, double[] w);

    /** The rule's name (as accepted by {@link #parse(String)}). */
    String name();

    /** scipy's "scott": {@code h = n_eff^(-1/5) σ̂}. */
    static Bandwidth scott() {
        return Rules.SCOTT;
    }

    /** scipy's "silverman": {@code h = (3 n_eff / 4)^(-1/5) σ̂}. */
    static Bandwidth silverman() {
        return Rules.SILVERMAN;
    }

    /** R {@code bw.nrd0}: {@code h = 0.9 min(σ̂, IQR/1.34) n^(-1/5)}. */
    static Bandwidth silvermanRobust() {
        return Rules.SILVERMAN_ROBUST;
    }

    /** R {@code bw.nrd}: {@code h = 1.06 min(σ̂, IQR/1.34) n^(-1/5)}. */
    static Bandwidth scottRobust() {
        return Rules.SCOTT_ROBUST;
    }

    /** R {@code bw.SJ(x)} (Sheather–Jones solve-the-equation, method "ste"). */
    static Bandwidth sheatherJones() {
        return Rules.SJ;
    }

    /** R {@code bw.SJ(x, method = "dpi")} (Sheather–Jones direct plug-in). */
    static Bandwidth sheatherJonesDpi() {
        return Rules.SJ_DPI;
    }

    /** R {@code bw.ucv(x)} (unbiased / least-squares cross-validation). */
    static Bandwidth ucv() {
        return Rules.UCV;
    }

    /** Likelihood cross-validation (statsmodels KDEMultivariate bw='cv_ml' in 1-D), Gaussian kernel. */
    static Bandwidth likelihoodCv() {
        return Rules.LCV;
    }

    /** Botev's improved Sheather–Jones (diffusion) bandwidth, Botev's {@code kde.m} conventions. */
    static Bandwidth improvedSheatherJones() {
        return Rules.ISJ;
    }

    /** A fixed bandwidth {@code h > 0} (the kernel's standard deviation). */
    static Bandwidth of(double h) {
        Checks.requirePositiveFinite("bandwidth", h);
        return new Bandwidth() {
            @Override
            public double select(double[] x, double[] w) {
                return h;
            }

            @Override
            public String name() {
                return Double.toString(h);
            }
        };
    }

    /**
     * Parses {@code scott}, {@code silverman}, {@code silverman-robust}, {@code scott-robust},
     * {@code sj}, {@code sj-dpi}, {@code ucv}, {@code lcv}, {@code isj} or a positive number.
     */
    static Bandwidth parse(String name) {
        String s = name.trim().toLowerCase(Locale.ROOT);
        for (Rules r : Rules.values()) {
            if (r.label.equals(s)) {
                return r;
            }
        }
        double h;
        try {
            h = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw Checks.fail("bandwidth is neither a rule (%s) nor a number: %s", String.join(", ", names()), name);
        }
        if (!(h > 0) || Double.isInfinite(h)) {
            throw Checks.fail("bandwidth must be positive and finite: %s", name);
        }
        return of(h);
    }

    /** The rule names accepted by {@link #parse(String)}, besides a number. */
    static java.util.List<String> names() {
        return java.util.Arrays.stream(Rules.values()).map(r -> r.label).toList();
    }

    /** Weighted standard deviation with scipy's reliability-weights correction (w normalised, null = unweighted). */
    static double standardDeviation(double[] x, double[] w) {
        int n = x.length;
        if (w == null) {
            double m = 0;
            for (double v : x) {
                m += v;
            }
            m /= n;
            double ss = 0;
            for (double v : x) {
                ss += (v - m) * (v - m);
            }
            return Math.sqrt(ss / (n - 1));
        }
        double m = 0;
        for (int i = 0; i < n; i++) {
            m += w[i] * x[i];
        }
        double ss = 0;
        double w2 = 0;
        for (int i = 0; i < n; i++) {
            ss += w[i] * (x[i] - m) * (x[i] - m);
            w2 += w[i] * w[i];
        }
        return Math.sqrt(ss / (1 - w2));
    }

    /** Effective sample size {@code 1/Σw²} for normalised weights, {@code n} when unweighted. */
    static double effectiveSize(double[] x, double[] w) {
        if (w == null) {
            return x.length;
        }
        double w2 = 0;
        for (double v : w) {
            w2 += v * v;
        }
        return 1 / w2;
    }

    /** R's type-7 quantile of sorted data. */
    static double quantile7(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * R's type-7 quantiles of unsorted data at the probabilities {@code p}, exactly, without
     * modifying {@code x}: one pass counts the data in 4096 equal-width buckets (a monotone map, so
     * the buckets are ordered), one pass gathers the few buckets that hold the needed order
     * statistics, which are then selected within those buckets. O(n) with sequential passes
     * (several times faster than quickselect on a copy for 10⁶ points); a bucket that holds most
     * of the data (extreme tails) costs a quickselect on it.
     */
    static double[] quantiles7(double[] x, double... p) {
        int n = x.length;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] out = new double[p.length];
        if (!(max > min)) {
            java.util.Arrays.fill(out, min);
            return out;
        }
        int[] ranks = new int[2 * p.length];
        double[] frac = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double h = (n - 1) * p[i];
            int lo = (int) Math.floor(h);
            frac[i] = h - lo;
            ranks[2 * i] = lo;
            ranks[2 * i + 1] = Math.min(lo + 1, n - 1);
        }
        int buckets = 4096;
        double scale = buckets / (max - min);
        if (!Double.isFinite(scale)) {
            scale = Double.MAX_VALUE;
        }
        int[] count = new int[buckets];
        for (double v : x) {
            count[Math.min(buckets - 1, (int) ((v - min) * scale))]++;
        }
        int[] start = new int[buckets + 1];
        for (int b = 0; b < buckets; b++) {
            start[b + 1] = start[b] + count[b];
        }
        int[] slot = new int[buckets];
        java.util.Arrays.fill(slot, -1);
        int[] bucketOf = new int[ranks.length];
        int used = 0;
        for (int i = 0; i < ranks.length; i++) {
            int b = 0;
            int lo = 0;
            int hi = buckets - 1;
            while (lo < hi) { // first b with start[b + 1] > rank
                int mid = (lo + hi) >>> 1;
                if (start[mid + 1] > ranks[i]) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            b = lo;
            bucketOf[i] = b;
            if (slot[b] < 0) {
                slot[b] = used++;
            }
        }
        double[][] gathered = new double[used][];
        int[] fill = new int[used];
        for (int b = 0; b < buckets; b++) {
            if (slot[b] >= 0) {
                gathered[slot[b]] = new double[count[b]];
            }
        }
        for (double v : x) {
            int s = slot[Math.min(buckets - 1, (int) ((v - min) * scale))];
            if (s >= 0) {
                gathered[s][fill[s]++] = v;
            }
        }
        boolean[] ordered = new boolean[used];
        double[] stat = new double[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            int b = bucketOf[i];
            double[] g = gathered[slot[b]];
            int k = ranks[i] - start[b];
            if (g.length <= 1 << 16) {
                if (!ordered[slot[b]]) {
                    java.util.Arrays.sort(g);
                    ordered[slot[b]] = true;
                }
                stat[i] = g[k];
            } else {
                stat[i] = select(g, k, 0);
            }
        }
        for (int i = 0; i < p.length; i++) {
            double a = stat[2 * i];
            out[i] = a + frac[i] * (stat[2 * i + 1] - a);
        }
        return out;
    }

    /** R's type-7 quantile by quickselect (O(n), reorders {@code a}). */
    static double selectQuantile7(double[] a, double p, int from) {
        double h = (a.length - 1) * p;
        int lo = (int) Math.floor(h);
        double xlo = select(a, lo, from);
        if (lo + 1 >= a.length) {
            return xlo;
        }
        double xhi = Double.POSITIVE_INFINITY;
        for (int i = lo + 1; i < a.length; i++) {
            xhi = Math.min(xhi, a[i]);
        }
        return xlo + (h - lo) * (xhi - xlo);
    }

    /** Hoare quickselect within a[from..] (requires a[..from) ≤ a[from..]): afterwards a[k] is the
     * k-th smallest, a[..k] ≤ a[k] ≤ a[k..]. */
    static double select(double[] a, int k, int from) {
        int left = from;
        int right = a.length - 1;
        while (right > left) {
            double pivot = a[(left + right) >>> 1];
            int i = left;
            int j = right;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                break;
            }
        }
        return a[k];
    }

    /** The built-in rules. */
    enum Rules implements Bandwidth {
        SCOTT("scott"),
        SILVERMAN("silverman"),
        SILVERMAN_ROBUST("silverman-robust"),
        SCOTT_ROBUST("scott-robust"),
        SJ("sj"),
        SJ_DPI("sj-dpi"),
        UCV("ucv"),
        LCV("lcv"),
        ISJ("isj");

        private final String label;

        Rules(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        @Override
        public double select(double[] x, double[] w) {
            if (x.length < 2) {
                throw Checks.fail("data needs at least 2 points for the %s bandwidth, got %d", label, x.length);
            }
            if (this == LCV || this == ISJ) {
                if (w != null) {
                    throw Checks.fail("the %s bandwidth is defined for unweighted data only", label);
                }
                return this == LCV ? LikelihoodCv.select(x) : ImprovedSheatherJones.select(x);
            }
            if (this == SJ || this == SJ_DPI || this == UCV) {
                if (w != null) {
                    throw Checks.fail("the %s bandwidth (R's %s) is defined for unweighted data only", label,
                        this == UCV ? "bw.ucv" : "bw.SJ");
                }
                return this == UCV ? RBandwidths.ucv(x) : RBandwidths.sj(x, this == SJ_DPI);
            }
            double sd = standardDeviation(x, w);
            switch (this) {
                case SCOTT:
                    return requireSpread(sd * Math.pow(effectiveSize(x, w), -0.2));
                case SILVERMAN:
                    return requireSpread(sd * Math.pow(effectiveSize(x, w) * 3 / 4, -0.2));
                default:
                    break;
            }
            if (w != null) {
                throw Checks.fail("the %s bandwidth (R's %s) is defined for unweighted data only", label,
                    this == SILVERMAN_ROBUST ? "bw.nrd0" : "bw.nrd");
            }
            double[] q = quantiles7(x, 0.25, 0.75);
            double iqr = q[1] - q[0];
            double lo = Math.min(sd, iqr / 1.34);
            if (this == SCOTT_ROBUST) {
                return requireSpread(1.06 * lo * Math.pow(x.length, -0.2));
            }
            if (!(lo > 0)) {
                lo = sd > 0 ? sd : Math.abs(x[0]) > 0 ? Math.abs(x[0]) : 1;
            }
            return 0.9 * lo * Math.pow(x.length, -0.2);
        }

        private double requireSpread(double h) {
            if (!(h > 0)) {
                throw Checks.fail("data has zero variance: the %s bandwidth is 0", label);
            }
            return h;
        }
    }
}
