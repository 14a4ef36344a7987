package dev.entropic.divergences;

import dev.entropic.core.Beta;
import dev.entropic.core.Exponential;
import dev.entropic.core.Gamma;
import dev.entropic.core.Laplace;
import dev.entropic.core.LogNormal;
import dev.entropic.core.MultivariateNormal;
import dev.entropic.core.Normal;
import dev.entropic.core.Numerics;
import dev.entropic.core.Uniform;
import dev.entropic.core.UnivariateDistribution;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.LogGamma;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.hipparchus.special.Erf;

/**
 * Closed-form divergences between two laws of the same parametric family.
 *
 * <p>Most kinds follow from two quantities of the pair: {@code KL(p‖q)} (and {@code KL(q‖p)}) and
 * the log-affinity {@code ln I_α = ln ∫ p^α q^{1−α}}, which is {@code +∞} where the integral
 * diverges (possible only for α &lt; 0 or α &gt; 1). Then
 * <ul>
 *   <li>jeffreys {@code = KL(p‖q) + KL(q‖p)};</li>
 *   <li>squared-hellinger {@code = 1 − I_{1/2}} (Bhattacharyya coefficient {@code I_{1/2}}), computed
 *       as {@code −expm1(ln I_{1/2})}; hellinger its square root;</li>
 *   <li>chi2 {@code = I_2 − 1}, neyman-chi2 {@code = I_{−1} − 1} (computed with {@code expm1});</li>
 *   <li>alpha {@code = (I_α − 1)/(α(α−1))}, with α = 1 → KL, α = 0 → reverse KL;</li>
 *   <li>renyi {@code = ln I_α/(α − 1)}, with α = 1 → KL and α = 0 → {@code −ln Q(p > 0) = 0} for
 *       two laws of the same family with a common support.</li>
 * </ul>
 * js and triangular have no closed form here (the caller falls back to quadrature); tv is closed
 * for normal, log-normal, exponential and uniform pairs.
 *
 * <p>Formulas per family (natural log; {@code ψ} is the digamma function, {@code lnΓ}, {@code ln B}
 * the log-gamma and log-beta functions, all from Commons Numbers {@code org.apache.commons.numbers.gamma}
 * (the library behind Commons Statistics' distributions; Hipparchus' {@code Gamma.digamma} is
 * accurate only to about 1e-8 relative, e.g. ψ(2) = 0.42278433220 vs 0.42278433509846714, which
 * is visible in a KL value); the two-argument error function is Hipparchus' {@code Erf.erf}):
 * <ul>
 *   <li><b>Normal</b> N(μ₁, σ₁²), N(μ₂, σ₂²), Δ = μ₁ − μ₂:
 *       {@code KL = ½[(ρ − 1 − ln ρ) + Δ²/σ₂²]}, ρ = σ₁²/σ₂², with {@code ρ − 1 − ln ρ} evaluated as
 *       {@code ρ·φ(1/ρ − 1)}, φ(x) = (1+x)ln(1+x) − x, free of cancellation for σ₁ ≈ σ₂;
 *       {@code ln I_α = α(α−1)Δ²/(2σ_α²) − ½ ln σ_α² + (1−α) ln σ₁ + α ln σ₂} with
 *       {@code σ_α² = ασ₂² + (1−α)σ₁²}, +∞ when σ_α² ≤ 0 (M. Gil, F. Alajaji, T. Linder, "Rényi
 *       divergence measures for commonly used univariate continuous distributions", Information
 *       Sciences 249, 2013, Table 2); tv {@code = |P(A) − Q(A)|} with A the interval between the
 *       two crossing points of the densities (roots of {@code ln p = ln q}, a quadratic), or the
 *       half-line cut at (μ₁+μ₂)/2 when σ₁ = σ₂ ({@code tv = erf(|Δ|/(2√2σ))}); interval masses via
 *       Hipparchus' two-argument {@code Erf.erf(x₁, x₂)}, accurate in the tails.</li>
 *   <li><b>Log-normal</b>: every f-divergence is invariant under the bijection x ↦ ln x, so a
 *       log-normal pair has the values of the normal pair N(μᵢ, σᵢ²) (Csiszár 1967).</li>
 *   <li><b>Gamma</b> (shape k, scale θ): {@code KL = (k₁−k₂)ψ(k₁) − lnΓ(k₁) + lnΓ(k₂) + k₂ ln(θ₂/θ₁)
 *       + k₁(θ₁−θ₂)/θ₂} (W. D. Penny, "KL-divergences of Normal, Gamma, Dirichlet and Wishart
 *       densities", 2001); {@code ln I_α = lnΓ(k_α) − k_α ln β_α − α lnΓ(k₁) − (1−α) lnΓ(k₂)
 *       − αk₁ ln θ₁ − (1−α)k₂ ln θ₂} with {@code k_α = αk₁ + (1−α)k₂}, {@code β_α = α/θ₁ + (1−α)/θ₂},
 *       +∞ unless both are positive (Gil et al. 2013, Table 2).</li>
 *   <li><b>Exponential</b> (rate λ) = Gamma(1, 1/λ); tv: the densities cross once at
 *       {@code x* = ln(λ₁/λ₂)/(λ₁−λ₂)}, {@code tv = |e^{−λ₂x*} − e^{−λ₁x*}|}.</li>
 *   <li><b>Beta</b> B(a, b): {@code KL = ln B(a₂,b₂) − ln B(a₁,b₁) + (a₁−a₂)ψ(a₁) + (b₁−b₂)ψ(b₁)
 *       + (a₂−a₁+b₂−b₁)ψ(a₁+b₁)} (Penny 2001; Gil et al. 2013);
 *       {@code ln I_α = ln B(a_α, b_α) − α ln B(a₁,b₁) − (1−α) ln B(a₂,b₂)}, {@code a_α = αa₁+(1−α)a₂},
 *       {@code b_α = αb₁+(1−α)b₂}, +∞ unless both are positive.</li>
 *   <li><b>Laplace</b> (location μ, scale b), kl, reverse-kl and jeffreys only:
 *       {@code KL = ln(b₂/b₁) + |μ₁−μ₂|/b₂ + (b₁/b₂) e^{−|μ₁−μ₂|/b₁} − 1} (Gil et al. 2013).</li>
 *   <li><b>Uniform</b> U(a₁,b₁), U(a₂,b₂): both densities are constant on the three pieces
 *       {@code supp p ∩ supp q}, {@code supp p \ supp q}, {@code supp q \ supp p}, so every kind is
 *       the sum of the piece lengths times {@link Divergence#term} at the constant densities
 *       (exact, including the +∞ cases); renyi α = 0 is {@code −ln(|supp p ∩ supp q|/(b₂−a₂))}.</li>
 *   <li><b>Multivariate normal</b> N(μ₁, Σ₁), N(μ₂, Σ₂) in R^d, Δ = μ₁ − μ₂:
 *       {@code KL = ½[tr(Σ₂⁻¹Σ₁) + Δᵀ Σ₂⁻¹ Δ − d + ln det Σ₂ − ln det Σ₁]};
 *       {@code ln I_α = ½α(α−1) Δᵀ Σ_α⁻¹ Δ − ½ ln det Σ_α + ½(1−α) ln det Σ₁ + ½α ln det Σ₂} with
 *       {@code Σ_α = αΣ₂ + (1−α)Σ₁}, +∞ when Σ_α is not positive definite (L. Pardo, "Statistical
 *       Inference Based on Divergence Measures", 2006, p. 33; Gil et al. 2013).</li>
 * </ul>
 */
final class ClosedForms {
    private static final double SQRT2 = Math.sqrt(2);

    private ClosedForms() {
    }

    /** The closed-form value for the pair, or {@code null} when none is implemented. */
    static Double univariate(Divergence d, UnivariateDistribution p, UnivariateDistribution q) {
        if (p instanceof Normal a && q instanceof Normal b) {
            return normal(d, a.location(), a.sd(), b.location(), b.sd());
        }
        if (p instanceof LogNormal a && q instanceof LogNormal b) {
            return normal(d, a.mu(), a.sigma(), b.mu(), b.sigma());
        }
        if (p instanceof Exponential a && q instanceof Exponential b) {
            double l1 = a.rate();
            double l2 = b.rate();
            double tv;
            if (l1 == l2) {
                tv = 0;
            } else {
                double x = Math.log(l1 / l2) / (l1 - l2);
                tv = Math.abs(Math.exp(-l2 * x) - Math.exp(-l1 * x));
            }
            return gamma(d, 1, 1 / l1, 1, 1 / l2, tv);
        }
        if (p instanceof Gamma a && q instanceof Gamma b) {
            return gamma(d, a.shape(), a.scale(), b.shape(), b.scale(), Double.NaN);
        }
        if (p instanceof Beta a && q instanceof Beta b) {
            return beta(d, a.alpha(), a.beta(), b.alpha(), b.beta());
        }
        if (p instanceof Laplace a && q instanceof Laplace b) {
            double kl = laplaceKl(a.location(), a.scale(), b.location(), b.scale());
            double rkl = laplaceKl(b.location(), b.scale(), a.location(), a.scale());
            return fromParts(d, kl, rkl, null, Double.NaN);
        }
        if (p instanceof Uniform a && q instanceof Uniform b) {
            return uniform(d, a.lower(), a.upper(), b.lower(), b.upper());
        }
        return null;
    }

    /** Whether {@link #univariate} has a closed form for some kind between these two laws. */
    static String families() {
        return "normal, log-normal, exponential, gamma, beta, laplace (kl, reverse-kl, jeffreys), "
                + "uniform pairs of the same family";
    }

    // ------------------------------------------------------------------ generic assembly

    /**
     * Assembles the kind from KL, reverse KL, the log-affinity (null if unknown) and tv (NaN if
     * unknown); null when the kind is not available from these parts.
     */
    static Double fromParts(Divergence d, double kl, double rkl, DoubleUnaryOperator logAffinity, double tv) {
        double a = d.alpha();
        switch (d.kind()) {
            case KL:
                return kl;
            case REVERSE_KL:
                return rkl;
            case JEFFREYS:
                return kl + rkl;
            case TV:
                return Double.isNaN(tv) ? null : tv;
            case JS:
            case TRIANGULAR:
                return null;
            default:
                break;
        }
        if (d.kind() == DivergenceKind.ALPHA && (a == 1 || a == 0)) {
            return a == 1 ? kl : rkl;
        }
        if (d.kind() == DivergenceKind.RENYI && (a == 1 || a == 0)) {
            return a == 1 ? kl : 0.0; // same-family pairs share their support
        }
        if (logAffinity == null) {
            return null;
        }
        switch (d.kind()) {
            case SQUARED_HELLINGER:
                return Math.max(0, -Math.expm1(logAffinity.applyAsDouble(0.5)));
            case HELLINGER:
                return Math.sqrt(Math.max(0, -Math.expm1(logAffinity.applyAsDouble(0.5))));
            case CHI2:
                return Math.max(0, Math.expm1(logAffinity.applyAsDouble(2)));
            case NEYMAN_CHI2:
                return Math.max(0, Math.expm1(logAffinity.applyAsDouble(-1)));
            case ALPHA: {
                double li = logAffinity.applyAsDouble(a);
                return Math.max(0, Math.expm1(li) / (a * (a - 1)));
            }
            case RENYI: {
                double li = logAffinity.applyAsDouble(a);
                return Math.max(0, li / (a - 1));
            }
            default:
                throw new AssertionError(d.kind());
        }
    }

    // ------------------------------------------------------------------ families

    static Double normal(Divergence d, double m1, double s1, double m2, double s2) {
        double delta = m1 - m2;
        double kl = normalKl(delta, s1, s2);
        double rkl = normalKl(-delta, s2, s1);
        DoubleUnaryOperator li = alpha -> {
            double var = alpha * s2 * s2 + (1 - alpha) * s1 * s1;
            if (!(var > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            return alpha * (alpha - 1) * delta * delta / (2 * var) - 0.5 * Math.log(var)
                    + (1 - alpha) * Math.log(s1) + alpha * Math.log(s2);
        };
        double tv = d.kind() == DivergenceKind.TV ? normalTv(m1, s1, m2, s2) : Double.NaN;
        return fromParts(d, kl, rkl, li, tv);
    }

    private static double normalKl(double delta, double s1, double s2) {
        double rho = (s1 / s2) * (s1 / s2);
        double x = (s2 - s1) * (s2 + s1) / (s1 * s1); // 1/ρ − 1
        double shape = rho * Numerics.onePlusXLogOnePlusXMinusX(x); // ρ − 1 − ln ρ
        return 0.5 * (shape + (delta / s2) * (delta / s2));
    }

    /** Mass of N(m, s²) on (x1, x2). */
    private static double normalMass(double m, double s, double x1, double x2) {
        return 0.5 * Erf.erf((x1 - m) / (s * SQRT2), (x2 - m) / (s * SQRT2));
    }

    static double normalTv(double m1, double s1, double m2, double s2) {
        double delta = m1 - m2;
        if (s1 == s2) {
            return Erf.erf(Math.abs(delta) / (2 * SQRT2 * s1));
        }
        // ln p − ln q = 0  ⇔  A x² + B x + C = 0 (times 2σ₁²σ₂²)
        double v1 = s1 * s1;
        double v2 = s2 * s2;
        double a = v1 - v2;
        double b = -2 * (m2 * v1 - m1 * v2);
        double c = m2 * m2 * v1 - m1 * m1 * v2 + 2 * v1 * v2 * Math.log(s2 / s1);
        double disc = b * b - 4 * a * c;
        if (!(disc > 0)) {
            disc = 0;
        }
        double sq = Math.sqrt(disc);
        double x1;
        double x2;
        if (b == 0) {
            x1 = -sq / (2 * a);
            x2 = sq / (2 * a);
        } else {
            double t = -0.5 * (b + Math.copySign(sq, b));
            x1 = t / a;
            x2 = c / t;
        }
        double lo = Math.min(x1, x2);
        double hi = Math.max(x1, x2);
        return Math.abs(normalMass(m1, s1, lo, hi) - normalMass(m2, s2, lo, hi));
    }

    static Double gamma(Divergence d, double k1, double t1, double k2, double t2, double tv) {
        double kl = gammaKl(k1, t1, k2, t2);
        double rkl = gammaKl(k2, t2, k1, t1);
        DoubleUnaryOperator li = alpha -> {
            double k = alpha * k1 + (1 - alpha) * k2;
            double rate = alpha / t1 + (1 - alpha) / t2;
            if (!(k > 0) || !(rate > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            return LogGamma.value(k) - k * Math.log(rate)
                    - alpha * LogGamma.value(k1)
                    - (1 - alpha) * LogGamma.value(k2)
                    - alpha * k1 * Math.log(t1) - (1 - alpha) * k2 * Math.log(t2);
        };
        return fromParts(d, kl, rkl, li, tv);
    }

    private static double gammaKl(double k1, double t1, double k2, double t2) {
        double v = (k1 - k2) * Digamma.value(k1)
                - LogGamma.value(k1) + LogGamma.value(k2)
                + k2 * Math.log(t2 / t1) + k1 * (t1 - t2) / t2;
        return Math.max(0, v);
    }

    static Double beta(Divergence d, double a1, double b1, double a2, double b2) {
        double kl = betaKl(a1, b1, a2, b2);
        double rkl = betaKl(a2, b2, a1, b1);
        DoubleUnaryOperator li = alpha -> {
            double a = alpha * a1 + (1 - alpha) * a2;
            double b = alpha * b1 + (1 - alpha) * b2;
            if (!(a > 0) || !(b > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            return LogBeta.value(a, b)
                    - alpha * LogBeta.value(a1, b1)
                    - (1 - alpha) * LogBeta.value(a2, b2);
        };
        return fromParts(d, kl, rkl, li, Double.NaN);
    }

    private static double betaKl(double a1, double b1, double a2, double b2) {
        double v = LogBeta.value(a2, b2) - LogBeta.value(a1, b1)
                + (a1 - a2) * Digamma.value(a1)
                + (b1 - b2) * Digamma.value(b1)
                + (a2 - a1 + b2 - b1) * Digamma.value(a1 + b1);
        return Math.max(0, v);
    }

    private static double laplaceKl(double m1, double b1, double m2, double b2) {
        double dm = Math.abs(m1 - m2);
        double v = Math.log(b2 / b1) + dm / b2 + (b1 / b2) * Math.exp(-dm / b1) - 1;
        return Math.max(0, v);
    }

    static Double uniform(Divergence d, double a1, double b1, double a2, double b2) {
        double l1 = b1 - a1;
        double l2 = b2 - a2;
        double overlap = Math.max(0, Math.min(b1, b2) - Math.max(a1, a2));
        if (d.kind() == DivergenceKind.RENYI && d.alpha() == 0) {
            return overlap == 0 ? Double.POSITIVE_INFINITY : Math.max(0, -Math.log(overlap / l2));
        }
        double onlyP = l1 - overlap;
        double onlyQ = l2 - overlap;
        double s = 0;
        if (overlap > 0) {
            s += overlap * d.term(1 / l1, 1 / l2);
        }
        if (onlyP > 0) {
            s += onlyP * d.term(1 / l1, 0);
        }
        if (onlyQ > 0) {
            s += onlyQ * d.term(0, 1 / l2);
        }
        return d.fromSum(s);
    }

    // ------------------------------------------------------------------ multivariate normal

    /** Closed form between two multivariate normals, or null for js, tv and triangular. */
    static Double multivariateNormal(Divergence d, MultivariateNormal p, MultivariateNormal q) {
        int n = p.dimension();
        DMatrixRMaj s1 = new DMatrixRMaj(p.covariance());
        DMatrixRMaj s2 = new DMatrixRMaj(q.covariance());
        double[] m1 = p.mean();
        double[] m2 = q.mean();
        DMatrixRMaj delta = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            delta.set(i, 0, m1[i] - m2[i]);
        }
        double kl = mvnKl(s1, s2, delta, p.logDeterminant(), q.logDeterminant());
        double rkl = mvnKl(s2, s1, delta, q.logDeterminant(), p.logDeterminant());
        DoubleUnaryOperator li = alpha -> {
            DMatrixRMaj sa = new DMatrixRMaj(n, n);
            CommonOps_DDRM.add(alpha, s2, 1 - alpha, s1, sa);
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
            if (!chol.decompose(sa.copy())) {
                return Double.POSITIVE_INFINITY;
            }
            DMatrixRMaj l = chol.getT(null);
            double logDet = 0;
            for (int i = 0; i < n; i++) {
                if (!(l.get(i, i) > 0)) {
                    return Double.POSITIVE_INFINITY;
                }
                logDet += 2 * Math.log(l.get(i, i));
            }
            double maha = squaredNorm(forward(l, delta));
            return 0.5 * alpha * (alpha - 1) * maha - 0.5 * logDet
                    + 0.5 * (1 - alpha) * p.logDeterminant() + 0.5 * alpha * q.logDeterminant();
        };
        return fromParts(d, kl, rkl, li, Double.NaN);
    }

    private static double mvnKl(DMatrixRMaj s1, DMatrixRMaj s2, DMatrixRMaj delta, double logDet1, double logDet2) {
        int n = s1.numRows;
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        chol.decompose(s2.copy());
        DMatrixRMaj l = chol.getT(null);
        // tr(Σ₂⁻¹Σ₁) = ‖L₂⁻¹ L₁‖²_F where Σ₁ = L₁L₁ᵀ; use L₂⁻¹Σ₁L₂⁻ᵀ's trace = Σ_j ‖L₂⁻¹ c_j‖² over
        // the columns c_j of a square root of Σ₁.
        CholeskyDecomposition_F64<DMatrixRMaj> chol1 = DecompositionFactory_DDRM.chol(n, true);
        chol1.decompose(s1.copy());
        DMatrixRMaj l1 = chol1.getT(null);
        double trace = 0;
        for (int j = 0; j < n; j++) {
            DMatrixRMaj col = new DMatrixRMaj(n, 1);
            for (int i = 0; i < n; i++) {
                col.set(i, 0, l1.get(i, j));
            }
            trace += squaredNorm(forward(l, col));
        }
        double maha = squaredNorm(forward(l, delta));
        return Math.max(0, 0.5 * (trace + maha - n + logDet2 - logDet1));
    }

    /** Solves {@code L z = b} for lower-triangular L by forward substitution. */
    private static double[] forward(DMatrixRMaj l, DMatrixRMaj b) {
        int n = l.numRows;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b.get(i, 0);
            for (int k = 0; k < i; k++) {
                s -= l.get(i, k) * z[k];
            }
            z[i] = s / l.get(i, i);
        }
        return z;
    }

    private static double squaredNorm(double[] z) {
        double s = 0;
        for (double v : z) {
            s += v * v;
        }
        return s;
    }
}
