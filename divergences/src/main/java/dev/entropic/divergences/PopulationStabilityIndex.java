package dev.entropic.divergences;

import dev.entropic.core.Checks;

/**
 * The population stability index (PSI) between an expected (baseline) and an actual (current)
 * binned distribution, with delta-method standard errors and the χ² drift test, so that drift can be
 * told from sampling noise.
 *
 * <p>Usage: {@code PopulationStabilityIndex.withDefaults().compute(expectedCounts, actualCounts)}, or
 * from raw scores with {@link #compute(double[], double[], Binning)} and a {@link Binning} fitted on
 * the baseline.
 *
 * <h2>Definition</h2>
 * With baseline shares {@code e_i} and current shares {@code a_i} over {@code k ≥ 2} bins
 * (from counts: \( e_i = (E_i + c)/(N_E + k c) \), \( a_i = (A_i + c)/(N_A + k c) \), pseudo-count
 * {@code c ≥ 0}, default 0), natural log:
 * \[ \mathrm{PSI} = \sum_i (a_i − e_i) \ln(a_i/e_i) = \mathrm{KL}(a\|e) + \mathrm{KL}(e\|a), \]
 * the Jeffreys divergence between the two — the same mathematics as the information value (see
 * {@link InformationValue}, with actual in the role of goods and expected in the role of bads):
 * per-bin log-ratios \( \ln(a_i/e_i) \) (positive where the population grew), contributions
 * \( (a_i − e_i)\ln(a_i/e_i) \ge 0 \), zero-count conventions (a bin empty in one sample gives
 * {@code +∞}, never NaN; use a pseudo-count or merge bins), symmetric in its two arguments.
 *
 * <h2>Standard errors</h2>
 * <ul>
 * <li>{@link PopulationStabilityResult#standardError()}: both samples random (multinomial shares with
 * covariances \( (\mathrm{diag}(s) − s s^\top)/N \)),
 * \( \mathrm{Var} ≈ \mathrm{Var}_a(\nabla_a)/N_A + \mathrm{Var}_e(\nabla_e)/N_E \) with
 * \( \nabla_{a,i} = \ln(a_i/e_i) + 1 − e_i/a_i \), \( \nabla_{e,i} = −\ln(a_i/e_i) + 1 − a_i/e_i \).</li>
 * <li>{@link PopulationStabilityResult#standardErrorKnownBaseline()}: the baseline shares are known
 * (fixed) and only the current sample is random: the first term alone.</li>
 * <li>{@link PopulationStabilityResult#standardErrorFixedWeights()}: the log-ratios held fixed, both
 * samples random; understates the error (about twofold near no drift).</li>
 * </ul>
 * All are 0 when {@code a = e} exactly: the delta method degenerates at no drift, where PSI is a
 * quadratic form of the noise; use the χ² test there.
 *
 * <h2>Drift test</h2>
 * Without drift, \( n_{\mathrm{eff}} \mathrm{PSI} \to \chi^2_{k'−1} \) with
 * \( n_{\mathrm{eff}} = N_E N_A/(N_E + N_A) \) (both samples random) — \( n_{\mathrm{eff}} = N_A \)
 * when the baseline is a known distribution, see
 * {@link #computeFromShares(double[], double, double[], double)} —
 * and \( k' \) the bins non-empty in at least one sample.
 *
 * <h2>Rules of thumb</h2>
 * The industry reads PSI &lt; 0.1 as stable, 0.1–0.25 as a moderate shift and ≥ 0.25 as a
 * significant shift ({@link StabilityLevel}). These thresholds are conventions, not tests: they
 * ignore the sample sizes and the number of bins (PSI grows with both noise and {@code k}); report
 * them next to the p-value, never instead of it.
 *
 * <p>References: "An Information-Theoretic Framework for Credit Risk Modeling"; B. Yurdakul,
 * "Statistical Properties of Population Stability Index" (PhD thesis, Western Michigan University,
 * 2018) for the χ² limit; N. Siddiqi, <i>Credit Risk Scorecards</i> (2006) for the thresholds.
 */
public final class PopulationStabilityIndex {
    private static final PopulationStabilityIndex DEFAULTS = new PopulationStabilityIndex(0);

    private final double pseudoCount;

    private PopulationStabilityIndex(double pseudoCount) {
        this.pseudoCount = pseudoCount;
    }

    /** No smoothing (pseudo-count 0). */
    public static PopulationStabilityIndex withDefaults() {
        return DEFAULTS;
    }

    /** The same calculation with the pseudo-count {@code c ≥ 0} added to every bin of each sample. */
    public PopulationStabilityIndex withPseudoCount(double c) {
        return new PopulationStabilityIndex(BinnedJeffreys.requirePseudoCount(c));
    }

    /** The pseudo-count added to every bin. */
    public double pseudoCount() {
        return pseudoCount;
    }

    /**
     * PSI from per-bin counts of the baseline and of the current sample (non-negative integers, same
     * length ≥ 2, positive totals); both samples are treated as random.
     */
    public PopulationStabilityResult compute(double[] expectedCounts, double[] actualCounts) {
        BinnedJeffreys.requireBins("expected", expectedCounts, "actual", actualCounts);
        double[] nE = new double[1];
        double[] nA = new double[1];
        double[] e = BinnedJeffreys.sharesFromCounts("expected", expectedCounts, nE);
        double[] a = BinnedJeffreys.sharesFromCounts("actual", actualCounts, nA);
        return new PopulationStabilityResult(new BinnedJeffreys(a, nA[0], e, nE[0], pseudoCount), pseudoCount);
    }

    /** As {@link #compute(double[], double[])} for {@code long} counts. */
    public PopulationStabilityResult compute(long[] expectedCounts, long[] actualCounts) {
        return compute(BinnedJeffreys.countsAsDoubles("expected", expectedCounts),
                BinnedJeffreys.countsAsDoubles("actual", actualCounts));
    }

    /**
     * PSI from shares and sample sizes: {@code expectedShares} and {@code actualShares} are
     * probability vectors (non-negative, summing to 1 within 1e-9), {@code actualSize} the number of
     * current observations (positive, finite), {@code expectedSize} the number of baseline
     * observations, or {@code +∞} when the baseline shares are a known distribution rather than a
     * sample (then the standard error is the known-baseline one and {@code n_eff = N_A}). The
     * pseudo-count is applied to the counts {@code N · share} of each finite sample.
     */
    public PopulationStabilityResult computeFromShares(double[] expectedShares, double expectedSize,
            double[] actualShares, double actualSize) {
        BinnedJeffreys.requireBins("expectedShares", expectedShares, "actualShares", actualShares);
        double[] e = normalised("expectedShares", expectedShares);
        double[] a = normalised("actualShares", actualShares);
        if (!(expectedSize > 0)) {
            throw Checks.fail("expectedSize must be positive (or +Infinity for a known baseline): %s", expectedSize);
        }
        Checks.requirePositiveFinite("actualSize", actualSize);
        return new PopulationStabilityResult(new BinnedJeffreys(a, actualSize, e, expectedSize, pseudoCount),
                pseudoCount);
    }

    /**
     * PSI from raw scores: both samples are binned with {@code binning} (typically fitted on the
     * baseline: {@link Binning#quantiles(double[], int)} or {@link Binning#equalWidth(double[], int)})
     * and compared as counts.
     */
    public PopulationStabilityResult compute(double[] expectedScores, double[] actualScores, Binning binning) {
        Checks.requireNonNull("binning", binning);
        return compute(binning.counts("expectedScores", expectedScores), binning.counts("actualScores", actualScores));
    }

    private static double[] normalised(String name, double[] shares) {
        double total = Checks.requireProbabilities(name, shares);
        double[] out = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            out[i] = shares[i] / total;
        }
        return out;
    }

    /** The conventional reading of a PSI value (rules of thumb, not a test). */
    public enum StabilityLevel {
        /** PSI &lt; 0.1: no material change. */
        STABLE,
        /** 0.1 ≤ PSI &lt; 0.25: a moderate shift, worth investigating. */
        MODERATE_SHIFT,
        /** PSI ≥ 0.25 (or +∞): a significant shift. */
        SIGNIFICANT_SHIFT;

        /** The lower bound of {@link #MODERATE_SHIFT}. */
        public static final double MODERATE_THRESHOLD = 0.1;
        /** The lower bound of {@link #SIGNIFICANT_SHIFT}. */
        public static final double SIGNIFICANT_THRESHOLD = 0.25;

        /** The level of a PSI value (non-negative, possibly +∞; NaN or negative is rejected). */
        public static StabilityLevel of(double psi) {
            if (!(psi >= 0)) {
                throw Checks.fail("psi must be non-negative: %s", psi);
            }
            if (psi < MODERATE_THRESHOLD) {
                return STABLE;
            }
            return psi < SIGNIFICANT_THRESHOLD ? MODERATE_SHIFT : SIGNIFICANT_SHIFT;
        }
    }

    @Override
    public String toString() {
        return "PopulationStabilityIndex[pseudoCount=" + pseudoCount + "]";
    }
}
