package dev.entropic.divergences;

/** How a divergence value was obtained. */
public enum DivergenceMethod {
    /** Exact finite sum over a discrete support. */
    EXACT("exact"),
    /** A closed-form expression in the parameters of the two laws. */
    CLOSED_FORM("closed-form"),
    /** Adaptive numerical quadrature of the integrand over the supports. */
    QUADRATURE("quadrature"),
    /** Monte Carlo (importance sampling), with a standard error. */
    MONTE_CARLO("monte-carlo");

    private final String label;

    DivergenceMethod(String label) {
        this.label = label;
    }

    /** The name used in JSON, e.g. {@code "closed-form"}. */
    public String label() {
        return label;
    }
}
