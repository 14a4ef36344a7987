package dev.entropic.estimators;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entropic.core.Beta;
import dev.entropic.core.Gamma;
import dev.entropic.core.Rng;
import dev.entropic.core.UnivariateDistribution;
import dev.entropic.estimators.MaximumLikelihood.Family;
import org.junit.jupiter.api.Test;

/** The law of the MLE: no nearby parameter has a higher log-likelihood. */
class MaximumLikelihoodPropertiesTest {
    static double logLik(UnivariateDistribution d, double[] x) {
        double s = 0;
        for (double v : x) {
            s += d.logDensity(v);
        }
        return s;
    }

    @Test
    void gammaFitIsALocalMaximum() {
        qt().withExamples(30).forAll(longs().all(), doubles().between(0.3, 8), doubles().between(-0.05, 0.05), doubles().between(-0.05, 0.05))
            .checkAssert((seed, shape, ea, eb) -> {
                double[] x = Gamma.of(shape, 2).sample(Rng.seeded(seed), 200);
                MaximumLikelihood.Fit f = MaximumLikelihood.fit(Family.GAMMA, x);
                Gamma g = (Gamma) f.distribution();
                assertTrue(f.converged());
                double best = logLik(g, x);
                assertTrue(Math.abs(best - f.logLikelihood()) <= 1e-9 * Math.abs(best));
                assertTrue(logLik(Gamma.of(g.shape() * (1 + ea), g.scale() * (1 + eb)), x) <= best + 1e-9 * Math.abs(best));
            });
    }

    @Test
    void betaFitIsALocalMaximum() {
        qt().withExamples(30).forAll(longs().all(), doubles().between(0.3, 6), doubles().between(-0.05, 0.05), doubles().between(-0.05, 0.05))
            .checkAssert((seed, a, ea, eb) -> {
                double[] x = Beta.of(a, 1.7).sample(Rng.seeded(seed), 200);
                MaximumLikelihood.Fit f = MaximumLikelihood.fit(Family.BETA, x);
                Beta b = (Beta) f.distribution();
                assertTrue(f.converged());
                double best = logLik(b, x);
                assertTrue(logLik(Beta.of(b.alpha() * (1 + ea), b.beta() * (1 + eb)), x) <= best + 1e-9 * Math.abs(best) + 1e-12);
            });
    }
}
