package dev.entropic.divergences;

/**
 * The immutable result of {@link PopulationStabilityIndex}: per-bin shares, log-ratios and
 * contributions, PSI, its standard errors and the χ² drift test. See
 * {@link PopulationStabilityIndex} and {@link InformationValue} for the formulas. Array accessors
 * return copies.
 */
public final class PopulationStabilityResult {
    private final BinnedJeffreys j;
    private final double pseudoCount;

    PopulationStabilityResult(BinnedJeffreys j, double pseudoCount) {
        this.j = j;
        this.pseudoCount = pseudoCount;
    }

    /** The number of bins {@code k}. */
    public int bins() {
        return j.first.length;
    }

    /** {@code N_E}, the baseline sample size ({@code +∞} for a known baseline). */
    public double expectedTotal() {
        return j.n2;
    }

    /** {@code N_A}, the current sample size. */
    public double actualTotal() {
        return j.n1;
    }

    /** The pseudo-count {@code c} added to every bin of each finite sample. */
    public double pseudoCount() {
        return pseudoCount;
    }

    /** {@code e_i}, the baseline shares (smoothed). */
    public double[] expectedShares() {
        return j.second.clone();
    }

    /** {@code a_i}, the current shares (smoothed). */
    public double[] actualShares() {
        return j.first.clone();
    }

    /** {@code ln(a_i/e_i)}: ±∞ for a bin empty in one sample, 0 for a bin empty in both. */
    public double[] logRatios() {
        return j.logRatios.clone();
    }

    /** {@code (a_i − e_i) ln(a_i/e_i) ≥ 0}, the bins' contributions to PSI. */
    public double[] contributions() {
        return j.contributions.clone();
    }

    /** {@code PSI = Σ (a_i − e_i) ln(a_i/e_i)}; may be +∞. */
    public double psi() {
        return j.total;
    }

    /** The conventional reading of {@link #psi()} (rules of thumb 0.1 / 0.25). */
    public PopulationStabilityIndex.StabilityLevel level() {
        return PopulationStabilityIndex.StabilityLevel.of(j.total);
    }

    /** The delta-method standard error, both samples random (the baseline too, unless known). */
    public double standardError() {
        return Math.sqrt(j.varianceFirst + j.varianceSecond);
    }

    /** The delta-method standard error with the baseline shares known: only the current sample is random. */
    public double standardErrorKnownBaseline() {
        return Math.sqrt(j.varianceFirst);
    }

    /** The fixed-weight approximation (log-ratios held fixed, both samples random); understates the error. */
    public double standardErrorFixedWeights() {
        return Math.sqrt(j.fixedVarianceFirst + j.fixedVarianceSecond);
    }

    /** {@code n_eff = N_E N_A/(N_E + N_A)} ({@code N_A} for a known baseline). */
    public double effectiveSampleSize() {
        return j.effectiveSize;
    }

    /** The drift statistic {@code n_eff · PSI}, asymptotically χ²(k' − 1) without drift. */
    public double chiSquared() {
        return j.chiSquared;
    }

    /** {@code k' − 1}, with {@code k'} the number of bins non-empty in at least one sample. */
    public int degreesOfFreedom() {
        return j.degreesOfFreedom;
    }

    /** {@code P(χ²_{k'−1} ≥ n_eff · PSI)}: small values say the shift is more than sampling noise. */
    public double pValue() {
        return j.pValue;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "PopulationStabilityResult[psi=%s, se=%s, seKnownBaseline=%s, seFixedWeights=%s, chi2=%s, df=%d, p=%s, bins=%d]",
                psi(), standardError(), standardErrorKnownBaseline(), standardErrorFixedWeights(), chiSquared(),
                degreesOfFreedom(), pValue(), bins());
    }
}
