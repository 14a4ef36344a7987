package dev.entropic.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entropic.core.Exponential;
import dev.entropic.core.Gamma;
import dev.entropic.core.Normal;
import dev.entropic.core.Rng;
import dev.entropic.core.UnivariateDistribution;
import dev.entropic.estimators.MaximumLikelihood.Family;
import dev.entropic.estimators.MaximumLikelihood.PnCriterion;
import dev.entropic.estimators.MaximumLikelihood.RiskExpansion;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** The n⁻² risk expansion (R2) against exact risks and seeded Monte Carlo, and the p–n criterion. */
class MaximumLikelihoodRiskTest {
    static double klNormal(Normal a, Normal b) {
        double r = a.sd() / b.sd();
        double d = (a.location() - b.location()) / b.sd();
        return -Math.log(r) + 0.5 * (r * r + d * d) - 0.5;
    }

    static double klGamma(Gamma a, Gamma b) {
        double ka = a.shape();
        double kb = b.shape();
        return (ka - kb) * org.hipparchus.special.Gamma.digamma(ka) - org.hipparchus.special.Gamma.logGamma(ka)
            + org.hipparchus.special.Gamma.logGamma(kb) + kb * Math.log(b.scale() / a.scale())
            + ka * (a.scale() / b.scale() - 1);
    }

    static double klExponential(Exponential a, Exponential b) {
        double r = b.rate() / a.rate();
        return -Math.log(r) + r - 1;
    }

    static double kl(UnivariateDistribution a, UnivariateDistribution b) {
        if (a instanceof Normal x) {
            return klNormal(x, (Normal) b);
        } else if (a instanceof Gamma x) {
            return klGamma(x, (Gamma) b);
        }
        return klExponential((Exponential) a, (Exponential) b);
    }

    /** Mean and standard error of KL(p_θ*‖p_θ̂) over {@code reps} seeded samples of size n. */
    static double[] monteCarlo(Family family, UnivariateDistribution p, int n, int reps, long seed) {
        UnivariateDistribution star = MaximumLikelihood.informationProjection(family, p).fit().distribution();
        UniformRandomProvider rng = Rng.seeded(seed);
        double[] v = new double[reps];
        for (int r = 0; r < reps; r++) {
            v[r] = kl(star, MaximumLikelihood.fit(family, p.sample(rng, n)).distribution());
        }
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= reps;
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return new double[] {m, Math.sqrt(s / (reps - 1) / reps)};
    }

    /** Exact E KL(N(μ,σ²)‖N(x̄, s²)), s² with divisor n: ½(ψ((n−1)/2) + ln 2 − ln n) + ½(n+1)/(n−3) − ½ (n > 3). */
    static double exactNormalRisk(int n) {
        return 0.5 * (org.hipparchus.special.Gamma.digamma((n - 1) / 2.0) + Math.log(2) - Math.log(n))
            + 0.5 * (n + 1.0) / (n - 3) - 0.5;
    }

    /** Exact E KL(Exp(λ)‖Exp(1/x̄)) = ψ(n) − ln n + n/(n−1) − 1 (λx̄ ~ Gamma(n, 1/n)). */
    static double exactExponentialRisk(int n) {
        return org.hipparchus.special.Gamma.digamma(n) - Math.log(n) + n / (n - 1.0) - 1;
    }

    @Test
    void normalWellSpecifiedMatchesTheExactRisk() {
        RiskExpansion r = MaximumLikelihood.risk(Family.NORMAL, Normal.of(1, 2), 20);
        // Expanding the exact risk: 1/n + (61/12)/n² + O(n⁻³).
        assertEquals(1.0, r.c1(), 1e-8);
        assertEquals(61.0 / 12, r.c2(), 1e-6);
        for (int n = 20; n <= 200; n += 10) {
            RiskExpansion rn = MaximumLikelihood.risk(Family.NORMAL, Normal.of(-3, 0.5), n);
            double exact = exactNormalRisk(n);
            double err2 = Math.abs(exact - rn.total());
            assertTrue(err2 < 0.2 * Math.abs(exact - rn.firstOrderTerm()), n + ": " + err2);
            // The remainder is O(n⁻³): n³·|error| stays bounded (about 50 at n = 20, tending to the n⁻³ coefficient).
            assertTrue(err2 * n * n * n < 60, n + ": " + err2 * n * n * n);
        }
        // n²(exact − c1/n) → c2.
        int n = 20000;
        assertEquals(61.0 / 12, (exactNormalRisk(n) - 1.0 / n) * n * n, 2e-2);
    }

    @Test
    void exponentialWellSpecifiedMatchesTheExactRisk() {
        RiskExpansion r = MaximumLikelihood.risk(Family.EXPONENTIAL, Exponential.of(2), 20);
        assertEquals(0.5, r.c1(), 1e-9);
        assertEquals(11.0 / 12, r.c2(), 1e-7);
        for (int n = 20; n <= 200; n += 20) {
            double exact = exactExponentialRisk(n);
            RiskExpansion rn = MaximumLikelihood.risk(Family.EXPONENTIAL, Exponential.of(0.3), n);
            assertTrue(Math.abs(exact - rn.total()) < 0.1 * Math.abs(exact - rn.firstOrderTerm()), Integer.toString(n));
        }
    }

    /**
     * Seeded Monte Carlo (20 000 samples per n) of E KL(p_θ*‖p_θ̂): at n = 20 the n⁻² expansion is closer
     * than c1/n; at n = 50 and 100 it is within 3.5 standard errors, where c1/n alone is 5–13 standard
     * errors off.
     */
    @Test
    void expansionMatchesSimulation() {
        Object[][] cases = {
            {Family.NORMAL, Gamma.of(3, 1), 1L},       // misspecified, 2 parameters
            {Family.EXPONENTIAL, Gamma.of(0.5, 1), 2L}, // misspecified, 1 parameter
            {Family.GAMMA, Gamma.of(3, 1), 3L},        // well specified, 2 parameters
        };
        for (Object[] c : cases) {
            Family f = (Family) c[0];
            UnivariateDistribution p = (UnivariateDistribution) c[1];
            for (int n : new int[] {20, 50, 100}) {
                double[] mc = monteCarlo(f, p, n, 20000, (Long) c[2] * 1000 + n);
                RiskExpansion r = MaximumLikelihood.risk(f, p, n);
                String msg = String.format(java.util.Locale.ROOT, "%s %s n=%d mc=%.6f±%.6f c1/n=%.6f total=%.6f", f, p, n,
                    mc[0], mc[1], r.firstOrderTerm(), r.total());
                double err2 = Math.abs(mc[0] - r.total());
                double err1 = Math.abs(mc[0] - r.firstOrderTerm());
                assertTrue(err2 < err1, msg);
                if (n >= 50) {
                    assertTrue(err2 < 3.5 * mc[1], msg);
                    assertTrue(err1 > 4 * mc[1], msg);
                }
            }
        }
    }

    @Test
    void sampleVersionEstimatesThePopulationCoefficients() {
        UnivariateDistribution p = Gamma.of(3, 1);
        double[] data = p.sample(Rng.seeded(5), 40000);
        for (Family f : new Family[] {Family.NORMAL, Family.GAMMA, Family.EXPONENTIAL}) {
            RiskExpansion pop = MaximumLikelihood.risk(f, p, data.length);
            RiskExpansion est = MaximumLikelihood.risk(f, data);
            assertEquals(data.length, est.n());
            assertEquals(pop.c1(), est.c1(), 0.05 * pop.c1(), f.toString());
            assertEquals(pop.c2(), est.c2(), 0.1 * Math.abs(pop.c2()), f.toString());
        }
        // A sample from the model itself: c1 ≈ p/2.
        RiskExpansion g = MaximumLikelihood.risk(Family.GAMMA, Gamma.of(2, 3).sample(Rng.seeded(6), 40000));
        assertEquals(1.0, g.c1(), 0.03);
    }

    @Test
    void pnCriterionThresholdsTheRiskAtEightEpsilonSquared() {
        UnivariateDistribution p = Normal.of(0, 1);
        double eps = 0.05;
        // Well specified: 1/n + (61/12)/n² ≤ 0.02 ⇔ n ≥ (1 + √(1 + 0.08·61/12))/0.04 = 54.65…
        PnCriterion at55 = MaximumLikelihood.pnCriterion(Family.NORMAL, p, 55, eps);
        PnCriterion at54 = MaximumLikelihood.pnCriterion(Family.NORMAL, p, 54, eps);
        assertEquals(0.02, at55.riskBound(), 1e-15);
        assertEquals(55, at55.minimumSampleSize());
        assertEquals(55, at54.minimumSampleSize());
        assertEquals(2, at55.parameters());
        assertTrue(at55.acceptable());
        assertFalse(at54.acceptable());
        // A misspecified fit needs more data for the same ε (c1 = 3/2 for a normal fitted to a gamma of shape 3).
        PnCriterion mis = MaximumLikelihood.pnCriterion(Family.NORMAL, Gamma.of(3, 1), 55, eps);
        assertFalse(mis.acceptable());
        assertTrue(mis.minimumSampleSize() > 75, Long.toString(mis.minimumSampleSize()));
        assertTrue(MaximumLikelihood.pnCriterion(Family.NORMAL, Gamma.of(3, 1), (int) mis.minimumSampleSize(), eps).acceptable());
        // Sample version on data from the model.
        PnCriterion s = MaximumLikelihood.pnCriterion(Family.NORMAL, p.sample(Rng.seeded(9), 2000), eps);
        assertTrue(s.acceptable());
        assertTrue(Math.abs(s.minimumSampleSize() - 55) <= 3, Long.toString(s.minimumSampleSize()));
    }

    @Test
    void rejectsBadArguments() {
        UnivariateDistribution p = Normal.of(0, 1);
        assertThrows(IllegalArgumentException.class, () -> MaximumLikelihood.risk(Family.LAPLACE, p, 10));
        assertThrows(IllegalArgumentException.class, () -> MaximumLikelihood.risk(Family.UNIFORM, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> MaximumLikelihood.risk(Family.NORMAL, p, 0));
        assertThrows(IllegalArgumentException.class, () -> MaximumLikelihood.risk(Family.GAMMA, p, 10));
        assertThrows(IllegalArgumentException.class, () -> MaximumLikelihood.risk(null, p, 10));
        assertThrows(IllegalArgumentException.class, () -> MaximumLikelihood.risk(Family.NORMAL, null, 10));
        assertThrows(IllegalArgumentException.class, () -> MaximumLikelihood.risk(Family.NORMAL, new double[] {1}));
        for (double eps : new double[] {0, -0.1, 0.6, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> MaximumLikelihood.pnCriterion(Family.NORMAL, p, 10, eps));
            assertThrows(IllegalArgumentException.class,
                () -> MaximumLikelihood.pnCriterion(Family.NORMAL, new double[] {1, 2, 4}, eps));
        }
    }
}
