package dev.entropic.divergences;

import dev.entropic.core.Checks;
import dev.entropic.core.DiscreteDistribution;
import dev.entropic.core.Distribution;
import dev.entropic.core.MultivariateDistribution;
import dev.entropic.core.MultivariateNormal;
import dev.entropic.core.Numerics;
import dev.entropic.core.UnivariateDistribution;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Divergences of the f-family (see {@link Divergence} for the conventions) between continuous laws:
 * closed forms where they exist, adaptive quadrature in one dimension, importance-sampling Monte
 * Carlo otherwise. The method used is reported in the returned {@link DivergenceValue}.
 *
 * <h2>Closed forms</h2>
 * Between two laws of the same family: normal, log-normal, exponential, gamma, beta, uniform (every
 * kind but js and triangular; tv only for normal, log-normal, exponential, uniform), laplace (kl,
 * reverse-kl, jeffreys) and two multivariate normals (every kind but js, tv and triangular). The
 * formulas and their sources are listed in {@code ClosedForms}.
 *
 * <h2>Quadrature (univariate)</h2>
 * {@code S = ∫ q(x) f(p(x)/q(x)) dx} over the union of the two supports, then {@code D = g(S)} with
 * {@link Divergence#fromSum}. The line is cut at the finite support ends of both laws and at their
 * quantiles of order 10⁻¹⁰, 10⁻⁶, 10⁻³, 0.02, 0.1, 0.25, 0.5 and the symmetric ones, so that the mass
 * of both laws is resolved; an infinite end is mapped to [0, 1) by {@code x = b ± t/(1−t)}; a piece
 * that touches a finite support end {@code a} is integrated in {@code s} with {@code x = a + h s²}
 * (which makes an {@code x^{−1/2}} endpoint singularity, as in beta(½,·) or gamma with shape ½,
 * regular); each piece is integrated by globally adaptive Gauss–Kronrod 10/21 (QUADPACK QAG).
 * The integrand is homogeneous of degree one, {@code q f(p/q) = c·[(q/c) f((p/c)/(q/c))]}, and is
 * evaluated from the log-densities with {@code c = max(p, q)}, so tails where both densities
 * underflow contribute their true (tiny) value rather than 0/0. The reported
 * {@code standardError} is the summed absolute error estimate of the rules, carried through
 * {@code g} by its derivative. An integrand that is +∞ on a piece (p &gt; 0 where q = 0 for kl) gives
 * +∞. Rényi of order 0 integrates {@code q·1{p>0}} and returns {@code −ln} of it.
 *
 * <h2>Monte Carlo</h2>
 * Importance sampling from the mixture {@code m = ½p + ½q}, whose support covers both laws:
 * {@code S = E_m[q f(p/q)/m]}. The sample is stratified: {@code n_p = ⌊n/2⌋} draws from p and
 * {@code n_q = n − n_p} from q, and {@code Ŝ = ½ mean_p(w) + ½ mean_q(w)} with
 * {@code w = q f(p/q)/m}, an unbiased estimator of {@code S} with standard error
 * {@code ½ √(s_p²/n_p + s_q²/n_q)} (sample variances). {@code D = g(Ŝ)} and its standard error is
 * the delta-method {@code |g'(Ŝ)|·se(Ŝ)}. A draw where the integrand is +∞ (p &gt; 0 = q for kl,
 * which has probability 0 unless the support of p is not covered by q) gives +∞ with standard
 * error 0. Seeded through the {@link UniformRandomProvider} passed in.
 *
 * <h2>Known limitations of the quadrature</h2>
 * <ul>
 *   <li>A divergent endpoint singularity (e.g. {@code ∫ x^{-1}}) cannot be told from a finite
 *       integral by sampling: the result is finite but the rule does not converge and the reported
 *       error estimate is large. Closed forms detect these +∞ exactly.</li>
 *   <li>Densities are evaluated at {@code x}, not {@code 1 − x}: an integrand singular at a support
 *       end {@code b ≠ 0} (e.g. neyman-chi2 against a beta law that vanishes at 1) is resolved only
 *       to about {@code √ulp(b)}, i.e. ~1e-8.</li>
 *   <li>tv has a kink where the densities cross; a crossing far in the tails can be missed by
 *       ~1e-9 absolute without the error estimate showing it.</li>
 * </ul>
 *
 * <p>References: R. Piessens et al., QUADPACK (1983); A. B. Owen, "Monte Carlo theory, methods and
 * examples" (2013), ch. 9 (mixture importance sampling, stratification); I. Csiszár (1967).
 */
public final class ContinuousDivergence {
    /** Relative tolerance of the quadrature on each piece. */
    static final double QUADRATURE_RELATIVE_TOLERANCE = 1e-13;
    /** Absolute tolerance of the quadrature on each piece. */
    static final double QUADRATURE_ABSOLUTE_TOLERANCE = 1e-17;
    /** Largest number of Gauss–Kronrod panels per piece. */
    static final int QUADRATURE_MAX_PANELS = 400;
    /** Default number of Monte Carlo draws of the one-stop dispatcher. */
    public static final int DEFAULT_SAMPLES = 100_000;

    private static final double[] QUANTILES = {
        1e-10, 1e-6, 1e-3, 0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.98, 1 - 1e-3, 1 - 1e-6, 1 - 1e-10};
    private static final double LN2 = Math.log(2);

    private ContinuousDivergence() {
    }

    // ------------------------------------------------------------------ dispatch

    /**
     * One-stop evaluation: between discrete laws exactly ({@link Divergence#between}), between
     * univariate laws by closed form or quadrature, between multivariate laws by closed form
     * (two multivariate normals) or Monte Carlo with {@link #DEFAULT_SAMPLES} draws from {@code rng}.
     *
     * @throws IllegalArgumentException when p and q are of different types or dimensions
     */
    public static DivergenceValue compute(Divergence d, Distribution p, Distribution q, UniformRandomProvider rng) {
        Checks.requireNonNull("divergence", d);
        Checks.requireNonNull("p", p);
        Checks.requireNonNull("q", q);
        if (p instanceof DiscreteDistribution a && q instanceof DiscreteDistribution b) {
            return DivergenceValue.exact(d, d.between(a, b), DivergenceMethod.EXACT);
        }
        if (p instanceof UnivariateDistribution a && q instanceof UnivariateDistribution b) {
            return compute(d, a, b);
        }
        if (p instanceof MultivariateDistribution a && q instanceof MultivariateDistribution b) {
            return compute(d, a, b, rng, DEFAULT_SAMPLES);
        }
        throw Checks.fail("p and q must both be discrete, both univariate or both multivariate: got %s and %s",
                p.getClass().getSimpleName(), q.getClass().getSimpleName());
    }

    /** Between univariate laws: the closed form when one exists for the pair, else quadrature. */
    public static DivergenceValue compute(Divergence d, UnivariateDistribution p, UnivariateDistribution q) {
        Checks.requireNonNull("divergence", d);
        Checks.requireNonNull("p", p);
        Checks.requireNonNull("q", q);
        Double c = ClosedForms.univariate(d, p, q);
        if (c != null) {
            return DivergenceValue.exact(d, c, DivergenceMethod.CLOSED_FORM);
        }
        return quadrature(d, p, q);
    }

    /**
     * Between univariate laws with the method forced: {@code CLOSED_FORM} (only where one exists for
     * the pair and kind), {@code QUADRATURE}, or {@code MONTE_CARLO} with {@code samples ≥ 2} draws
     * from {@code rng} ({@code rng} and {@code samples} are ignored by the other methods).
     *
     * @throws IllegalArgumentException when the method is EXACT (discrete laws only) or no closed
     *                                  form exists for the pair
     */
    public static DivergenceValue compute(Divergence d, UnivariateDistribution p, UnivariateDistribution q,
                                          DivergenceMethod method, UniformRandomProvider rng, int samples) {
        Checks.requireNonNull("divergence", d);
        Checks.requireNonNull("p", p);
        Checks.requireNonNull("q", q);
        Checks.requireNonNull("method", method);
        switch (method) {
            case CLOSED_FORM: {
                Double c = ClosedForms.univariate(d, p, q);
                if (c == null) {
                    throw Checks.fail("method closed-form is not available for %s between %s and %s: closed forms "
                            + "exist for %s (js and triangular never; tv for normal, log-normal, exponential, uniform)",
                            d, p, q, ClosedForms.families());
                }
                return DivergenceValue.exact(d, c, DivergenceMethod.CLOSED_FORM);
            }
            case QUADRATURE:
                return quadrature(d, p, q);
            case MONTE_CARLO:
                return monteCarlo(d, p, q, rng, samples);
            case EXACT:
                throw Checks.fail("method exact needs discrete distributions; %s and %s are continuous", p, q);
            default:
                throw new AssertionError(method);
        }
    }

    /**
     * Between multivariate laws of the same dimension: the closed form for two
     * {@link MultivariateNormal}s (every kind but js, tv and triangular), else Monte Carlo with
     * {@code samples ≥ 2} draws from {@code rng}.
     */
    public static DivergenceValue compute(Divergence d, MultivariateDistribution p, MultivariateDistribution q,
                                          UniformRandomProvider rng, int samples) {
        Checks.requireNonNull("divergence", d);
        Checks.requireNonNull("p", p);
        Checks.requireNonNull("q", q);
        if (p.dimension() != q.dimension()) {
            throw Checks.fail("p and q differ in dimension: %d vs %d", p.dimension(), q.dimension());
        }
        if (p instanceof MultivariateNormal a && q instanceof MultivariateNormal b) {
            Double c = ClosedForms.multivariateNormal(d, a, b);
            if (c != null) {
                return DivergenceValue.exact(d, c, DivergenceMethod.CLOSED_FORM);
            }
        }
        return monteCarlo(d, p, q, rng, samples);
    }

    // ------------------------------------------------------------------ integrand

    /** Whether the divergence is Rényi of order 0, whose integrand is {@code q·1{p>0}}. */
    private static boolean isRenyiZero(Divergence d) {
        return d.kind() == DivergenceKind.RENYI && d.alpha() == 0;
    }

    /** The integrand {@code q f(p/q)} at log-densities {@code lp, lq} (scaled, see class comment). */
    static double integrand(Divergence d, double lp, double lq) {
        if (isRenyiZero(d)) {
            return lp > Double.NEGATIVE_INFINITY ? Math.exp(lq) : 0;
        }
        double m = Math.max(lp, lq);
        if (m == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        if (m == Double.POSITIVE_INFINITY || Double.isNaN(m)) {
            return 0; // a density pole is a single point: no mass
        }
        if (Math.abs(lp - lq) > EXTREME_LOG_RATIO && lp > Double.NEGATIVE_INFINITY
                && lq > Double.NEGATIVE_INFINITY && isUnbounded(d)) {
            return extremeTerm(d, lp, lq);
        }
        double sp = Math.exp(lp - m);
        double sq = Math.exp(lq - m);
        if (Math.abs(lp - lq) > NEGLIGIBLE_LOG_RATIO) {
            // bounded kinds: the smaller density is below e^-300 times the larger; its limit value
            // is exact to that relative level and avoids p/q overflowing inside the term
            if (lp > lq) {
                sq = 0;
            } else {
                sp = 0;
            }
        }
        double t = d.term(sp, sq);
        if (t == 0 || t == Double.POSITIVE_INFINITY) {
            return t;
        }
        return Math.exp(m + Math.log(t));
    }

    /** Beyond this |ln p − ln q| the ratio p/q can over- or underflow; see {@link #extremeTerm}. */
    private static final double EXTREME_LOG_RATIO = 30;
    /** Beyond this |ln p − ln q| a bounded kind takes the limit value of its integrand. */
    private static final double NEGLIGIBLE_LOG_RATIO = 300;

    /** Kinds with {@code f(0) = ∞} or {@code f(r)/r → ∞}, for which an underflowed ratio would give ∞. */
    private static boolean isUnbounded(Divergence d) {
        switch (d.kind()) {
            case KL:
            case REVERSE_KL:
            case JEFFREYS:
            case CHI2:
            case NEYMAN_CHI2:
                return true;
            case ALPHA:
            case RENYI:
                return d.alpha() <= 0 || d.alpha() >= 1;
            default:
                return false;
        }
    }

    /**
     * {@code q f(p/q)} written with the log ratio {@code ℓ = ln p − ln q} (exact rewrites, used for
     * {@code |ℓ| > 30}, where {@code p/q} could over- or underflow and there is no cancellation): kl {@code p(ℓ−1) + q}; reverse-kl {@code q(−ℓ−1) + p}; jeffreys
     * {@code (p−q)ℓ}; chi2 {@code e^{2 ln p − ln q} − 2p + q}; neyman-chi2 {@code e^{2 ln q − ln p} − 2q + p};
     * alpha {@code (e^{α ln p + (1−α) ln q} − αp − (1−α)q)/(α(α−1))}.
     */
    static double extremeTerm(Divergence d, double lp, double lq) {
        double p = Math.exp(lp);
        double q = Math.exp(lq);
        double lr = lp - lq;
        double a = d.alpha();
        DivergenceKind k = d.kind();
        if (k == DivergenceKind.KL || ((k == DivergenceKind.ALPHA || k == DivergenceKind.RENYI) && a == 1)) {
            return p * (lr - 1) + q;
        }
        if (k == DivergenceKind.REVERSE_KL || ((k == DivergenceKind.ALPHA || k == DivergenceKind.RENYI) && a == 0)) {
            return q * (-lr - 1) + p;
        }
        switch (k) {
            case JEFFREYS:
                return (p - q) * lr;
            case CHI2:
                return Math.exp(2 * lp - lq) - 2 * p + q;
            case NEYMAN_CHI2:
                return Math.exp(2 * lq - lp) - 2 * q + p;
            default:
                return (Math.exp(a * lp + (1 - a) * lq) - a * p - (1 - a) * q) / (a * (a - 1));
        }
    }

    /** Maps the integral to the divergence. */
    static double finish(Divergence d, double s) {
        if (isRenyiZero(d)) {
            return s <= 0 ? Double.POSITIVE_INFINITY : Math.max(0, -Math.log(Math.min(1, s)));
        }
        return d.fromSum(Math.max(0, s));
    }

    /** |g'(S)|·err for the map g of {@link #finish}. */
    static double finishError(Divergence d, double s, double err) {
        if (err == 0 || !Double.isFinite(s)) {
            return 0;
        }
        if (isRenyiZero(d)) {
            return s > 0 ? err / s : Double.POSITIVE_INFINITY;
        }
        switch (d.kind()) {
            case HELLINGER:
                return s > 0 ? Math.min(err / (2 * Math.sqrt(s)), Math.sqrt(err)) : Math.sqrt(err);
            case RENYI: {
                double a = d.alpha();
                if (a == 1) {
                    return err;
                }
                double den = 1 + a * (a - 1) * s;
                return den > 0 ? Math.abs(a) * err / den : Double.POSITIVE_INFINITY;
            }
            default:
                return err;
        }
    }

    // ------------------------------------------------------------------ quadrature

    static DivergenceValue quadrature(Divergence d, UnivariateDistribution p, UnivariateDistribution q) {
        double lo = Math.min(p.supportLowerBound(), q.supportLowerBound());
        double hi = Math.max(p.supportUpperBound(), q.supportUpperBound());
        TreeSet<Double> ends = new TreeSet<>();
        for (UnivariateDistribution u : List.of(p, q)) {
            for (double e : new double[] {u.supportLowerBound(), u.supportUpperBound()}) {
                if (Double.isFinite(e)) {
                    ends.add(e);
                }
            }
        }
        TreeSet<Double> cuts = new TreeSet<>(ends);
        for (UnivariateDistribution u : List.of(p, q)) {
            for (double level : QUANTILES) {
                double x = u.inverseCdf(level);
                if (Double.isFinite(x) && x >= lo && x <= hi) {
                    cuts.add(x);
                }
            }
        }
        // A node that rounds onto a finite support end is a single point (no mass): it contributes 0
        // rather than the boundary value of a density that vanishes or blows up there.
        double[] endPoints = ends.stream().mapToDouble(Double::doubleValue).toArray();
        DoubleUnaryOperator f = x -> {
            for (double e : endPoints) {
                if (x == e) {
                    return 0;
                }
            }
            return integrand(d, p.logDensity(x), q.logDensity(x));
        };
        List<Double> xs = new ArrayList<>(cuts);
        double value = 0;
        double error = 0;
        long evals = 0;
        List<double[]> pieces = new ArrayList<>();
        if (lo == Double.NEGATIVE_INFINITY) {
            pieces.add(new double[] {Double.NEGATIVE_INFINITY, xs.get(0)});
        }
        for (int i = 0; i + 1 < xs.size(); i++) {
            pieces.add(new double[] {xs.get(i), xs.get(i + 1)});
        }
        if (hi == Double.POSITIVE_INFINITY) {
            pieces.add(new double[] {xs.get(xs.size() - 1), Double.POSITIVE_INFINITY});
        }
        // A single 21-point panel per piece estimates the total; each piece is then asked for
        // max(relTol·|piece|, relTol·total/(100·pieces)), so that tail pieces of negligible value are
        // not refined towards a relative accuracy their rounding cannot give.
        double rough = 0;
        for (double[] piece : pieces) {
            Quadrature.Result r = integratePiece(f, piece[0], piece[1], ends.contains(piece[0]),
                    ends.contains(piece[1]), 0, 0, 1);
            evals += r.evaluations();
            if (r.value() == Double.POSITIVE_INFINITY) {
                return new DivergenceValue(d, Double.POSITIVE_INFINITY, DivergenceMethod.QUADRATURE, 0, evals);
            }
            rough += Math.abs(r.value());
        }
        double abs = Math.max(QUADRATURE_ABSOLUTE_TOLERANCE,
                QUADRATURE_RELATIVE_TOLERANCE * rough / (100.0 * pieces.size()));
        for (double[] piece : pieces) {
            Quadrature.Result r = integratePiece(f, piece[0], piece[1], ends.contains(piece[0]),
                    ends.contains(piece[1]), abs, QUADRATURE_RELATIVE_TOLERANCE, QUADRATURE_MAX_PANELS);
            evals += r.evaluations();
            if (r.value() == Double.POSITIVE_INFINITY) {
                return new DivergenceValue(d, Double.POSITIVE_INFINITY, DivergenceMethod.QUADRATURE, 0, evals);
            }
            value += r.value();
            error += r.error();
        }
        if (!Double.isFinite(value)) {
            // the pieces disagree in sign of infinity or overflowed: the integral diverges
            return new DivergenceValue(d, Double.POSITIVE_INFINITY, DivergenceMethod.QUADRATURE, 0, evals);
        }
        return new DivergenceValue(d, finish(d, value), DivergenceMethod.QUADRATURE,
                finishError(d, value, error), evals);
    }

    private static Quadrature.Result integratePiece(DoubleUnaryOperator f, double a, double b,
                                                    boolean singularA, boolean singularB,
                                                    double abs, double rel, int max) {
        if (a == Double.NEGATIVE_INFINITY) {
            // x = b − t/(1−t), dx = dt/(1−t)²
            return Quadrature.integrate(t -> {
                double u = 1 - t;
                return f.applyAsDouble(b - t / u) / (u * u);
            }, 0, 1, abs, rel, max);
        }
        if (b == Double.POSITIVE_INFINITY) {
            return Quadrature.integrate(t -> {
                double u = 1 - t;
                return f.applyAsDouble(a + t / u) / (u * u);
            }, 0, 1, abs, rel, max);
        }
        double h = b - a;
        if (singularA && singularB) {
            double m = a + 0.5 * h;
            Quadrature.Result left = integratePiece(f, a, m, true, false, abs / 2, rel, max);
            Quadrature.Result right = integratePiece(f, m, b, false, true, abs / 2, rel, max);
            return new Quadrature.Result(left.value() + right.value(), left.error() + right.error(),
                    left.evaluations() + right.evaluations(), left.converged() && right.converged());
        }
        if (singularA) {
            // x = a + h s², dx = 2 h s ds
            return Quadrature.integrate(s -> 2 * h * s * f.applyAsDouble(a + h * s * s), 0, 1, abs, rel, max);
        }
        if (singularB) {
            return Quadrature.integrate(s -> 2 * h * s * f.applyAsDouble(b - h * s * s), 0, 1, abs, rel, max);
        }
        return Quadrature.integrate(f, a, b, abs, rel, max);
    }

    // ------------------------------------------------------------------ Monte Carlo

    /** The importance weight {@code q f(p/q)/m} of the i-th draw from p (fromP) or from q. */
    private interface MixtureWeight {
        double integrandOverMixture(int i, boolean fromP);
    }

    static DivergenceValue monteCarlo(Divergence d, UnivariateDistribution p, UnivariateDistribution q,
                                      UniformRandomProvider rng, int samples) {
        checkMonteCarlo(rng, samples);
        int np = samples / 2;
        int nq = samples - np;
        double[] xp = p.sample(rng, np);
        double[] xq = q.sample(rng, nq);
        return mixtureEstimate(d, np, nq, (i, fromP) -> {
            double x = fromP ? xp[i] : xq[i];
            return weight(d, p.logDensity(x), q.logDensity(x));
        });
    }

    static DivergenceValue monteCarlo(Divergence d, MultivariateDistribution p, MultivariateDistribution q,
                                      UniformRandomProvider rng, int samples) {
        checkMonteCarlo(rng, samples);
        int np = samples / 2;
        int nq = samples - np;
        double[][] xp = p.sample(rng, np);
        double[][] xq = q.sample(rng, nq);
        return mixtureEstimate(d, np, nq, (i, fromP) -> {
            double[] x = fromP ? xp[i] : xq[i];
            return weight(d, p.logDensity(x), q.logDensity(x));
        });
    }

    private static void checkMonteCarlo(UniformRandomProvider rng, int samples) {
        Checks.requireNonNull("rng", rng);
        if (samples < 4) {
            throw Checks.fail("samples must be at least 4 for a Monte Carlo estimate with a standard error: %d",
                    samples);
        }
    }

    /** {@code q f(p/q)/m} with {@code m = ½(p+q)}, in log form. */
    private static double weight(Divergence d, double lp, double lq) {
        double lm = Numerics.logAddExp(lp, lq) - LN2;
        if (lm == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double v = integrand(d, lp - lm, lq - lm);
        return v;
    }

    private static DivergenceValue mixtureEstimate(Divergence d, int np, int nq, MixtureWeight w) {
        double[] meanVar = new double[4];
        for (int s = 0; s < 2; s++) {
            boolean fromP = s == 0;
            int n = fromP ? np : nq;
            // Welford
            double mean = 0;
            double m2 = 0;
            for (int i = 0; i < n; i++) {
                double v = w.integrandOverMixture(i, fromP);
                if (v == Double.POSITIVE_INFINITY) {
                    return new DivergenceValue(d, Double.POSITIVE_INFINITY, DivergenceMethod.MONTE_CARLO, 0,
                            (long) np + nq);
                }
                double delta = v - mean;
                mean += delta / (i + 1);
                m2 += delta * (v - mean);
            }
            meanVar[2 * s] = mean;
            meanVar[2 * s + 1] = n > 1 ? m2 / (n - 1) : 0;
        }
        double s = 0.5 * (meanVar[0] + meanVar[2]);
        double se = 0.5 * Math.sqrt(meanVar[1] / np + meanVar[3] / nq);
        if (!Double.isFinite(s)) {
            return new DivergenceValue(d, Double.POSITIVE_INFINITY, DivergenceMethod.MONTE_CARLO, 0, (long) np + nq);
        }
        return new DivergenceValue(d, finish(d, s), DivergenceMethod.MONTE_CARLO, finishError(d, s, se),
                (long) np + nq);
    }
}
