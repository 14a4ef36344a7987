package dev.entropic.estimators;

import dev.entropic.core.Beta;
import dev.entropic.core.Checks;
import dev.entropic.core.Exponential;
import dev.entropic.core.Gamma;
import dev.entropic.core.Laplace;
import dev.entropic.core.LogNormal;
import dev.entropic.core.Normal;
import dev.entropic.core.Numerics;
import dev.entropic.core.Uniform;
import dev.entropic.core.UnivariateDistribution;
import dev.entropic.divergences.ContinuousDivergence;
import dev.entropic.divergences.Divergence;
import dev.entropic.divergences.DivergenceValue;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Maximum likelihood for the core parametric families, and the information projection of a law
 * onto a family.
 *
 * <p>Every fit goes through the family's statistics \( \bar t \) (sample averages for
 * {@link #fit}, expectations under a law \( p \) for {@link #informationProjection}), so the same
 * code gives the MLE \( \hat\theta = \arg\max_\theta \sum_i \ln p_\theta(x_i) \) and the information
 * projection \( \theta^* = \arg\min_\theta \mathrm{KL}(p \,\|\, p_\theta) \) (the MLE of the
 * population). Conventions (scipy's {@code fit} with the location fixed at 0 where scipy has one
 * to spare):
 * <ul>
 *   <li>NORMAL: \( \hat\mu = \bar x \), \( \hat\sigma^2 = \overline{(x-\bar x)^2} \) (divisor n);</li>
 *   <li>EXPONENTIAL: rate \( 1/\bar x \) ({@code expon.fit(floc=0)});</li>
 *   <li>GAMMA: shape k solves \( \ln k - \psi(k) = \ln \bar x - \overline{\ln x} \) by Newton from
 *       Minka's start, scale \( \bar x / k \) ({@code gamma.fit(floc=0)});</li>
 *   <li>BETA: \( \psi(a) - \psi(a+b) = \overline{\ln x} \), \( \psi(b) - \psi(a+b) =
 *       \overline{\ln(1-x)} \) by Newton from the method of moments ({@code beta.fit(floc=0,
 *       fscale=1)});</li>
 *   <li>LOGNORMAL: \( \mu = \overline{\ln x} \), \( \sigma^2 = \overline{(\ln x - \mu)^2} \)
 *       ({@code lognorm.fit(floc=0)});</li>
 *   <li>LAPLACE: location = median, scale = \( \overline{|x - \mathrm{median}|} \);</li>
 *   <li>UNIFORM: \( [\min x, \max x] \).</li>
 * </ul>
 * Natural logarithms throughout; the log-likelihood is the compensated sum of
 * {@code logDensity(x_i)} at the fitted law.
 *
 * <p>Estimation risk to the information projection (exponential families only): with sufficient
 * statistic \( T \), \( G = \mathrm{Cov}_{p_{\theta^*}}(T) \) (Fisher information in the natural
 * parameter) and \( \Sigma = \mathrm{Cov}_p(T) \), the leading term of
 * \( \mathbb{E}\,\mathrm{KL}(p_{\theta^*} \,\|\, p_{\hat\theta}) \) is
 * \( \operatorname{tr}(G^{-1}\Sigma)/(2n) \), equal to \( \dim\theta/(2n) \) when the model is well
 * specified ({@link #firstOrderRisk}). This is the \( n^{-1} \) term of Sheena's expansion on
 * which the \( p\!-\!n \) criterion is built; the \( n^{-2} \) cumulant term and the Bayes-error
 * calibration of the criterion itself are not implemented here.
 *
 * <p>References: T. Minka, "Estimating a Gamma distribution" (2002); Y. Sheena, "MLE convergence
 * speed to information projection of exponential family: Criterion for model dimension and sample
 * size", arXiv:2105.08947; I. Csiszár, "I-divergence geometry of probability distributions and
 * minimization problems", Ann. Probab. 3 (1975); H. White, "Maximum likelihood estimation of
 * misspecified models", Econometrica 50 (1982).
 */
public final class MaximumLikelihood {
    /** The families that can be fitted. */
    public enum Family {
        NORMAL(2, true), EXPONENTIAL(1, true), GAMMA(2, true), BETA(2, true), LOGNORMAL(2, true),
        LAPLACE(2, false), UNIFORM(2, false);

        private final int parameters;
        private final boolean exponentialFamily;

        Family(int parameters, boolean exponentialFamily) {
            this.parameters = parameters;
            this.exponentialFamily = exponentialFamily;
        }

        /** The number of free parameters. */
        public int parameters() {
            return parameters;
        }

        /** Whether the family is an exponential family (with the statistic used by {@link #firstOrderRisk}). */
        public boolean isExponentialFamily() {
            return exponentialFamily;
        }
    }

    /**
     * A fit: the fitted law, the log-likelihood of the data at it (NaN for an information
     * projection, which has no data), the Newton iterations used (0 for closed forms), whether the
     * iteration met its tolerance, and the final residual of the likelihood equations.
     */
    public record Fit(Family family, UnivariateDistribution distribution, double logLikelihood, int iterations,
                      boolean converged, double residual) {
    }

    /** Information projection of p onto a family and its KL divergence KL(p‖p_θ*). */
    public record Projection(Fit fit, DivergenceValue klDivergence) {
    }

    static final int MAX_ITERATIONS = 200;
    /** Relative Newton step at which the iteration stops; Newton is quadratic, so the root is then at rounding level (1e-14 can stall on digamma rounding). */
    static final double TOLERANCE = 1e-12;

    /** Nodes and weights of the 32-point Gauss–Legendre rule on [−1, 1] (Newton on P₃₂). */
    private static final double[] GL_NODES = new double[32];
    private static final double[] GL_WEIGHTS = new double[32];

    static {
        int n = GL_NODES.length;
        for (int i = 0; i < n; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1;
                double p1 = x;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (x * p1 - p0) / (x * x - 1);
                double dx = p1 / dp;
                x -= dx;
                if (Math.abs(dx) < 1e-16) {
                    break;
                }
            }
            double p0 = 1;
            double p1 = x;
            for (int k = 2; k <= n; k++) {
                double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                p0 = p1;
                p1 = p2;
            }
            dp = n * (x * p1 - p0) / (x * x - 1);
            GL_NODES[i] = x;
            GL_WEIGHTS[i] = 2 / ((1 - x * x) * dp * dp);
        }
    }

    private MaximumLikelihood() {
    }

    /** The MLE of {@code family} on {@code data} (finite values inside the family's support). */
    public static Fit fit(Family family, double[] data) {
        Checks.requireNonNull("family", family);
        Checks.requireFiniteArray("data", data);
        int n = data.length;
        if (n < 2) {
            throw Checks.fail("data must hold at least 2 points: %d", n);
        }
        for (int i = 0; i < n; i++) {
            double x = data[i];
            boolean ok = switch (family) {
                case EXPONENTIAL, GAMMA, LOGNORMAL -> x > 0;
                case BETA -> x > 0 && x < 1;
                default -> true;
            };
            if (!ok) {
                throw Checks.fail("data[%d] is outside the support of %s: %s", i, family, x);
            }
        }
        double[] s = switch (family) {
            case NORMAL -> meanVar(data, x -> x);
            case EXPONENTIAL -> new double[] {mean(data, x -> x)};
            case GAMMA -> new double[] {mean(data, x -> x), mean(data, Math::log)};
            case BETA -> {
                double[] mv = meanVar(data, x -> x);
                yield new double[] {mean(data, Math::log), mean(data, x -> Math.log1p(-x)), mv[0], mv[1]};
            }
            case LOGNORMAL -> meanVar(data, Math::log);
            case LAPLACE -> {
                double[] sorted = data.clone();
                Arrays.sort(sorted);
                double med = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
                yield new double[] {med, mean(data, x -> Math.abs(x - med))};
            }
            case UNIFORM -> new double[] {Arrays.stream(data).min().orElseThrow(), Arrays.stream(data).max().orElseThrow()};
        };
        Fit f = fromStatistics(family, s);
        double[] ll = new double[n];
        for (int i = 0; i < n; i++) {
            ll[i] = f.distribution().logDensity(data[i]);
        }
        return new Fit(family, f.distribution(), Numerics.sum(ll), f.iterations(), f.converged(), f.residual());
    }

    /**
     * The information projection \( \arg\min_\theta \mathrm{KL}(p\|p_\theta) \) of {@code p} onto
     * {@code family} (expectations under p by 32-point Gauss–Legendre quadrature of
     * \( g(F^{-1}(u)) \) on panels refined towards u = 0 and 1; about 1e-9 absolute on the
     * expectations, limited by the accuracy of p's inverse cdf, hence ~1e-8 relative on a gamma or
     * beta shape),
     * with \( \mathrm{KL}(p\|p_{\theta^*}) \) from {@link ContinuousDivergence}.
     *
     * @throws IllegalArgumentException when p's support does not fit the family's, or the needed
     *                                  expectations are not finite
     */
    public static Projection informationProjection(Family family, UnivariateDistribution p) {
        Fit f = projectionFit(family, p);
        return new Projection(f, ContinuousDivergence.compute(Divergence.kl(), p, f.distribution()));
    }

    static Fit projectionFit(Family family, UnivariateDistribution p) {
        Checks.requireNonNull("family", family);
        Checks.requireNonNull("p", p);
        double lo = p.supportLowerBound();
        double hi = p.supportUpperBound();
        switch (family) {
            case EXPONENTIAL, GAMMA, LOGNORMAL -> {
                if (lo < 0) {
                    throw Checks.fail("p must be supported on [0, ∞) for %s: support starts at %s", family, lo);
                }
            }
            case BETA -> {
                if (lo < 0 || hi > 1) {
                    throw Checks.fail("p must be supported on [0, 1] for BETA: [%s, %s]", lo, hi);
                }
            }
            case UNIFORM -> {
                if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
                    throw Checks.fail("p must have a bounded support for UNIFORM: [%s, %s]", lo, hi);
                }
            }
            default -> {
            }
        }
        double[] s = switch (family) {
            case NORMAL -> {
                double m = expect(p, x -> x);
                yield new double[] {m, expect(p, x -> (x - m) * (x - m))};
            }
            case EXPONENTIAL -> new double[] {expect(p, x -> x)};
            case GAMMA -> new double[] {expect(p, x -> x), expect(p, Math::log)};
            case BETA -> {
                double m = expect(p, x -> x);
                yield new double[] {expect(p, Math::log), expect(p, x -> Math.log1p(-x)), m,
                    expect(p, x -> (x - m) * (x - m))};
            }
            case LOGNORMAL -> {
                double m = expect(p, Math::log);
                yield new double[] {m, expect(p, x -> (Math.log(x) - m) * (Math.log(x) - m))};
            }
            case LAPLACE -> {
                double med = p.inverseCdf(0.5);
                yield new double[] {med, expect(p, x -> Math.abs(x - med))};
            }
            case UNIFORM -> new double[] {lo, hi};
        };
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i])) {
                throw Checks.fail("the expectations of p needed by %s are not finite (statistic %d: %s)", family, i, s[i]);
            }
        }
        return fromStatistics(family, s);
    }

    /**
     * The leading term \( \operatorname{tr}(G^{-1}\Sigma)/(2n) \) of the estimation risk
     * \( \mathbb{E}\,\mathrm{KL}(p_{\theta^*}\|p_{\hat\theta}) \) of the MLE from {@code n} draws of
     * {@code p} (see the class documentation).
     *
     * @throws IllegalArgumentException for a family that is not an exponential family
     */
    public static double firstOrderRisk(Family family, UnivariateDistribution p, int n) {
        Checks.requireNonNull("family", family);
        Checks.requirePositive("n", n);
        if (!family.isExponentialFamily()) {
            throw Checks.fail("family must be an exponential family for the risk expansion: %s", family);
        }
        UnivariateDistribution q = projectionFit(family, p).distribution();
        RealMatrix g = MatrixUtils.createRealMatrix(covariance(family, q));
        RealMatrix sigma = MatrixUtils.createRealMatrix(covariance(family, p));
        RealMatrix m = new LUDecomposition(g).getSolver().solve(sigma);
        return m.getTrace() / (2.0 * n);
    }

    private static DoubleUnaryOperator[] statistic(Family family) {
        return switch (family) {
            case NORMAL -> new DoubleUnaryOperator[] {x -> x, x -> x * x};
            case EXPONENTIAL -> new DoubleUnaryOperator[] {x -> x};
            case GAMMA -> new DoubleUnaryOperator[] {x -> x, Math::log};
            case BETA -> new DoubleUnaryOperator[] {Math::log, x -> Math.log1p(-x)};
            case LOGNORMAL -> new DoubleUnaryOperator[] {Math::log, x -> Math.log(x) * Math.log(x)};
            default -> throw new IllegalStateException(family.toString());
        };
    }

    private static double[][] covariance(Family family, UnivariateDistribution p) {
        DoubleUnaryOperator[] t = statistic(family);
        int k = t.length;
        double[] mu = new double[k];
        for (int a = 0; a < k; a++) {
            mu[a] = expect(p, t[a]);
        }
        double[][] c = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                final int aa = a;
                final int bb = b;
                c[a][b] = expect(p, x -> (t[aa].applyAsDouble(x) - mu[aa]) * (t[bb].applyAsDouble(x) - mu[bb]));
                c[b][a] = c[a][b];
            }
        }
        return c;
    }

    /** E_p[g(X)] = ∫₀¹ g(F⁻¹(u)) du, Gauss–Legendre on panels refined geometrically towards 0 and 1. */
    static double expect(UnivariateDistribution p, DoubleUnaryOperator g) {
        DoubleUnaryOperator h = u -> g.applyAsDouble(p.inverseCdf(u));
        double sum = 0;
        double[] cuts = new double[31];
        for (int i = 0; i < 15; i++) {
            cuts[i] = Math.pow(10, -15 + i);
            cuts[30 - i] = 1 - Math.pow(10, -15 + i);
        }
        cuts[15] = 0.5;
        // [0, 1e-15] and [1 − 1e-15, 1] are dropped (mass 2e-15).
        for (int i = 0; i + 1 < cuts.length; i++) {
            double a = cuts[i];
            double b = cuts[i + 1];
            int pieces = (i >= 12 && i < 18) ? 8 : 1;
            for (int j = 0; j < pieces; j++) {
                double lo = a + (b - a) * j / pieces;
                double hi = a + (b - a) * (j + 1) / pieces;
                double half = 0.5 * (hi - lo);
                double mid = 0.5 * (hi + lo);
                for (int q = 0; q < GL_NODES.length; q++) {
                    sum += half * GL_WEIGHTS[q] * h.applyAsDouble(mid + half * GL_NODES[q]);
                }
            }
        }
        return sum;
    }

    private static Fit fromStatistics(Family family, double[] s) {
        switch (family) {
            case NORMAL:
                requirePositiveSpread(family, s[1]);
                return closed(family, Normal.of(s[0], Math.sqrt(s[1])));
            case EXPONENTIAL:
                return closed(family, Exponential.of(1 / s[0]));
            case LOGNORMAL:
                requirePositiveSpread(family, s[1]);
                return closed(family, LogNormal.of(s[0], Math.sqrt(s[1])));
            case LAPLACE:
                requirePositiveSpread(family, s[1]);
                return closed(family, Laplace.of(s[0], s[1]));
            case UNIFORM:
                requirePositiveSpread(family, s[1] - s[0]);
                return closed(family, Uniform.of(s[0], s[1]));
            case GAMMA:
                return gamma(s[0], s[1]);
            case BETA:
                return beta(s[0], s[1], s[2], s[3]);
            default:
                throw new IllegalStateException(family.toString());
        }
    }

    private static void requirePositiveSpread(Family family, double spread) {
        if (!(spread > 0)) {
            throw Checks.fail("data must not be constant to fit %s: spread %s", family, spread);
        }
    }

    private static Fit closed(Family family, UnivariateDistribution d) {
        return new Fit(family, d, Double.NaN, 0, true, 0);
    }

    private static Fit gamma(double mean, double meanLog) {
        double s = Math.log(mean) - meanLog;
        requirePositiveSpread(Family.GAMMA, s);
        double k = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
        int it = 0;
        boolean converged = false;
        double r = Double.NaN;
        while (it < MAX_ITERATIONS) {
            it++;
            r = Math.log(k) - org.hipparchus.special.Gamma.digamma(k) - s;
            double dr = 1 / k - org.hipparchus.special.Gamma.trigamma(k);
            double next = k - r / dr;
            if (!(next > 0)) {
                next = k / 2;
            }
            double step = Math.abs(next - k);
            k = next;
            if (step <= TOLERANCE * k) {
                converged = true;
                break;
            }
        }
        r = Math.log(k) - org.hipparchus.special.Gamma.digamma(k) - s;
        return new Fit(Family.GAMMA, Gamma.of(k, mean / k), Double.NaN, it, converged, Math.abs(r));
    }

    private static Fit beta(double l1, double l2, double mean, double var) {
        requirePositiveSpread(Family.BETA, var);
        double common = mean * (1 - mean) / var - 1;
        double a = common > 0 ? mean * common : 1;
        double b = common > 0 ? (1 - mean) * common : 1;
        int it = 0;
        boolean converged = false;
        double[] res = betaResidual(a, b, l1, l2);
        while (it < MAX_ITERATIONS) {
            it++;
            double tab = org.hipparchus.special.Gamma.trigamma(a + b);
            double j11 = org.hipparchus.special.Gamma.trigamma(a) - tab;
            double j22 = org.hipparchus.special.Gamma.trigamma(b) - tab;
            double j12 = -tab;
            double det = j11 * j22 - j12 * j12;
            double da = (j22 * res[0] - j12 * res[1]) / det;
            double db = (j11 * res[1] - j12 * res[0]) / det;
            double na = a - da;
            double nb = b - db;
            double lambda = 1;
            while (!(na > 0 && nb > 0)) {
                lambda /= 2;
                na = a - lambda * da;
                nb = b - lambda * db;
            }
            double step = Math.max(Math.abs(na - a) / na, Math.abs(nb - b) / nb);
            a = na;
            b = nb;
            res = betaResidual(a, b, l1, l2);
            if (step <= TOLERANCE) {
                converged = true;
                break;
            }
        }
        return new Fit(Family.BETA, Beta.of(a, b), Double.NaN, it, converged, Math.max(Math.abs(res[0]), Math.abs(res[1])));
    }

    private static double[] betaResidual(double a, double b, double l1, double l2) {
        double dab = org.hipparchus.special.Gamma.digamma(a + b);
        return new double[] {org.hipparchus.special.Gamma.digamma(a) - dab - l1,
            org.hipparchus.special.Gamma.digamma(b) - dab - l2};
    }

    private static double mean(double[] data, DoubleUnaryOperator f) {
        double[] v = new double[data.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(data[i]);
        }
        return Numerics.sum(v) / v.length;
    }

    private static double[] meanVar(double[] data, DoubleUnaryOperator f) {
        double m = mean(data, f);
        return new double[] {m, mean(data, x -> {
            double d = f.applyAsDouble(x) - m;
            return d * d;
        })};
    }
}
