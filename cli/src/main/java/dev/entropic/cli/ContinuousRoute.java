package dev.entropic.cli;

import dev.entropic.core.Checks;
import dev.entropic.core.Rng;
import dev.entropic.core.UnivariateDistribution;
import dev.entropic.divergences.ContinuousDivergence;
import dev.entropic.divergences.Divergence;
import dev.entropic.divergences.DivergenceMethod;
import dev.entropic.divergences.DivergenceValue;

/**
 * Routes a divergence between named distributions to {@link ContinuousDivergence}: {@code auto}
 * takes the closed form when one exists for the pair and kind, else adaptive quadrature;
 * {@code closed-form}, {@code quadrature} and {@code monte-carlo} force the method.
 */
final class ContinuousRoute {
    private ContinuousRoute() {
    }

    static DivergenceValue compute(Divergence d, UnivariateDistribution p, UnivariateDistribution q,
                                   String method, long seed, int samples) {
        switch (method) {
            case "auto":
                return ContinuousDivergence.compute(d, p, q);
            case "closed-form":
                return ContinuousDivergence.compute(d, p, q, DivergenceMethod.CLOSED_FORM, null, samples);
            case "quadrature":
                return ContinuousDivergence.compute(d, p, q, DivergenceMethod.QUADRATURE, null, samples);
            case "monte-carlo":
                if (samples < 2) {
                    throw Checks.fail("--samples must be at least 2 for monte-carlo: %d", samples);
                }
                return ContinuousDivergence.compute(d, p, q, DivergenceMethod.MONTE_CARLO, Rng.seeded(seed), samples);
            case "exact":
                throw Checks.fail("--method exact needs files (discrete vectors); %s and %s are continuous", p, q);
            default:
                throw Checks.fail("--method must be one of auto, closed-form, quadrature, monte-carlo: got '%s'", method);
        }
    }
}
