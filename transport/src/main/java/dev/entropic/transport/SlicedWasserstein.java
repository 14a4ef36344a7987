package dev.entropic.transport;

import dev.entropic.core.Checks;
import dev.entropic.core.EmpiricalDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.UnitSphereSampler;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Sliced Wasserstein distances between weighted point clouds in R^d, through the one-dimensional
 * closed form ({@link OneDimensionalTransport}) on projections \( \theta^\top x \):
 * <ul>
 *   <li>sliced: \( SW_p(\mu,\nu) = \big(\tfrac1K\sum_{k=1}^K W_p^p(\theta_k\#\mu, \theta_k\#\nu)\big)^{1/p} \),
 *       θ_k i.i.d. uniform on the sphere (a Monte Carlo estimate of \( (\mathbb E_\theta W_p^p)^{1/p} \);
 *       equals POT's {@code ot.sliced_wasserstein_distance} for the same directions);</li>
 *   <li>max-sliced: \( \max_k W_p(\theta_k\#\mu, \theta_k\#\nu) \) over the K random directions
 *       (as POT 0.8.2's {@code max_sliced_wasserstein_distance});</li>
 *   <li>von Mises–Fisher distributional sliced (v-DSW):
 *       \( \big(\tfrac1K\sum_k W_p^p(\theta_k\#\mu,\theta_k\#\nu)\big)^{1/p} \) with θ_k ~ vMF(m, κ)
 *       (Wood's sampler); the location m is the best of the K uniform directions (the paper
 *       optimises m by gradient ascent; random search is used here). κ → 0 gives SW_p, κ → ∞ the
 *       max-sliced value at m.</li>
 * </ul>
 * Randomness is passed in; the same seed gives the same value.
 *
 * <p>References: N. Bonneel, J. Rabin, G. Peyré, H. Pfister, "Sliced and Radon Wasserstein
 * barycenters of measures", JMIV 51 (2015); I. Deshpande et al., "Max-Sliced Wasserstein Distance
 * and its use for GANs", CVPR 2019; K. Nguyen, N. Ho, T. Pham, H. Bui, "Distributional
 * Sliced-Wasserstein and Applications to Generative Modeling", ICLR 2021.
 */
public final class SlicedWasserstein {
    private SlicedWasserstein() {
    }

    /** K directions uniform on the unit sphere of R^d, one per row. */
    public static double[][] randomDirections(int d, int k, UniformRandomProvider rng) {
        Checks.requirePositive("dimension", d);
        Checks.requirePositive("projections", k);
        Checks.requireNonNull("rng", rng);
        double[][] out = new double[k][];
        if (d == 1) {
            for (int i = 0; i < k; i++) {
                out[i] = new double[] {1.0};
            }
            return out;
        }
        UnitSphereSampler s = UnitSphereSampler.of(rng, d);
        for (int i = 0; i < k; i++) {
            out[i] = s.sample();
        }
        return out;
    }

    /** \( SW_p \) with K uniform random directions. */
    public static double sliced(EmpiricalDistribution x, EmpiricalDistribution y, double p, int k, UniformRandomProvider rng) {
        checkPair(x, y);
        return sliced(x, y, p, randomDirections(x.dimension(), k, rng));
    }

    /** \( SW_p \) with the given directions (each normalised to unit length here). */
    public static double sliced(EmpiricalDistribution x, EmpiricalDistribution y, double p, double[][] directions) {
        double[] w = powers(x, y, p, directions);
        double s = 0;
        for (double v : w) {
            s += v;
        }
        return Math.pow(s / w.length, 1.0 / p);
    }

    /** Max-sliced \( W_p \) over K uniform random directions. */
    public static double maxSliced(EmpiricalDistribution x, EmpiricalDistribution y, double p, int k, UniformRandomProvider rng) {
        checkPair(x, y);
        double[] w = powers(x, y, p, randomDirections(x.dimension(), k, rng));
        double best = 0;
        for (double v : w) {
            best = Math.max(best, v);
        }
        return Math.pow(best, 1.0 / p);
    }

    /** v-DSW: K directions from vMF(m, κ), m the best of K uniform directions; κ ≥ 0. */
    public static double vonMisesFisher(EmpiricalDistribution x, EmpiricalDistribution y, double p, int k, double kappa,
            UniformRandomProvider rng) {
        checkPair(x, y);
        if (!(kappa >= 0 && kappa < Double.POSITIVE_INFINITY)) {
            throw Checks.fail("kappa must be finite and non-negative: %s", kappa);
        }
        int d = x.dimension();
        double[][] uniform = randomDirections(d, k, rng);
        double[] w = powers(x, y, p, uniform);
        int best = 0;
        for (int i = 1; i < w.length; i++) {
            if (w[i] > w[best]) {
                best = i;
            }
        }
        double[] location = uniform[best];
        double[][] dirs = new double[k][];
        for (int i = 0; i < k; i++) {
            dirs[i] = sampleVonMisesFisher(location, kappa, rng);
        }
        return sliced(x, y, p, dirs);
    }

    /**
     * One draw from the von Mises–Fisher distribution on \( S^{d-1} \) with mean direction μ (unit)
     * and concentration κ (A. T. A. Wood, "Simulation of the von Mises Fisher distribution",
     * Commun. Stat. Simul. Comput. 23 (1994)).
     */
    public static double[] sampleVonMisesFisher(double[] mu, double kappa, UniformRandomProvider rng) {
        int d = mu.length;
        if (d == 1) {
            double pPlus = kappa == 0 ? 0.5 : 1 / (1 + Math.exp(-2 * kappa));
            return new double[] {rng.nextDouble() < pPlus ? mu[0] : -mu[0]};
        }
        double w;
        if (kappa == 0) {
            w = 2 * new ChengBetaSampler(rng, 0.5 * (d - 1), 0.5 * (d - 1)).sample() - 1;
        } else {
            double dm1 = d - 1;
            double b = dm1 / (2 * kappa + Math.sqrt(4 * kappa * kappa + dm1 * dm1));
            double x0 = (1 - b) / (1 + b);
            double c = kappa * x0 + dm1 * Math.log(1 - x0 * x0);
            ChengBetaSampler beta = new ChengBetaSampler(rng, 0.5 * dm1, 0.5 * dm1);
            while (true) {
                double z = beta.sample();
                w = (1 - (1 + b) * z) / (1 - (1 - b) * z);
                double u = rng.nextDouble();
                if (kappa * w + dm1 * Math.log(1 - x0 * w) - c >= Math.log(u)) {
                    break;
                }
            }
        }
        // a uniform direction orthogonal to μ
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] v = new double[d];
        double norm;
        do {
            double dot = 0;
            for (int i = 0; i < d; i++) {
                v[i] = g.sample();
                dot += v[i] * mu[i];
            }
            norm = 0;
            for (int i = 0; i < d; i++) {
                v[i] -= dot * mu[i];
                norm += v[i] * v[i];
            }
        } while (!(norm > 1e-20));
        norm = Math.sqrt(norm);
        double s = Math.sqrt(Math.max(0, 1 - w * w));
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = w * mu[i] + s * v[i] / norm;
        }
        return out;
    }

    private static void checkPair(EmpiricalDistribution x, EmpiricalDistribution y) {
        Checks.requireNonNull("x", x);
        Checks.requireNonNull("y", y);
        if (x.dimension() != y.dimension()) {
            throw Checks.fail("x and y differ in dimension: %d vs %d", x.dimension(), y.dimension());
        }
    }

    /** \( W_p^p \) of the projections on each direction. */
    static double[] powers(EmpiricalDistribution x, EmpiricalDistribution y, double p, double[][] directions) {
        checkPair(x, y);
        Checks.requireNonNull("directions", directions);
        if (directions.length == 0) {
            throw Checks.fail("directions is empty");
        }
        if (!(p >= 1 && p < Double.POSITIVE_INFINITY)) {
            throw Checks.fail("p must be in [1, ∞): %s", p);
        }
        int d = x.dimension();
        double[] px = x.pointsRowMajor();
        double[] py = y.pointsRowMajor();
        double[] a = x.weights();
        double[] b = y.weights();
        double[] projX = new double[x.size()];
        double[] projY = new double[y.size()];
        double[] out = new double[directions.length];
        for (int k = 0; k < directions.length; k++) {
            double[] theta = directions[k];
            if (theta == null || theta.length != d) {
                throw Checks.fail("directions[%d] has length %d, expected %d", k, theta == null ? 0 : theta.length, d);
            }
            double norm = 0;
            for (double t : theta) {
                norm += t * t;
            }
            if (!(norm > 0 && norm < Double.POSITIVE_INFINITY)) {
                throw Checks.fail("directions[%d] has no finite non-zero length", k);
            }
            norm = Math.sqrt(norm);
            project(px, d, theta, norm, projX);
            project(py, d, theta, norm, projY);
            out[k] = OneDimensionalTransport.wassersteinPower(projX, a, projY, b, p);
        }
        return out;
    }

    private static void project(double[] pts, int d, double[] theta, double norm, double[] out) {
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += pts[i * d + k] * theta[k];
            }
            out[i] = s / norm;
        }
    }
}
