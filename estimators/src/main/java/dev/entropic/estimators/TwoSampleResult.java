package dev.entropic.estimators;

/**
 * Outcome of a permutation two-sample test.
 *
 * @param statistic the statistic on the observed split
 * @param pValue {@code (1 + #{b : T_b ≥ T_obs}) / (1 + B)} over B seeded permutations (1 when B = 0)
 * @param permutations B
 * @param bandwidth the Gaussian kernel bandwidth σ used (MMD), NaN for tests without a kernel
 */
public record TwoSampleResult(double statistic, double pValue, int permutations, double bandwidth) {
}
