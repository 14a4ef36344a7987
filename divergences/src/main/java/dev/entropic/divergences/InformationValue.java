package dev.entropic.divergences;

/**
 * Weight of evidence (WoE) and information value (IV) of a binned characteristic, with the
 * delta-method standard error of IV and the J-divergence χ² test of "no information".
 *
 * <p>Usage: {@code InformationValue.withDefaults().withPseudoCount(0.5).compute(goods, bads)}, where
 * {@code goods[i]} and {@code bads[i]} are the numbers of good and bad accounts in bin {@code i}.
 *
 * <h2>Definitions</h2>
 * With counts {@code G_i}, {@code B_i} over {@code k ≥ 2} bins, totals
 * {@code N_G = Σ G_i > 0}, {@code N_B = Σ B_i > 0}, and a pseudo-count {@code c ≥ 0} (default 0)
 * added to every bin of both samples, the bin shares are
 * \( g_i = (G_i + c)/(N_G + k c) \) and \( b_i = (B_i + c)/(N_B + k c) \). Then (natural log)
 * <ul>
 * <li>\( \mathrm{WoE}_i = \ln(g_i / b_i) \) — the usual credit-scoring sign convention: positive
 *     where goods are over-represented, so a bin of low risk has a positive WoE. (Some texts use
 *     \( \ln(b_i/g_i) \), which flips every sign and leaves IV unchanged.)</li>
 * <li>\( \mathrm{IV}_i = (g_i − b_i)\,\mathrm{WoE}_i \ge 0 \), the bin's contribution, and
 *     \( \mathrm{IV} = \sum_i (g_i − b_i) \ln(g_i/b_i) = \mathrm{KL}(g\|b) + \mathrm{KL}(b\|g) \),
 *     which is the Jeffreys divergence between the bad and the good distributions over the bins
 *     (symmetric: {@code Divergence.of(DivergenceKind.JEFFREYS).between(b, g)}). Each contribution is
 *     computed as \( [g\ln(g/b) − g + b] + [b\ln(b/g) − b + g] \), without cancellation when
 *     \( g_i ≈ b_i \).</li>
 * </ul>
 *
 * <h2>Zero counts</h2>
 * Without smoothing ({@code c = 0}) a bin holding goods but no bads has WoE {@code +∞}, one holding
 * bads but no goods has WoE {@code −∞}; either makes its contribution and IV {@code +∞} (never NaN),
 * and then both standard errors and the χ² statistic are {@code +∞} and the p-value 0. That is the
 * asymptotic answer taken literally: in small samples an empty cell happens with positive probability
 * even when nothing differs, so merge sparse bins or use a pseudo-count (0.5 is common) before
 * reading the test. A bin empty in both samples has WoE 0 and contribution 0 by convention, and is
 * not counted in the degrees of freedom.
 *
 * <h2>Standard errors (delta method)</h2>
 * The observed shares are random: \( \hat g \) is a multinomial proportion with covariance
 * \( \Sigma_G = (\mathrm{diag}(g) − g g^\top)/N_G \), \( \hat b \) independently with
 * \( \Sigma_B = (\mathrm{diag}(b) − b b^\top)/N_B \). The gradient of IV is
 * \[ \frac{\partial \mathrm{IV}}{\partial g_i} = \ln\frac{g_i}{b_i} + 1 − \frac{b_i}{g_i}, \qquad
 *    \frac{\partial \mathrm{IV}}{\partial b_i} = −\ln\frac{g_i}{b_i} + 1 − \frac{g_i}{b_i}, \]
 * and the delta-method variance is
 * \[ \mathrm{Var}(\mathrm{IV}) ≈ \nabla_g^\top \Sigma_G \nabla_g + \nabla_b^\top \Sigma_B \nabla_b
 *    = \frac{\mathrm{Var}_g(\nabla_g)}{N_G} + \frac{\mathrm{Var}_b(\nabla_b)}{N_B}, \]
 * where \( \mathrm{Var}_s(x) = \sum_i s_i (x_i − \bar x)^2 \), \( \bar x = \sum_i s_i x_i \) is the
 * variance of the per-bin values {@code x} under the shares {@code s} (computed in this centred,
 * two-pass form). With a pseudo-count each term is multiplied by the squared Jacobian
 * \( (N/(N + k c))^2 \) of the smoothing map, and the shares plugged in are the smoothed ones.
 * {@link InformationValueResult#standardError()} is the square root.
 *
 * <p>The <em>fixed-weight</em> approximation treats the WoE as known constants
 * \( w_i \), so IV is linear in the shares: \( \mathrm{Var} ≈ \mathrm{Var}_g(w)/N_G + \mathrm{Var}_b(w)/N_B \)
 * ({@link InformationValueResult#standardErrorFixedWeights()}). It ignores that the WoE themselves
 * are estimated and understates the error — near the null by about a factor 2, because the full
 * gradient is then \( ≈ 2 w_i \). It is reported for comparison only.
 *
 * <p><b>At the null the delta method degenerates.</b> When \( g = b \) the gradient vanishes and the
 * delta-method SE is 0 (and it is unreliable while IV is of the order of its own noise,
 * \( \mathrm{IV} \lesssim (k−1)/n_{\mathrm{eff}} \)): IV is then a quadratic form of the noise, not
 * asymptotically normal. To decide whether a characteristic carries information at all, use the
 * χ² test below, not an interval from the SE.
 *
 * <h2>The J-divergence test</h2>
 * Under \( H_0: g = b \) (the characteristic does not separate goods from bads),
 * \( n_{\mathrm{eff}}\, \mathrm{IV} \to \chi^2_{k−1} \) in distribution, with
 * \( n_{\mathrm{eff}} = N_B N_G/(N_B + N_G) \): to second order \( \mathrm{IV} ≈ \sum_i (g_i − b_i)^2/b_i \)
 * and \( \hat g − \hat b \) has covariance \( (1/N_G + 1/N_B)(\mathrm{diag}(b) − b b^\top) \), so this is
 * Pearson's two-sample χ² statistic. {@link InformationValueResult#pValue()} is the upper tail
 * probability of \( \chi^2_{k'−1} \) (Commons Statistics {@code ChiSquaredDistribution}), where
 * \( k' \) counts the bins non-empty in at least one sample; the p-value is 1 when
 * \( k' = 1 \). Like Pearson's test it needs the expected counts of every bin to be moderately
 * large (≥ 5 is the usual rule).
 *
 * <p>References: "An Information-Theoretic Framework for Credit Risk Modeling" (the seed paper of
 * this feature: IV as the Jeffreys divergence and the J-divergence test); S. Kullback,
 * <i>Information Theory and Statistics</i> (1959), ch. 5 (the J-divergence and its χ² limit);
 * N. Siddiqi, <i>Credit Risk Scorecards</i> (2006) (WoE and IV in practice).
 */
public final class InformationValue {
    private static final InformationValue DEFAULTS = new InformationValue(0);

    private final double pseudoCount;

    private InformationValue(double pseudoCount) {
        this.pseudoCount = pseudoCount;
    }

    /** No smoothing (pseudo-count 0). */
    public static InformationValue withDefaults() {
        return DEFAULTS;
    }

    /**
     * The same calculation with the pseudo-count {@code c ≥ 0} added to every bin of both samples
     * (Laplace smoothing; 0.5 is a common choice). Finite, non-negative.
     */
    public InformationValue withPseudoCount(double c) {
        return new InformationValue(BinnedJeffreys.requirePseudoCount(c));
    }

    /** The pseudo-count added to every bin. */
    public double pseudoCount() {
        return pseudoCount;
    }

    /**
     * WoE, IV, standard errors and the J-divergence test from per-bin counts of goods and bads.
     *
     * @param goods per-bin counts of goods: non-negative integer values, at least 2 bins, total &gt; 0
     * @param bads  per-bin counts of bads: same rules and the same length as {@code goods}
     * @throws IllegalArgumentException naming the argument and the rule broken
     */
    public InformationValueResult compute(double[] goods, double[] bads) {
        BinnedJeffreys.requireBins("goods", goods, "bads", bads);
        double[] nGood = new double[1];
        double[] nBad = new double[1];
        double[] g = BinnedJeffreys.sharesFromCounts("goods", goods, nGood);
        double[] b = BinnedJeffreys.sharesFromCounts("bads", bads, nBad);
        return new InformationValueResult(new BinnedJeffreys(g, nGood[0], b, nBad[0], pseudoCount), pseudoCount);
    }

    /** As {@link #compute(double[], double[])} for {@code long} counts. */
    public InformationValueResult compute(long[] goods, long[] bads) {
        return compute(BinnedJeffreys.countsAsDoubles("goods", goods), BinnedJeffreys.countsAsDoubles("bads", bads));
    }

    @Override
    public String toString() {
        return "InformationValue[pseudoCount=" + pseudoCount + "]";
    }
}
