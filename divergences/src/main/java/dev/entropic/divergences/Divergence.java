package dev.entropic.divergences;

import dev.entropic.core.Checks;
import dev.entropic.core.DiscreteDistribution;
import dev.entropic.core.Numerics;

/**
 * A divergence of the f-family, as data and code: its generator {@code f}, the convex conjugate
 * {@code f*}, the f-distill gradient weight {@code h(r) = r² f''(r)}, the pointwise integrand
 * {@code q f(p/q)} with its boundary conventions, and exact evaluation between discrete laws.
 *
 * <p><b>Convention.</b> {@code D_f(p‖q) = Σ_x q(x) f(p(x)/q(x))} (an integral for densities), with
 * {@code p} the first argument and {@code q} the reference, natural logarithms, {@code 0·ln 0 = 0},
 * {@code 0·f(0/0) = 0}, and {@code q f(p/q)} at {@code q = 0 < p} equal to its limit
 * {@code p · lim_{r→∞} f(r)/r}, which is {@code +∞} for kl, chi2, jeffreys and α &gt; 1. Two kinds are
 * monotone transforms of an f-divergence rather than f-divergences: {@code hellinger = √(squared
 * hellinger)} and {@code renyi_α = ln(1 + α(α−1)·alpha_α)/(α−1)}; for them {@link #generator},
 * {@link #conjugate} and {@link #gradientWeight} describe the underlying f-divergence.
 *
 * <p><b>Accuracy.</b> Each summand is evaluated in a form that is non-negative and free of
 * cancellation when {@code p ≈ q}: kl uses {@code p ln(p/q) − p + q = q φ((p−q)/q)} with
 * {@code φ(x) = (1+x)ln(1+x) − x} evaluated by its series for small {@code |x|}; squared Hellinger
 * uses {@code ½(√p−√q)²} rather than {@code 1 − Σ√(pq)}; α uses the series
 * {@code f(e^u) = Σ_{k≥2} (1+α+…+α^{k−2}) u^k/k!} in {@code u = ln(p/q)}. Sums are compensated. So
 * {@code D(p‖p) = 0} exactly and {@code D(p‖p+δ) ∝ δ²} keeps full relative accuracy.
 *
 * <p><b>Gradient weight.</b> In f-distill ("One-step Diffusion Models with f-Divergence Distribution
 * Matching", Xu et al. 2025) the gradient of {@code D_f(p_data‖q_θ)} multiplies the score difference
 * by {@code h(r) = r² f''(r)} with {@code r = p/q}; reverse KL gives {@code h ≡ 1}, KL gives
 * {@code h(r) = r}.
 *
 * <p>References: I. Csiszár, "Information-type measures of difference of probability distributions"
 * (1967); S. Nowozin et al., "f-GAN" (NeurIPS 2016) for the conjugates; T. van Erven and
 * P. Harremoës, "Rényi divergence and Kullback–Leibler divergence" (IEEE T-IT 2014).
 */
public final class Divergence {
    private final DivergenceKind kind;
    private final double alpha;

    private Divergence(DivergenceKind kind, double alpha) {
        this.kind = kind;
        this.alpha = alpha;
    }

    /** The divergence of a kind that takes no order (every kind but alpha and renyi). */
    public static Divergence of(DivergenceKind kind) {
        Checks.requireNonNull("kind", kind);
        if (kind.needsAlpha()) {
            throw Checks.fail("kind %s needs an order alpha", kind.cliName());
        }
        return new Divergence(kind, Double.NaN);
    }

    /**
     * The divergence of {@code kind} with order {@code alpha}: any finite α for alpha (α = 1 and
     * α = 0 are the limits, the generalised KL and reverse KL), α ≥ 0 for renyi (α = 1 is KL,
     * α = 0 is {@code −ln q(p > 0)}). For kinds without an order, {@code alpha} must be NaN or is
     * rejected.
     */
    public static Divergence of(DivergenceKind kind, double alpha) {
        Checks.requireNonNull("kind", kind);
        if (!kind.needsAlpha()) {
            if (!Double.isNaN(alpha)) {
                throw Checks.fail("kind %s takes no alpha (got %s)", kind.cliName(), alpha);
            }
            return new Divergence(kind, Double.NaN);
        }
        Checks.requireFinite("alpha", alpha);
        if (kind == DivergenceKind.RENYI && alpha < 0) {
            throw Checks.fail("alpha must be non-negative for renyi: %s", alpha);
        }
        return new Divergence(kind, alpha);
    }

    /** The divergence named {@code name} (see {@link DivergenceKind#fromName}), with α where needed. */
    public static Divergence of(String name, double alpha) {
        DivergenceKind k = DivergenceKind.fromName(name);
        return k.needsAlpha() ? of(k, alpha) : of(k);
    }

    /** KL(p‖q). */
    public static Divergence kl() {
        return of(DivergenceKind.KL);
    }

    /** The α-divergence of order α. */
    public static Divergence alpha(double alpha) {
        return of(DivergenceKind.ALPHA, alpha);
    }

    /** The Rényi divergence of order α ≥ 0. */
    public static Divergence renyi(double alpha) {
        return of(DivergenceKind.RENYI, alpha);
    }

    /** The kind. */
    public DivergenceKind kind() {
        return kind;
    }

    /** The order α (NaN for kinds without one). */
    public double alpha() {
        return alpha;
    }

    /** Whether this is an f-divergence proper (false for hellinger and renyi, transforms of one). */
    public boolean isFDivergence() {
        return kind != DivergenceKind.HELLINGER && kind != DivergenceKind.RENYI;
    }

    // ---------------------------------------------------------------- generator, conjugate, weight

    /** The generator {@code f(r)} for {@code r ≥ 0} (convex, {@code f(1) = 0}). */
    public double generator(double r) {
        if (!(r >= 0)) {
            throw Checks.fail("r must be non-negative: %s", r);
        }
        switch (kind) {
            case KL:
                return Numerics.xlogx(r);
            case REVERSE_KL:
                return -Math.log(r);
            case JS:
                return 0.5 * (Numerics.xlogx(r) - (1 + r) * Math.log((1 + r) / 2));
            case SQUARED_HELLINGER:
            case HELLINGER: {
                double s = Math.sqrt(r) - 1;
                return 0.5 * s * s;
            }
            case TV:
                return 0.5 * Math.abs(r - 1);
            case CHI2:
                return (r - 1) * (r - 1);
            case NEYMAN_CHI2:
                return (r - 1) * (r - 1) / r;
            case JEFFREYS:
                return r == 0 ? Double.POSITIVE_INFINITY : (r - 1) * Math.log(r);
            case TRIANGULAR:
                return (r - 1) * (r - 1) / (r + 1);
            case ALPHA:
            case RENYI:
                return alphaGenerator(r);
            default:
                throw new AssertionError(kind);
        }
    }

    private double alphaGenerator(double r) {
        if (alpha == 1) {
            return Numerics.xlogx(r) - r + 1;
        }
        if (alpha == 0) {
            return -Math.log(r) + r - 1;
        }
        if (r == 0) {
            return alpha < 0 ? Double.POSITIVE_INFINITY : 1 / alpha;
        }
        return alphaSummand(r, 1);
    }

    /**
     * The convex conjugate {@code f*(t) = sup_{r ≥ 0} (t r − f(r))}, +∞ outside its domain:
     * kl {@code e^{t−1}}; reverse-kl {@code −1 − ln(−t)} (t &lt; 0); js {@code −½ ln(2 − e^{2t})}
     * (t &lt; ½ ln 2); squared-hellinger {@code t/(1−2t)} (t &lt; ½); tv {@code t} on [−½, ½];
     * chi2 {@code t + t²/4} (t ≥ −2, else −1); neyman-chi2 {@code 2 − 2√(1−t)} (t ≤ 1);
     * jeffreys {@code t r − (r−1) ln r} at {@code r = 1/W(e^{1−t})} (W: Lambert's function);
     * triangular {@code 4 − t − 4√(1−t)} (−3 ≤ t &lt; 1, else −1 below);
     * alpha {@code t r − f(r)} at {@code r = (1 + (α−1)t)^{1/(α−1)}}.
     */
    public double conjugate(double t) {
        if (Double.isNaN(t)) {
            throw Checks.fail("t is NaN");
        }
        final double inf = Double.POSITIVE_INFINITY;
        switch (kind) {
            case KL:
                return Math.exp(t - 1);
            case REVERSE_KL:
                return t < 0 ? -1 - Math.log(-t) : inf;
            case JS:
                return t < 0.5 * Math.log(2) ? -0.5 * Math.log(2 - Math.exp(2 * t)) : inf;
            case SQUARED_HELLINGER:
            case HELLINGER:
                return t < 0.5 ? t / (1 - 2 * t) : inf;
            case TV:
                if (t < -0.5) {
                    return -0.5;
                }
                return t <= 0.5 ? t : inf;
            case CHI2:
                return t >= -2 ? t + 0.25 * t * t : -1;
            case NEYMAN_CHI2:
                return t <= 1 ? 2 - 2 * Math.sqrt(1 - t) : inf;
            case JEFFREYS: {
                double r = jeffreysArgmax(t);
                return t * r - (r - 1) * Math.log(r);
            }
            case TRIANGULAR:
                if (t >= 1) {
                    return inf;
                }
                return t >= -3 ? 4 - t - 4 * Math.sqrt(1 - t) : -1;
            case ALPHA:
            case RENYI:
                return alphaConjugate(t);
            default:
                throw new AssertionError(kind);
        }
    }

    /** Solves {@code f'(r) = ln r + 1 − 1/r = t}, i.e. {@code u + ln u = 1 − t} with {@code u = 1/r}. */
    private static double jeffreysArgmax(double t) {
        double c = 1 - t;
        // Newton on g(v) = e^v + v − c in v = ln u (convex, increasing): start from a good guess.
        double v = c > 1 ? Math.log(c) : c - 1;
        for (int i = 0; i < 100; i++) {
            double ev = Math.exp(v);
            double step = (ev + v - c) / (ev + 1);
            v -= step;
            if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(v))) {
                break;
            }
        }
        return Math.exp(-v);
    }

    private double alphaConjugate(double t) {
        if (alpha == 1) {
            return Math.expm1(t);
        }
        if (alpha == 0) {
            return t < 1 ? -Math.log1p(-t) : Double.POSITIVE_INFINITY;
        }
        double base = 1 + (alpha - 1) * t;
        if (!(base > 0)) {
            return alpha > 1 ? -1 / alpha : Double.POSITIVE_INFINITY;
        }
        double r = Math.pow(base, 1 / (alpha - 1));
        if (Double.isInfinite(r)) {
            return Double.POSITIVE_INFINITY;
        }
        return t * r - alphaGenerator(r);
    }

    /**
     * The f-distill gradient weight {@code h(r) = r² f''(r)}: kl {@code r}; reverse-kl {@code 1};
     * js {@code r/(2(1+r))}; (squared) hellinger {@code √r/4}; tv {@code 0} (f'' vanishes off
     * r = 1); chi2 {@code 2r²}; neyman-chi2 {@code 2/r}; jeffreys {@code r + 1}; triangular
     * {@code 8r²/(r+1)³}; alpha and renyi {@code r^α}.
     */
    public double gradientWeight(double r) {
        if (!(r >= 0)) {
            throw Checks.fail("r must be non-negative: %s", r);
        }
        switch (kind) {
            case KL:
                return r;
            case REVERSE_KL:
                return 1;
            case JS:
                return r / (2 * (1 + r));
            case SQUARED_HELLINGER:
            case HELLINGER:
                return 0.25 * Math.sqrt(r);
            case TV:
                return 0;
            case CHI2:
                return 2 * r * r;
            case NEYMAN_CHI2:
                return 2 / r;
            case JEFFREYS:
                return r + 1;
            case TRIANGULAR: {
                double s = r + 1;
                return 8 * r * r / (s * s * s);
            }
            case ALPHA:
            case RENYI:
                return Math.pow(r, alpha);
            default:
                throw new AssertionError(kind);
        }
    }

    // ---------------------------------------------------------------- pointwise integrand

    /**
     * The summand {@code q f(p/q)} of the underlying f-divergence at masses (or densities)
     * {@code p, q ≥ 0}, with the boundary conventions of the class comment, computed without
     * cancellation. For kl it is the generalised summand {@code p ln(p/q) − p + q}, which has the
     * same total when {@code Σp = Σq}. Summing it and applying {@link #fromSum(double)} gives the
     * divergence.
     */
    public double term(double p, double q) {
        switch (kind) {
            case KL:
                return klTerm(p, q);
            case REVERSE_KL:
                return klTerm(q, p);
            case JS: {
                double m = 0.5 * (p + q);
                return 0.5 * (klTerm(p, m) + klTerm(q, m));
            }
            case SQUARED_HELLINGER:
            case HELLINGER: {
                double s = p + q;
                if (s == 0) {
                    return 0;
                }
                double rp = Math.sqrt(p);
                double rq = Math.sqrt(q);
                double d = (p - q) / (rp + rq);
                return 0.5 * d * d;
            }
            case TV:
                return 0.5 * Math.abs(p - q);
            case CHI2:
                if (q == 0) {
                    return p == 0 ? 0 : Double.POSITIVE_INFINITY;
                }
                return (p - q) * (p - q) / q;
            case NEYMAN_CHI2:
                if (p == 0) {
                    return q == 0 ? 0 : Double.POSITIVE_INFINITY;
                }
                return (p - q) * (p - q) / p;
            case JEFFREYS:
                return klTerm(p, q) + klTerm(q, p);
            case TRIANGULAR: {
                double s = p + q;
                return s == 0 ? 0 : (p - q) * (p - q) / s;
            }
            case ALPHA:
            case RENYI:
                return alphaTerm(p, q);
            default:
                throw new AssertionError(kind);
        }
    }

    /** {@code p ln(p/q) − p + q ≥ 0}, the generalised KL summand. */
    static double klTerm(double p, double q) {
        if (q == 0) {
            return p == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        if (p == 0) {
            return q;
        }
        return q * Numerics.onePlusXLogOnePlusXMinusX((p - q) / q);
    }

    private double alphaTerm(double p, double q) {
        if (alpha == 1) {
            return klTerm(p, q);
        }
        if (alpha == 0) {
            return klTerm(q, p);
        }
        if (q == 0) {
            if (p == 0) {
                return 0;
            }
            return alpha < 1 ? p / (1 - alpha) : Double.POSITIVE_INFINITY;
        }
        if (p == 0) {
            return alpha > 0 ? q / alpha : Double.POSITIVE_INFINITY;
        }
        double u = Math.log(p) - Math.log(q);
        if (Math.abs(p - q) < 0.25 * q) {
            u = Math.log1p((p - q) / q);
        }
        return q * alphaSummandFromLog(u);
    }

    /** {@code f(r)} at {@code r = e^u}, by series for small {@code |u|}, directly otherwise. */
    private double alphaSummandFromLog(double u) {
        double scale = Math.abs(u) * Math.max(1, Math.abs(alpha));
        if (scale < 0.5) {
            // f(e^u) = Σ_{k≥2} c_k u^k / k!, c_k = 1 + α + … + α^{k−2}.
            double c = 1;
            double alphaPow = 1;
            double term = u * u / 2;
            double s = 0;
            for (int k = 2; k < 60; k++) {
                double add = c * term;
                s += add;
                if (Math.abs(add) <= 1e-17 * Math.abs(s)) {
                    break;
                }
                alphaPow *= alpha;
                c += alphaPow;
                term *= u / (k + 1);
            }
            return s;
        }
        return alphaSummand(Math.exp(u), 1);
    }

    /** {@code (p^α q^{1−α} − αp − (1−α)q)/(α(α−1))} written with {@code r = p/q}, times {@code q}. */
    private double alphaSummand(double r, double q) {
        double ra = Math.pow(r, alpha);
        return q * (ra - alpha * r - (1 - alpha)) / (alpha * (alpha - 1));
    }

    /**
     * Maps the total {@code S = Σ term(p_i, q_i)} to the divergence: the identity for f-divergences,
     * {@code √S} for hellinger, {@code ln(1 + α(α−1)S)/(α−1)} for renyi (α ≠ 0, 1).
     */
    public double fromSum(double s) {
        switch (kind) {
            case HELLINGER:
                return Math.sqrt(s);
            case RENYI:
                if (alpha == 1 || alpha == 0) {
                    return s;
                }
                if (s == Double.POSITIVE_INFINITY) {
                    return Double.POSITIVE_INFINITY;
                }
                double arg = alpha * (alpha - 1) * s;
                if (arg <= -1) {
                    return Double.POSITIVE_INFINITY;
                }
                return Math.log1p(arg) / (alpha - 1);
            default:
                return s;
        }
    }

    // ---------------------------------------------------------------- discrete evaluation

    /** {@code D(p‖q)} between two discrete laws on the same support, exactly. */
    public double between(DiscreteDistribution p, DiscreteDistribution q) {
        Checks.requireNonNull("p", p);
        Checks.requireNonNull("q", q);
        if (p.size() != q.size()) {
            throw Checks.fail("p and q differ in length: %d vs %d", p.size(), q.size());
        }
        return evaluate(p.probabilities(), q.probabilities());
    }

    /**
     * {@code D(p‖q)} between two probability vectors (validated: non-negative, finite, each summing
     * to 1 within {@value Checks#PROBABILITY_SUM_TOLERANCE}, equal lengths; normalised by their sums).
     */
    public double between(double[] p, double[] q) {
        return between(DiscreteDistribution.ofProbabilities(p), DiscreteDistribution.ofProbabilities(q));
    }

    private double evaluate(double[] p, double[] q) {
        if (kind == DivergenceKind.RENYI && alpha == 0) {
            // R_0 = −ln Σ_{p>0} q.
            double s = 0;
            double c = 0;
            for (int i = 0; i < p.length; i++) {
                if (p[i] > 0) {
                    double y = q[i] - c;
                    double t = s + y;
                    c = (t - s) - y;
                    s = t;
                }
            }
            return s <= 0 ? Double.POSITIVE_INFINITY : Math.max(0, -Math.log(Math.min(1, s)));
        }
        // Neumaier-compensated sum of the non-negative summands.
        double s = 0;
        double c = 0;
        for (int i = 0; i < p.length; i++) {
            double x = term(p[i], q[i]);
            if (x == Double.POSITIVE_INFINITY) {
                return Double.POSITIVE_INFINITY;
            }
            double t = s + x;
            c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
            s = t;
        }
        return fromSum(s + c);
    }

    @Override
    public String toString() {
        return kind.needsAlpha() ? kind.cliName() + "(" + alpha + ")" : kind.cliName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Divergence
                && ((Divergence) o).kind == kind
                && Double.compare(((Divergence) o).alpha, alpha) == 0;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Double.hashCode(alpha);
    }
}
