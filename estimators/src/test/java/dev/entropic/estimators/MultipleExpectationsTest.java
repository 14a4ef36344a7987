package dev.entropic.estimators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entropic.core.MultivariateNormal;
import dev.entropic.core.Normal;
import dev.entropic.core.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * p = N(0, I_d) and four functions with closed-form expectations (the independent reference):
 * f1 = 1{x1 > 3} (Φ(−3)), f2 = 1{x1 + x2 > 4} (Φ(−4/√2)), f3 = exp(aᵀx) with a = (½, ½, 0, …)
 * (exp(|a|²/2) = e^{1/4}), f4 = x1² (1).
 */
class MultipleExpectationsTest {
    /** Estimates must lie within this many standard errors of the truth. */
    static final double Z_BOUND = 4;
    static final double[] TRUTH = {
        Normal.standard().cdf(-3), Normal.standard().cdf(-4 / Math.sqrt(2)), Math.exp(0.25), 1};

    static List<ToDoubleFunction<double[]>> functions() {
        return List.of(
                x -> x[0] > 3 ? 1 : 0,
                x -> x[0] + x[1] > 4 ? 1 : 0,
                x -> Math.exp(0.5 * x[0] + 0.5 * x[1]),
                x -> x[0] * x[0]);
    }

    static MultipleExpectations options() {
        return MultipleExpectations.withDefaults().withBudget(20_000).withStageSize(1_000);
    }

    @Test
    void estimatesLieWithinFourStandardErrorsOfTheClosedForms() {
        qt().withExamples(6).forAll(longs().all(), integers().between(2, 5)).checkAssert((seed, d) -> {
            MultipleExpectations.Result r = options().estimate(MultivariateNormal.standard(d), functions(),
                    Rng.seeded(seed));
            for (int k = 0; k < TRUTH.length; k++) {
                double z = (r.estimates()[k] - TRUTH[k]) / r.standardErrors()[k];
                assertTrue(Math.abs(z) < Z_BOUND, String.format(Locale.ROOT,
                        "seed %d d %d f%d: estimate %s truth %s se %s", seed, d, k + 1,
                        r.estimates()[k], TRUTH[k], r.standardErrors()[k]));
            }
            assertEquals(20_000, r.adaptationSampleSize() + r.finalSampleSize());
            assertEquals(r.adaptationSampleSize(), r.stages().get(r.stages().size() - 1).cumulativeSampleSize());
        });
    }

    /** Over 30 seeds the z-scores (estimate − truth)/se have mean ≈ 0 and spread ≈ 1. */
    @Test
    void standardErrorsAreHonest() {
        List<Double> z = new ArrayList<>();
        for (long seed = 0; seed < 30; seed++) {
            MultipleExpectations.Result r = MultipleExpectations.withDefaults().withBudget(8_000)
                    .withStageSize(800).estimate(MultivariateNormal.standard(2), functions(), Rng.seeded(seed));
            for (int k = 0; k < TRUTH.length; k++) {
                z.add((r.estimates()[k] - TRUTH[k]) / r.standardErrors()[k]);
            }
        }
        double mean = z.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sd = Math.sqrt(z.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (z.size() - 1));
        assertTrue(Math.abs(mean) < 0.4, "mean z " + mean);
        assertTrue(sd > 0.7 && sd < 1.4, "sd z " + sd);
    }

    @Test
    void rareEventsGainMoreThanTenfoldOverPlainMonteCarlo() {
        MultivariateNormal p = MultivariateNormal.standard(3);
        MultipleExpectations.Result r = options().estimate(p, functions(), Rng.seeded(7));
        MultipleExpectations.Estimate mc = MultipleExpectations.plainMonteCarlo(p, functions(), 20_000,
                Rng.seeded(8));
        for (int k = 0; k < 2; k++) {
            assertTrue(r.standardErrors()[k] * 10 <= mc.standardErrors()[k],
                    "f" + (k + 1) + ": adaptive se " + r.standardErrors()[k] + " vs plain " + mc.standardErrors()[k]);
            // The reported plain-MC standard error (from the final sample) agrees with the run.
            double ratio = r.plainMonteCarloStandardErrors()[k] / mc.standardErrors()[k];
            assertTrue(ratio > 0.6 && ratio < 1.6, "f" + (k + 1) + " plain-MC se ratio " + ratio);
        }
    }

    /** The estimates are the regression estimator on the fresh final sample alone. */
    @Test
    void finalEstimatesUseOnlyTheFreshSample() {
        MultivariateNormal p = MultivariateNormal.standard(2);
        List<double[]> seen = new ArrayList<>();
        List<ToDoubleFunction<double[]>> f = new ArrayList<>(functions());
        ToDoubleFunction<double[]> first = f.get(0);
        f.set(0, x -> {
            seen.add(x.clone());
            return first.applyAsDouble(x);
        });
        MultipleExpectations.Result r = options().estimate(p, f, Rng.seeded(3));
        assertEquals(20_000, seen.size());
        double[][] fresh = seen.subList(r.adaptationSampleSize(), seen.size()).toArray(new double[0][]);
        double[][] all = seen.toArray(new double[0][]);
        MultipleExpectations.Estimate e = MultipleExpectations.regressionEstimate(p, r.finalProposal(), functions(), fresh);
        assertArrayEquals(r.estimates(), e.estimates(), 0);
        assertArrayEquals(r.standardErrors(), e.standardErrors(), 0);
        MultipleExpectations.Estimate pooled = MultipleExpectations.regressionEstimate(p, r.finalProposal(), functions(), all);
        assertTrue(pooled.estimates()[0] != r.estimates()[0]);
        assertTrue(r.stages().size() >= 2, "adaptation ran " + r.stages().size() + " stages");
    }

    @Test
    void badInputsAreRejectedWithTheRule() {
        MultivariateNormal p = MultivariateNormal.standard(2);
        MultipleExpectations o = MultipleExpectations.withDefaults();
        assertMessage("budget must be at least 2 * stageSize = 2000: 1999", () -> o.withBudget(1999));
        assertMessage("stageSize must be at least 2: 1", () -> o.withStageSize(1));
        assertMessage("budget must be at least 2 * stageSize = 12000: 10000", () -> o.withStageSize(6000));
        assertMessage("defensiveWeight must be in [0, 1): 1.0", () -> o.withDefensiveWeight(1));
        assertMessage("defensiveWeight must be in [0, 1): NaN", () -> o.withDefensiveWeight(Double.NaN));
        assertMessage("maxStages", () -> o.withMaxStages(0));
        assertMessage("functions must not be empty", () -> o.estimate(p, List.of(), Rng.seeded(1)));
        assertMessage("rng is null", () -> o.estimate(p, functions(), null));
        assertMessage("p is null", () -> o.estimate(null, functions(), Rng.seeded(1)));
        assertMessage("stageSize must be at least max(d + 2, m + 2) = 7", () -> o.withStageSize(6)
                .estimate(MultivariateNormal.standard(5), functions(), Rng.seeded(1)));
        assertMessage("functions[0] returned a non-finite value NaN",
                () -> o.estimate(p, List.of(x -> Double.NaN), Rng.seeded(1)));
        assertMessage("weights[1] must be finite and non-negative: -1.0", () -> o.withCriterionWeights(1, -1));
        assertMessage("weights must not all be zero", () -> o.withCriterionWeights(0, 0));
        assertMessage("criterion WEIGHTED needs its weights", () -> o.withCriterion(MultipleExpectations.Criterion.WEIGHTED));
        assertMessage("criterion weights and functions differ in length: 2 vs 4",
                () -> o.withCriterionWeights(1, 1).estimate(p, functions(), Rng.seeded(1)));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
