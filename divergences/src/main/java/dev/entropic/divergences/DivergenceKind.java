package dev.entropic.divergences;

import dev.entropic.core.Checks;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The divergences of the f-family that entropic computes, with their command-line names. Natural
 * logarithms everywhere; {@code p} is the first argument, {@code q} the reference.
 *
 * <table>
 *   <caption>Kinds and conventions</caption>
 *   <tr><th>name</th><th>D(p‖q)</th><th>generator f(r), D = Σ q f(p/q)</th></tr>
 *   <tr><td>kl</td><td>Σ p ln(p/q)</td><td>r ln r</td></tr>
 *   <tr><td>reverse-kl</td><td>Σ q ln(q/p)</td><td>−ln r</td></tr>
 *   <tr><td>js</td><td>½KL(p‖m) + ½KL(q‖m), m = (p+q)/2</td><td>½[r ln r − (1+r) ln((1+r)/2)]</td></tr>
 *   <tr><td>squared-hellinger</td><td>1 − Σ √(pq) = ½Σ(√p − √q)²</td><td>½(√r − 1)²</td></tr>
 *   <tr><td>hellinger</td><td>√(squared-hellinger)</td><td>(transform of squared-hellinger)</td></tr>
 *   <tr><td>tv</td><td>½ Σ |p − q|</td><td>½|r − 1|</td></tr>
 *   <tr><td>chi2</td><td>Σ (p − q)²/q (Pearson)</td><td>(r − 1)²</td></tr>
 *   <tr><td>neyman-chi2</td><td>Σ (p − q)²/p</td><td>(r − 1)²/r</td></tr>
 *   <tr><td>jeffreys</td><td>KL(p‖q) + KL(q‖p)</td><td>(r − 1) ln r</td></tr>
 *   <tr><td>triangular</td><td>Σ (p − q)²/(p + q)</td><td>(r − 1)²/(r + 1)</td></tr>
 *   <tr><td>alpha</td><td>(Σ p^α q^(1−α) − 1)/(α(α−1))</td><td>(r^α − αr − (1−α))/(α(α−1))</td></tr>
 *   <tr><td>renyi</td><td>ln(Σ p^α q^(1−α))/(α−1)</td><td>(transform of alpha)</td></tr>
 * </table>
 */
public enum DivergenceKind {
    /** Kullback–Leibler divergence KL(p‖q). */
    KL("kl", false, false),
    /** Reverse Kullback–Leibler divergence KL(q‖p). */
    REVERSE_KL("reverse-kl", false, false),
    /** Jensen–Shannon divergence. */
    JS("js", false, true),
    /** Squared Hellinger distance. */
    SQUARED_HELLINGER("squared-hellinger", false, true),
    /** Hellinger distance (a metric). */
    HELLINGER("hellinger", false, true),
    /** Total variation distance (a metric). */
    TV("tv", false, true),
    /** Pearson χ² divergence. */
    CHI2("chi2", false, false),
    /** Neyman χ² divergence. */
    NEYMAN_CHI2("neyman-chi2", false, false),
    /** Jeffreys (symmetrised KL) divergence. */
    JEFFREYS("jeffreys", false, true),
    /** Triangular discrimination (Vincze–Le Cam). */
    TRIANGULAR("triangular", false, true),
    /** Amari α-divergence. */
    ALPHA("alpha", true, false),
    /** Rényi divergence of order α. */
    RENYI("renyi", true, false);

    private final String cliName;
    private final boolean needsAlpha;
    private final boolean symmetric;

    DivergenceKind(String cliName, boolean needsAlpha, boolean symmetric) {
        this.cliName = cliName;
        this.needsAlpha = needsAlpha;
        this.symmetric = symmetric;
    }

    /** The name used on the command line and in JSON, e.g. {@code "reverse-kl"}. */
    public String cliName() {
        return cliName;
    }

    /** Whether the kind takes an order α. */
    public boolean needsAlpha() {
        return needsAlpha;
    }

    /** Whether D(p‖q) = D(q‖p) for every p, q. */
    public boolean isSymmetric() {
        return symmetric;
    }

    /** The kind with command-line name {@code name}; an unknown name lists the known ones. */
    public static DivergenceKind fromName(String name) {
        Checks.requireNonNull("kind", name);
        for (DivergenceKind k : values()) {
            if (k.cliName.equals(name)) {
                return k;
            }
        }
        throw Checks.fail("kind '%s' is unknown; known kinds: %s", name,
                Arrays.stream(values()).map(DivergenceKind::cliName).collect(Collectors.joining(", ")));
    }
}
