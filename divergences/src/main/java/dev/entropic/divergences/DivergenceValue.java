package dev.entropic.divergences;

/**
 * A computed divergence: its value, the method that produced it and, for Monte Carlo, the standard
 * error of the estimate (0 for exact and closed-form values; the quadrature's error estimate for
 * quadrature).
 *
 * @param divergence    the divergence that was computed
 * @param value         the value (may be +∞ where the mathematics says so; never NaN)
 * @param method        how it was computed
 * @param standardError the standard error (Monte Carlo) or absolute error estimate (quadrature)
 * @param evaluations   density evaluations or samples used (0 for exact/closed form)
 */
public record DivergenceValue(Divergence divergence, double value, DivergenceMethod method,
                              double standardError, long evaluations) {
    /** An exact or closed-form value. */
    public static DivergenceValue exact(Divergence divergence, double value, DivergenceMethod method) {
        return new DivergenceValue(divergence, value, method, 0, 0);
    }
}
