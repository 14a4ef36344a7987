package dev.entropic.transport;

import dev.entropic.core.Checks;
import dev.entropic.core.MultivariateNormal;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The closed-form 2-Wasserstein distance between Gaussians (Bures–Wasserstein):
 * \[ W_2^2(\mathcal N(m_1,\Sigma_1), \mathcal N(m_2,\Sigma_2)) = \|m_1-m_2\|^2
 *   + \mathrm{tr}\big(\Sigma_1 + \Sigma_2 - 2(\Sigma_1^{1/2}\Sigma_2\Sigma_1^{1/2})^{1/2}\big). \]
 * Matrix square roots of the symmetric PSD matrices are taken by symmetric eigendecomposition
 * (negative rounding-level eigenvalues clipped to 0), so the trace term is ≥ 0 up to rounding and
 * the result is clipped at 0.
 *
 * <p>Reference: D. C. Dowson, B. V. Landau, "The Fréchet distance between multivariate normal
 * distributions", J. Multivariate Anal. 12 (1982); C. R. Givens, R. M. Shortt (1984).
 */
public final class BuresWasserstein {
    private BuresWasserstein() {
    }

    /** \( W_2^2 \) between two Gaussians of the same dimension. */
    public static double squaredDistance(MultivariateNormal p, MultivariateNormal q) {
        Checks.requireNonNull("p", p);
        Checks.requireNonNull("q", q);
        return squaredDistance(p.mean(), p.covariance(), q.mean(), q.covariance());
    }

    /** \( W_2 \) between two Gaussians. */
    public static double distance(MultivariateNormal p, MultivariateNormal q) {
        return Math.sqrt(squaredDistance(p, q));
    }

    /** \( W_2^2 \) from means and covariances (symmetric PSD, validated for shape and finiteness). */
    public static double squaredDistance(double[] m1, double[][] s1, double[] m2, double[][] s2) {
        Checks.requireFiniteArray("m1", m1);
        Checks.requireFiniteArray("m2", m2);
        int d = m1.length;
        if (m2.length != d) {
            throw Checks.fail("m1 and m2 differ in length: %d vs %d", d, m2.length);
        }
        DMatrixRMaj a = matrix("s1", s1, d);
        DMatrixRMaj b = matrix("s2", s2, d);
        double mean = 0;
        for (int k = 0; k < d; k++) {
            double t = m1[k] - m2[k];
            mean += t * t;
        }
        DMatrixRMaj ra = sqrtm(a);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj mid = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(ra, b, tmp);
        CommonOps_DDRM.mult(tmp, ra, mid);
        symmetrize(mid);
        double cross = CommonOps_DDRM.trace(sqrtm(mid));
        double value = mean + CommonOps_DDRM.trace(a) + CommonOps_DDRM.trace(b) - 2 * cross;
        return Math.max(0.0, value);
    }

    private static DMatrixRMaj matrix(String name, double[][] s, int d) {
        Checks.requireNonNull(name, s);
        if (s.length != d) {
            throw Checks.fail("%s has %d rows, expected %d", name, s.length, d);
        }
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            if (s[i] == null || s[i].length != d) {
                throw Checks.fail("%s[%d] has length %d, expected %d", name, i, s[i] == null ? 0 : s[i].length, d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(s[i][j])) {
                    throw Checks.fail("%s[%d][%d] is not finite: %s", name, i, j, s[i][j]);
                }
                m.set(i, j, s[i][j]);
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double x = m.get(i, j);
                double y = m.get(j, i);
                if (!(Math.abs(x - y) <= 1e-10 * Math.max(1, Math.max(Math.abs(x), Math.abs(y))))) {
                    throw Checks.fail("%s is not symmetric at (%d, %d): %s vs %s", name, i, j, x, y);
                }
            }
        }
        symmetrize(m);
        return m;
    }

    private static void symmetrize(DMatrixRMaj m) {
        int d = m.numRows;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, v);
                m.set(j, i, v);
            }
        }
    }

    /** Symmetric PSD square root V diag(√max(λ,0)) Vᵀ. */
    static DMatrixRMaj sqrtm(DMatrixRMaj s) {
        int d = s.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(s.copy())) {
            throw Checks.fail("eigendecomposition failed for a %dx%d covariance", d, d);
        }
        DMatrixRMaj out = new DMatrixRMaj(d, d);
        for (int k = 0; k < d; k++) {
            double lambda = eig.getEigenvalue(k).getReal();
            if (lambda < -1e-8 * Math.max(1, CommonOps_DDRM.elementMaxAbs(s))) {
                throw Checks.fail("covariance is not positive semi-definite: eigenvalue %s", lambda);
            }
            double r = Math.sqrt(Math.max(lambda, 0));
            DMatrixRMaj v = eig.getEigenVector(k);
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += v.get(i) * v.get(i);
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    out.add(i, j, r * v.get(i) * v.get(j) / norm);
                }
            }
        }
        return out;
    }
}
