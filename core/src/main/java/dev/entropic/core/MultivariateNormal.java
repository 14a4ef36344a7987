package dev.entropic.core;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * The multivariate normal law N(μ, Σ) on R^d:
 * {@code log p(x) = −½ (x−μ)ᵀ Σ⁻¹ (x−μ) − ½ log det Σ − (d/2) log 2π}.
 *
 * <p>Σ is factorised once at construction, {@code Σ = L Lᵀ} (Cholesky, EJML); a covariance that is
 * not symmetric positive definite is rejected. The log-density solves {@code L z = x − μ} by forward
 * substitution (no inverse is formed); sampling is {@code μ + L z} with z standard normal
 * (Commons RNG ziggurat).
 */
public final class MultivariateNormal implements MultivariateDistribution {
    private final int d;
    private final double[] mean;
    private final double[] covariance; // row-major d×d
    private final double[] lower; // row-major d×d Cholesky factor
    private final double logDeterminant;

    private MultivariateNormal(double[] mean, double[] covariance, double[] lower, double logDet) {
        this.d = mean.length;
        this.mean = mean;
        this.covariance = covariance;
        this.lower = lower;
        this.logDeterminant = logDet;
    }

    /** N(mean, covariance); covariance must be d×d symmetric positive definite. */
    public static MultivariateNormal of(double[] mean, double[][] covariance) {
        Checks.requireFiniteArray("mean", mean);
        Checks.requireNonNull("covariance", covariance);
        int d = mean.length;
        if (covariance.length != d) {
            throw Checks.fail("covariance must be %d x %d to match mean: has %d rows", d, d, covariance.length);
        }
        double[] cov = new double[d * d];
        for (int i = 0; i < d; i++) {
            if (covariance[i] == null || covariance[i].length != d) {
                throw Checks.fail("covariance[%d] must have %d columns", i, d);
            }
            for (int j = 0; j < d; j++) {
                double v = covariance[i][j];
                if (!Double.isFinite(v)) {
                    throw Checks.fail("covariance[%d][%d] is not finite: %s", i, j, v);
                }
                cov[i * d + j] = v;
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double a = cov[i * d + j];
                double b = cov[j * d + i];
                if (Math.abs(a - b) > 1e-12 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)))) {
                    throw Checks.fail("covariance is not symmetric: [%d][%d]=%s vs [%d][%d]=%s", i, j, a, j, i, b);
                }
            }
        }
        DMatrixRMaj m = new DMatrixRMaj(d, d, true, cov);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
        if (!chol.decompose(m.copy())) {
            throw Checks.fail("covariance is not positive definite");
        }
        DMatrixRMaj l = chol.getT(null);
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            double diag = l.get(i, i);
            if (!(diag > 0)) {
                throw Checks.fail("covariance is not positive definite");
            }
            logDet += 2 * Math.log(diag);
        }
        return new MultivariateNormal(mean.clone(), cov, l.getData().clone(), logDet);
    }

    /** The standard normal N(0, I_d). */
    public static MultivariateNormal standard(int d) {
        Checks.requirePositive("d", d);
        double[][] eye = new double[d][d];
        for (int i = 0; i < d; i++) {
            eye[i][i] = 1;
        }
        return of(new double[d], eye);
    }

    @Override
    public int dimension() {
        return d;
    }

    /** A copy of μ. */
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of Σ. */
    public double[][] covariance() {
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(covariance, i * d, out[i], 0, d);
        }
        return out;
    }

    /** A copy of the lower Cholesky factor L (Σ = L Lᵀ). */
    public double[][] choleskyFactor() {
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(lower, i * d, out[i], 0, d);
        }
        return out;
    }

    /** {@code log det Σ}. */
    public double logDeterminant() {
        return logDeterminant;
    }

    /** The squared Mahalanobis distance {@code (x−μ)ᵀ Σ⁻¹ (x−μ)}. */
    public double mahalanobisSquared(double[] x) {
        if (x.length != d) {
            throw Checks.fail("x has length %d, the distribution has dimension %d", x.length, d);
        }
        double[] z = new double[d];
        double q = 0;
        for (int i = 0; i < d; i++) {
            double s = x[i] - mean[i];
            for (int j = 0; j < i; j++) {
                s -= lower[i * d + j] * z[j];
            }
            z[i] = s / lower[i * d + i];
            q += z[i] * z[i];
        }
        return q;
    }

    @Override
    public double logDensity(double[] x) {
        return -0.5 * mahalanobisSquared(x) - 0.5 * logDeterminant - d * Numerics.LOG_SQRT_2PI;
    }

    @Override
    public double[][] sample(UniformRandomProvider rng, int n) {
        Checks.requireNonNull("rng", rng);
        NormalizedGaussianSampler g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] out = new double[n][d];
        double[] z = new double[d];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < d; i++) {
                z[i] = g.sample();
            }
            double[] row = out[k];
            for (int i = 0; i < d; i++) {
                double s = mean[i];
                for (int j = 0; j <= i; j++) {
                    s += lower[i * d + j] * z[j];
                }
                row[i] = s;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "MultivariateNormal(d=" + d + ")";
    }
}
