package dev.entropic.calibration;

import dev.entropic.core.Checks;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Binned calibration error estimators of predicted probabilities against labels.
 *
 * <p><b>Plug-in estimator.</b> The predictions \(s_i\) of one binary problem are grouped into bins
 * \(b\) with \(n_b\) points, mean prediction \(\bar s_b\) and mean outcome \(\bar y_b\); then
 * \[ \widehat{CE}_p = \Big(\sum_b \tfrac{n_b}{n} |\bar y_b - \bar s_b|^p\Big)^{1/p},\quad p \in \{1, 2\},
 * \qquad \widehat{CE}_\infty = \max_{b: n_b > 0} |\bar y_b - \bar s_b| . \]
 * \(p = 1\) is the ECE, \(p = \infty\) the MCE.
 *
 * <p><b>Debiased L1</b> (the same paper's reference code, its "normal debiased" estimator for
 * \(p \ne 2\)): with the plug-in value \(c = \sum_b \tfrac{n_b}{n}|\bar y_b - \bar s_b|\), draw
 * {@value #DEBIAS_RESAMPLES} times \(\tilde y_b \sim N(\bar y_b, \bar y_b(1-\bar y_b)/n_b)\)
 * independently per bin, average the plug-in values \(\tilde c\) of the draws, and return
 * \(2c - \overline{\tilde c}\) (the bias of \(c\) estimated by the parametric bootstrap),
 * clipped at 0 per binary problem. The draws come from a fixed seed, so the estimate is a
 * deterministic function of the data.
 *
 * <p><b>Debiased L2</b> (Kumar, Liang, Ma 2019, §5): per bin
 * \((\bar y_b - \bar s_b)^2 - \bar y_b(1 - \bar y_b)/(n_b - 1)\), bins with \(n_b < 2\) contribute 0,
 * the mass-weighted sum is clipped at 0 before the square root.
 *
 * <p><b>Scopes.</b> {@link Scope#TOP_LABEL}: the binary problem (confidence \(\max_j p_{ij}\),
 * outcome \(1[\arg\max_j p_{ij} = y_i]\)); ties in the argmax go to the lowest index.
 * {@link Scope#CANONICAL} (the full-vector calibration error \(E\|E[e_Y \mid p] - p\|\)): the
 * probability vectors are binned jointly, a cell being the tuple of the equal-width bins of the
 * first \(k-1\) coordinates (the last is determined); per cell the mean one-hot label
 * \(\bar y_c\) and mean vector \(\bar p_c\) give \(\widehat{CE}_1 = \sum_c \tfrac{n_c}{n}\|\bar y_c -
 * \bar p_c\|_1\), \(\widehat{CE}_2 = (\sum_c \tfrac{n_c}{n}\|\bar y_c - \bar p_c\|_2^2)^{1/2}\),
 * \(\widehat{CE}_\infty = \max_c \|\bar y_c - \bar p_c\|_\infty\). Defined here for equal-width
 * binning, the plug-in estimator and at most {@value #CANONICAL_MAX_CELLS} possible cells
 * (\(B^{k-1}\)), as the number of cells grows exponentially with k; a single column is the binary
 * problem.
 * {@link Scope#MARGINAL}: one binary problem per class \(j\) (prediction \(p_{ij}\), outcome
 * \(1[y_i = j]\)), combined as \((\frac1k \sum_j \widehat{CE}_{p,j}^p)^{1/p}\) (\(\max_j\) for
 * \(p = \infty\); for the debiased L2 each class's debiased square is clipped at 0 first), as
 * {@code uncertainty-calibration}'s marginal mode does. A single column is the binary problem
 * \(P(y=1)\) itself in both scopes (the reference library's convention for 1-D input).
 *
 * <p><b>Bin edges</b> (all bins are intervals \((e_{j-1}, e_j]\), the first one also containing
 * everything at or below \(e_0\), the last one closed at 1, exactly as the reference library's
 * {@code bisect_left}):
 * <ul>
 *   <li>{@link Binning#WIDTH}: \(e_j = j/B\), \(j = 1..B\) (computed as {@code j / (double) B}).</li>
 *   <li>{@link Binning#MASS}: sort the \(n\) predictions, cut them into consecutive chunks of
 *       \(\lceil n / B\rceil\) values (the last chunk takes the remainder, so there can be fewer than
 *       \(B\) chunks; \(B\) is capped at \(n\)), exactly as the reference's {@code split}; the edges
 *       are the midpoints between the last value of a chunk and the first of the next, then 1.
 *       Equal edges (ties) merge bins. Computed per binary problem.</li>
 *   <li>{@link Binning#DISTINCT}: one bin per distinct prediction (edges at midpoints between
 *       consecutive distinct values, then 1); the reference's {@code get_discrete_bins}.</li>
 * </ul>
 *
 * <p>References: A. Kumar, P. Liang, T. Ma, "Verified Uncertainty Calibration", NeurIPS 2019;
 * M. P. Naeini, G. Cooper, M. Hauskrecht, "Obtaining Well Calibrated Probabilities Using Bayesian
 * Binning", AAAI 2015; C. Guo et al., ICML 2017.
 */
public final class CalibrationError {
    /** The norm over bins. */
    public enum Norm { L1, L2, MAX }

    /** Which binary problems are evaluated. */
    public enum Scope { TOP_LABEL, MARGINAL, CANONICAL }

    /** How bin edges are chosen. */
    public enum Binning { WIDTH, MASS, DISTINCT }

    /** The estimator. */
    public enum Estimator { PLUGIN, DEBIASED }

    /** A point estimate with a bootstrap percentile interval. */
    public record Interval(double value, double lower, double upper, double confidence, int resamples) {
    }

    private final Norm norm;
    private final Scope scope;
    private final Binning binning;
    private final Estimator estimator;
    private final int bins;

    private CalibrationError(Norm norm, Scope scope, Binning binning, Estimator estimator, int bins) {
        this.norm = norm;
        this.scope = scope;
        this.binning = binning;
        this.estimator = estimator;
        this.bins = bins;
    }

    /** Plug-in, L1 (ECE), top-label, 15 equal-width bins. */
    public static CalibrationError withDefaults() {
        return new CalibrationError(Norm.L1, Scope.TOP_LABEL, Binning.WIDTH, Estimator.PLUGIN, 15);
    }

    /** Returns a copy with the given norm. */
    public CalibrationError withNorm(Norm n) {
        return new CalibrationError(Checks.requireNonNull("norm", n), scope, binning, estimator, bins);
    }

    /** Returns a copy with the given scope. */
    public CalibrationError withScope(Scope s) {
        return new CalibrationError(norm, Checks.requireNonNull("scope", s), binning, estimator, bins);
    }

    /** Returns a copy with the given binning. */
    public CalibrationError withBinning(Binning b) {
        return new CalibrationError(norm, scope, Checks.requireNonNull("binning", b), estimator, bins);
    }

    /** Returns a copy with the given estimator ({@link Estimator#DEBIASED} requires {@link Norm#L1} or {@link Norm#L2}). */
    public CalibrationError withEstimator(Estimator e) {
        return new CalibrationError(norm, scope, binning, Checks.requireNonNull("estimator", e), bins);
    }

    /** Returns a copy with the given number of bins B ≥ 1 (ignored by {@link Binning#DISTINCT}). */
    public CalibrationError withBins(int b) {
        return new CalibrationError(norm, scope, binning, estimator, Checks.requirePositive("bins", b));
    }

    /**
     * The estimate.
     *
     * @param probs  {@code [n][k]} probability rows (each summing to 1 within
     *               {@link Checks#PROBABILITY_SUM_TOLERANCE}) or {@code [n][1]} P(y=1); not modified
     * @param labels labels in {@code 0..k-1} (binary: 0/1)
     */
    public double estimate(double[][] probs, int[] labels) {
        int k = validate(probs, labels);
        int n = probs.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return compute(probs, labels, k, idx, new double[n], new double[n]);
    }

    /**
     * The estimate with a bootstrap percentile interval: {@code resamples} resamples of the rows
     * with replacement drawn from {@code rng}; the interval holds the empirical
     * \((1-c)/2\) and \((1+c)/2\) quantiles of the resampled estimates (type-7 interpolation), so
     * {@code confidence = 0.9} is a 90% interval.
     */
    public Interval bootstrap(double[][] probs, int[] labels, int resamples, double confidence,
                              UniformRandomProvider rng) {
        int k = validate(probs, labels);
        Checks.requirePositive("resamples", resamples);
        if (!(confidence > 0 && confidence < 1)) {
            throw Checks.fail("confidence must be in (0, 1) (a fraction, not a percentage): %s", confidence);
        }
        Checks.requireNonNull("rng", rng);
        int n = probs.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        double[] s = new double[n];
        double[] y = new double[n];
        double value = compute(probs, labels, k, idx, s, y);
        double[] draws;
        if (binning == Binning.WIDTH && scope != Scope.CANONICAL) {
            draws = fixedBinDraws(probs, labels, k, resamples, rng);
        } else {
            draws = new double[resamples];
            for (int r = 0; r < resamples; r++) {
                for (int i = 0; i < n; i++) {
                    idx[i] = rng.nextInt(n);
                }
                draws[r] = compute(probs, labels, k, idx, s, y);
            }
        }
        Arrays.sort(draws);
        return new Interval(value, quantile(draws, (1 - confidence) / 2), quantile(draws, (1 + confidence) / 2),
                confidence, resamples);
    }

    /** Type-7 quantile of sorted values (equal neighbours, including infinities, give that value). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        if (sorted[hi] == sorted[lo] || h == lo) {
            return sorted[lo];
        }
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private int validate(double[][] probs, int[] labels) {
        if (scope == Scope.CANONICAL && probs != null && probs.length > 0 && probs[0] != null && probs[0].length > 1) {
            if (estimator != Estimator.PLUGIN || binning != Binning.WIDTH) {
                throw Checks.fail("the canonical scope is defined here for the plug-in estimator with equal-width bins");
            }
            if (Math.pow(bins, probs[0].length - 1) > CANONICAL_MAX_CELLS) {
                throw Checks.fail("the canonical scope needs bins^(k-1) <= %.0f cells: %d^%d", CANONICAL_MAX_CELLS, bins,
                        probs[0].length - 1);
            }
        }
        if (estimator == Estimator.DEBIASED && norm == Norm.MAX) {
            throw Checks.fail("the debiased estimator is defined here for norms L1 and L2, not %s", norm);
        }
        return Scores.validate(probs, labels);
    }

    /** Largest number of joint cells {@code B^(k-1)} of the canonical scope. */
    public static final double CANONICAL_MAX_CELLS = 1e6;

    private double compute(double[][] probs, int[] labels, int k, int[] idx, double[] s, double[] y) {
        int n = idx.length;
        boolean oneColumn = probs[0].length == 1;
        if (scope == Scope.CANONICAL && !oneColumn) {
            return canonical(probs, labels, k, idx);
        }
        if (scope == Scope.TOP_LABEL && !oneColumn) {
            for (int t = 0; t < n; t++) {
                int i = idx[t];
                double[] row = probs[i];
                int arg;
                double conf;
                arg = 0;
                for (int j = 1; j < row.length; j++) {
                    if (row[j] > row[arg]) {
                        arg = j;
                    }
                }
                conf = row[arg];
                s[t] = conf;
                y[t] = arg == labels[i] ? 1 : 0;
            }
            return finish(binary(s, y, n), 1);
        }
        int problems = oneColumn ? 1 : k;
        double acc = 0;
        for (int j = 0; j < problems; j++) {
            int col = oneColumn ? 0 : j;
            int positive = oneColumn ? 1 : j;
            for (int t = 0; t < n; t++) {
                int i = idx[t];
                s[t] = probs[i][col];
                y[t] = labels[i] == positive ? 1 : 0;
            }
            double e = binary(s, y, n);
            if (estimator == Estimator.DEBIASED) {
                e = Math.max(0, e);
            }
            acc = norm == Norm.MAX ? Math.max(acc, e) : acc + e;
        }
        return finish(acc, problems);
    }

    /** For L1: Σ w|d|; L2: Σ w d² (debiased if asked); MAX: max |d|. Sorts copies of s, y. */
    private double binary(double[] s, double[] y, int n) {
        double[] edges = edges(s, n);
        int b = edges.length;
        double[] sumS = new double[b];
        double[] sumY = new double[b];
        int[] count = new int[b];
        for (int i = 0; i < n; i++) {
            int bin = binOf(edges, s[i]);
            sumS[bin] += s[i];
            sumY[bin] += y[i];
            count[bin]++;
        }
        return fromBins(sumS, sumY, count, 0, b, n);
    }

    /**
     * The equal-width bin of {@code v ∈ [0, 1]} among {@code b}: the interval
     * {@code ((j−1)/b, j/b]} (the first also takes 0), the same bin as {@link #binOf} on the edges
     * {@code j / (double) b}, found in O(1).
     */
    static int widthBin(double v, int b) {
        int bin = Math.min(b - 1, Math.max(0, (int) Math.ceil(v * b) - 1));
        if (bin + 1 < b && v > (bin + 1) / (double) b) { // v·b rounded down across an edge
            bin++;
        } else if (bin > 0 && v <= bin / (double) b) { // rounded up across an edge
            bin--;
        }
        return bin;
    }

    /** The bin of {@code v}: intervals {@code (e_{j-1}, e_j]}, the first also below e_0, the last capped. */
    static int binOf(double[] edges, double v) {
        int bin = Arrays.binarySearch(edges, v);
        if (bin < 0) {
            bin = -bin - 1;
        } else {
            while (bin > 0 && edges[bin - 1] == v) {
                bin--;
            }
        }
        return Math.min(bin, edges.length - 1);
    }

    /** Draws of the parametric bootstrap of the debiased L1 estimator. */
    static final int DEBIAS_RESAMPLES = 1000;
    /** Seed of those draws (fixed: the estimate is a function of the data). */
    static final long DEBIAS_SEED = 0x5EEDL;

    /** The per-problem statistic from per-bin sums at {@code [from, from + b)}. */
    private double fromBins(double[] sumS, double[] sumY, int[] count, int from, int b, int n) {
        if (estimator == Estimator.DEBIASED && norm == Norm.L1) {
            return debiasedL1(sumS, sumY, count, from, b, n);
        }
        double total = 0;
        for (int j = from; j < from + b; j++) {
            if (count[j] == 0) {
                continue;
            }
            double ms = sumS[j] / count[j];
            double my = sumY[j] / count[j];
            double d = Math.abs(my - ms);
            double w = (double) count[j] / n;
            switch (norm) {
                case L1 -> total += w * d;
                case MAX -> total = Math.max(total, d);
                default -> {
                    if (estimator == Estimator.DEBIASED) {
                        total += count[j] < 2 ? 0 : w * (d * d - my * (1 - my) / (count[j] - 1));
                    } else {
                        total += w * d * d;
                    }
                }
            }
        }
        return total;
    }

    /** The canonical (joint-vector) plug-in error over the rows {@code idx}; see the class comment. */
    private double canonical(double[][] probs, int[] labels, int k, int[] idx) {
        int n = idx.length;
        java.util.HashMap<Long, double[]> cells = new java.util.HashMap<>();
        for (int i : idx) {
            double[] row = probs[i];
            long key = 0;
            for (int j = 0; j < k - 1; j++) {
                int bin = widthBin(row[j], bins);
                key = key * bins + bin;
            }
            double[] acc = cells.computeIfAbsent(key, x -> new double[2 * k + 1]);
            for (int j = 0; j < k; j++) {
                acc[j] += row[j];
            }
            acc[k + labels[i]] += 1;
            acc[2 * k] += 1;
        }
        double total = 0;
        for (double[] acc : cells.values()) {
            double c = acc[2 * k];
            double l1 = 0;
            double l2 = 0;
            double max = 0;
            for (int j = 0; j < k; j++) {
                double d = Math.abs(acc[k + j] / c - acc[j] / c);
                l1 += d;
                l2 += d * d;
                max = Math.max(max, d);
            }
            switch (norm) {
                case L1 -> total += c / n * l1;
                case L2 -> total += c / n * l2;
                default -> total = Math.max(total, max);
            }
        }
        return norm == Norm.L2 ? Math.sqrt(total) : total;
    }

    /** {@code 2c − mean(c̃)}, see the class comment. */
    private static double debiasedL1(double[] sumS, double[] sumY, int[] count, int from, int b, int n) {
        double plugin = 0;
        double[] w = new double[b];
        double[] ms = new double[b];
        double[] my = new double[b];
        double[] sd = new double[b];
        for (int j = 0; j < b; j++) {
            int c = count[from + j];
            if (c == 0) {
                continue;
            }
            w[j] = (double) c / n;
            ms[j] = sumS[from + j] / c;
            my[j] = sumY[from + j] / c;
            sd[j] = Math.sqrt(my[j] * (1 - my[j]) / c);
            plugin += w[j] * Math.abs(my[j] - ms[j]);
        }
        org.apache.commons.rng.sampling.distribution.ContinuousSampler g =
                org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(
                        dev.entropic.core.Rng.seeded(DEBIAS_SEED));
        double mean = 0;
        for (int r = 0; r < DEBIAS_RESAMPLES; r++) {
            double c = 0;
            for (int j = 0; j < b; j++) {
                if (w[j] > 0) {
                    c += w[j] * Math.abs(my[j] + sd[j] * g.sample() - ms[j]);
                }
            }
            mean += c;
        }
        return 2 * plugin - mean / DEBIAS_RESAMPLES;
    }

    /**
     * Bootstrap with fixed (equal-width) edges: every point's bin, prediction and outcome in each
     * binary problem are computed once; a resample then only draws row indices, counts how often
     * each row was drawn, and accumulates count-weighted per-bin sums in one sequential pass (no
     * sorting, no copies, no cache-missing gathers). Resamples run in parallel, each from its own stream
     * seeded by {@code rng} in order, so the result does not depend on the number of threads.
     */
    private double[] fixedBinDraws(double[][] probs, int[] labels, int k, int resamples, UniformRandomProvider rng) {
        int n = probs.length;
        boolean oneColumn = probs[0].length == 1;
        boolean topLabel = scope == Scope.TOP_LABEL && !oneColumn;
        int problems = topLabel || oneColumn ? 1 : k;
        double[] edges = edges(null, 0);
        int b = edges.length;
        int[] bin = new int[problems * n];
        double[] s = new double[problems * n];
        byte[] y = new byte[problems * n];
        for (int i = 0; i < n; i++) {
            double[] row = probs[i];
            if (topLabel) {
                int arg = 0;
                for (int j = 1; j < row.length; j++) {
                    if (row[j] > row[arg]) {
                        arg = j;
                    }
                }
                s[i] = row[arg];
                y[i] = (byte) (arg == labels[i] ? 1 : 0);
                bin[i] = binOf(edges, s[i]);
            } else {
                for (int p = 0; p < problems; p++) {
                    int col = oneColumn ? 0 : p;
                    int positive = oneColumn ? 1 : p;
                    int at = p * n + i;
                    s[at] = row[col];
                    y[at] = (byte) (labels[i] == positive ? 1 : 0);
                    bin[at] = binOf(edges, s[at]);
                }
            }
        }
        long[] seeds = new long[resamples];
        for (int r = 0; r < resamples; r++) {
            seeds[r] = rng.nextLong();
        }
        double[] draws = new double[resamples];
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), resamples));
        java.util.stream.IntStream.range(0, threads).parallel().forEach(thread -> {
            int[] times = new int[n]; // how often each row is drawn: one random write per draw, then one sequential pass
            double[] sumS = new double[problems * b];
            double[] sumY = new double[problems * b];
            int[] count = new int[problems * b];
            for (int r = thread; r < resamples; r += threads) {
                UniformRandomProvider g = dev.entropic.core.Rng.seeded(seeds[r]);
                Arrays.fill(times, 0);
                for (int t = 0; t < n; t++) {
                    times[g.nextInt(n)]++;
                }
                Arrays.fill(sumS, 0);
                Arrays.fill(sumY, 0);
                Arrays.fill(count, 0);
                for (int p = 0; p < problems; p++) {
                    int base = p * n;
                    int offset = p * b;
                    for (int i = 0; i < n; i++) {
                        int m = times[i];
                        if (m != 0) {
                            int c = offset + bin[base + i];
                            sumS[c] += m * s[base + i];
                            sumY[c] += m * y[base + i];
                            count[c] += m;
                        }
                    }
                }
                double acc = 0;
                for (int p = 0; p < problems; p++) {
                    double e = fromBins(sumS, sumY, count, p * b, b, n);
                    if (estimator == Estimator.DEBIASED && !topLabel) {
                        e = Math.max(0, e);
                    }
                    acc = norm == Norm.MAX ? Math.max(acc, e) : acc + e;
                }
                draws[r] = finish(acc, problems);
            }
        });
        return draws;
    }

    private double finish(double acc, int problems) {
        return switch (norm) {
            case L1 -> estimator == Estimator.DEBIASED ? Math.max(0, acc / problems) : acc / problems;
            case MAX -> acc;
            default -> Math.sqrt(Math.max(0, acc / problems));
        };
    }

    /** Upper bin edges, increasing, last = 1 (or the maximum if larger, which cannot happen after validation). */
    double[] edges(double[] s, int n) {
        if (binning == Binning.WIDTH) {
            double[] e = new double[bins];
            for (int j = 1; j <= bins; j++) {
                e[j - 1] = j / (double) bins;
            }
            return e;
        }
        double[] sorted = Arrays.copyOf(s, n);
        Arrays.sort(sorted);
        double[] e = new double[(binning == Binning.DISTINCT ? n : Math.min(bins, n)) + 1];
        int m = 0;
        if (binning == Binning.DISTINCT) {
            for (int i = 1; i < n; i++) {
                if (sorted[i] != sorted[i - 1]) {
                    e[m++] = (sorted[i - 1] + sorted[i]) / 2;
                }
            }
        } else {
            int parts = Math.min(bins, n);
            int size = (n + parts - 1) / parts;
            for (int end = size; end < n; end += size) {
                double mid = (sorted[end - 1] + sorted[end]) / 2;
                if (m == 0 || mid != e[m - 1]) {
                    e[m++] = mid;
                }
            }
        }
        if (m == 0 || e[m - 1] != 1.0) {
            e[m++] = 1.0;
        }
        return Arrays.copyOf(e, m);
    }
}
