package dev.entropic.core;

/**
 * The root of entropic's distribution model. Every probability measure that the library takes as
 * input, whether a histogram, a parametric density, a mixture or a weighted point cloud, is a
 * {@code Distribution}.
 *
 * <ul>
 *   <li>{@link DiscreteDistribution}: a probability vector over a finite support {0, …, k−1};</li>
 *   <li>{@link UnivariateDistribution}: an absolutely continuous law on the real line;</li>
 *   <li>{@link MultivariateDistribution}: an absolutely continuous law on R^d
 *       ({@link MultivariateNormal}, {@link MultivariateMixture});</li>
 *   <li>{@link EmpiricalDistribution}: a weighted point cloud in R^d.</li>
 * </ul>
 *
 * Implementations are immutable and thread-safe; randomness is always passed in.
 */
public interface Distribution {
    /** The dimension of the space the distribution lives on (1 for discrete and univariate laws). */
    int dimension();
}
