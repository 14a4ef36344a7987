package dev.entropic.divergences;

/**
 * The immutable result of {@link InformationValue#compute}: per-bin shares, weights of evidence and
 * IV contributions, the information value, its standard errors and the J-divergence test. See
 * {@link InformationValue} for every formula. Array accessors return copies.
 */
public final class InformationValueResult {
    private final BinnedJeffreys j;
    private final double pseudoCount;

    InformationValueResult(BinnedJeffreys j, double pseudoCount) {
        this.j = j;
        this.pseudoCount = pseudoCount;
    }

    /** The number of bins {@code k}. */
    public int bins() {
        return j.first.length;
    }

    /** {@code N_G}, the total count of goods (before smoothing). */
    public double goodTotal() {
        return j.n1;
    }

    /** {@code N_B}, the total count of bads (before smoothing). */
    public double badTotal() {
        return j.n2;
    }

    /** The pseudo-count {@code c} added to every bin. */
    public double pseudoCount() {
        return pseudoCount;
    }

    /** {@code g_i = (G_i + c)/(N_G + k c)}, the goods' bin shares. */
    public double[] goodShares() {
        return j.first.clone();
    }

    /** {@code b_i = (B_i + c)/(N_B + k c)}, the bads' bin shares. */
    public double[] badShares() {
        return j.second.clone();
    }

    /** {@code WoE_i = ln(g_i/b_i)}; ±∞ for a bin empty in one sample, 0 for a bin empty in both. */
    public double[] weightsOfEvidence() {
        return j.logRatios.clone();
    }

    /** {@code (g_i − b_i) WoE_i ≥ 0}, the bins' contributions to IV. */
    public double[] contributions() {
        return j.contributions.clone();
    }

    /** {@code IV = Σ (g_i − b_i) ln(g_i/b_i)}, the Jeffreys divergence between bads and goods; may be +∞. */
    public double informationValue() {
        return j.total;
    }

    /**
     * The delta-method standard error of IV with both samples' shares random; 0 at the null
     * {@code g = b} (use {@link #pValue()} there); +∞ when IV is.
     */
    public double standardError() {
        return Math.sqrt(j.varianceFirst + j.varianceSecond);
    }

    /** The fixed-weight approximation (WoE held fixed), which understates the error; for comparison. */
    public double standardErrorFixedWeights() {
        return Math.sqrt(j.fixedVarianceFirst + j.fixedVarianceSecond);
    }

    /** {@code n_eff = N_B N_G/(N_B + N_G)}. */
    public double effectiveSampleSize() {
        return j.effectiveSize;
    }

    /** The J-divergence statistic {@code n_eff · IV}, asymptotically χ²(k' − 1) when goods and bads share their distribution. */
    public double chiSquared() {
        return j.chiSquared;
    }

    /** {@code k' − 1}, with {@code k'} the number of bins non-empty in at least one sample. */
    public int degreesOfFreedom() {
        return j.degreesOfFreedom;
    }

    /** {@code P(χ²_{k'−1} ≥ n_eff · IV)}: small values say the characteristic separates goods from bads. */
    public double pValue() {
        return j.pValue;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "InformationValueResult[iv=%s, se=%s, seFixedWeights=%s, chi2=%s, df=%d, p=%s, bins=%d]",
                informationValue(), standardError(), standardErrorFixedWeights(), chiSquared(),
                degreesOfFreedom(), pValue(), bins());
    }
}
