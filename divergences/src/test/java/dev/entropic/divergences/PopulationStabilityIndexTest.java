package dev.entropic.divergences;

import static dev.entropic.divergences.InformationValueTest.assertEqualsRelative;
import static dev.entropic.divergences.InformationValueTest.assertMessage;
import static dev.entropic.divergences.InformationValueTest.toDouble;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.intArrays;
import static org.quicktheories.generators.Generate.range;

import dev.entropic.divergences.PopulationStabilityIndex.StabilityLevel;
import org.junit.jupiter.api.Test;

/** Laws, conventions and validation of {@link PopulationStabilityIndex}. */
class PopulationStabilityIndexTest {
    private static final double ROUNDING = 1e-13;
    private static final PopulationStabilityIndex PSI = PopulationStabilityIndex.withDefaults();

    @Test
    void psiIsTheInformationValueWithActualAsGoodsAndExpectedAsBads() {
        qt().withExamples(300).withFixedSeed(11).forAll(range(2, 12).flatMap(k -> {
            var counts = intArrays(constant(k), range(1, 300));
            return counts.zip(counts, (a, b) -> new int[][] {a, b});
        })).checkAssert(p -> {
            double[] e = toDouble(p[0]);
            double[] a = toDouble(p[1]);
            PopulationStabilityResult r = PSI.compute(e, a);
            InformationValueResult iv = InformationValue.withDefaults().compute(a, e);
            assertEquals(iv.informationValue(), r.psi());
            assertEquals(iv.standardError(), r.standardError());
            assertEquals(iv.standardErrorFixedWeights(), r.standardErrorFixedWeights());
            assertEquals(iv.pValue(), r.pValue());
            assertEqualsRelative(PSI.compute(a, e).psi(), r.psi(), ROUNDING, "PSI symmetric");
            assertTrue(r.standardErrorKnownBaseline() <= r.standardError(), "known baseline removes variance");
            // Shares and sizes give the same result as the counts they come from.
            PopulationStabilityResult fromShares = PSI.computeFromShares(r.expectedShares(), r.expectedTotal(),
                    r.actualShares(), r.actualTotal());
            assertEqualsRelative(r.psi(), fromShares.psi(), ROUNDING, "shares = counts");
            assertEqualsRelative(r.standardError(), fromShares.standardError(), ROUNDING, "shares = counts (SE)");
        });
    }

    @Test
    void knownBaselineUsesTheActualSampleSizeAlone() {
        double[] e = {0.1, 0.2, 0.3, 0.4};
        double[] a = {0.12, 0.18, 0.3, 0.4};
        PopulationStabilityResult r = PSI.computeFromShares(e, Double.POSITIVE_INFINITY, a, 800);
        assertEquals(800.0, r.effectiveSampleSize());
        assertEquals(r.standardErrorKnownBaseline(), r.standardError());
        assertEquals(800 * r.psi(), r.chiSquared(), 1e-15);
        PopulationStabilityResult sampled = PSI.computeFromShares(e, 800, a, 800);
        assertEquals(400.0, sampled.effectiveSampleSize());
        assertEquals(r.standardErrorKnownBaseline(), sampled.standardErrorKnownBaseline(), 1e-18);
    }

    @Test
    void stabilityLevelsFollowTheRulesOfThumb() {
        assertEquals(StabilityLevel.STABLE, StabilityLevel.of(0));
        assertEquals(StabilityLevel.STABLE, StabilityLevel.of(Math.nextDown(0.1)));
        assertEquals(StabilityLevel.MODERATE_SHIFT, StabilityLevel.of(0.1));
        assertEquals(StabilityLevel.MODERATE_SHIFT, StabilityLevel.of(Math.nextDown(0.25)));
        assertEquals(StabilityLevel.SIGNIFICANT_SHIFT, StabilityLevel.of(0.25));
        assertEquals(StabilityLevel.SIGNIFICANT_SHIFT, StabilityLevel.of(Double.POSITIVE_INFINITY));
        assertMessage("psi must be non-negative: NaN", () -> StabilityLevel.of(Double.NaN));
        assertMessage("psi must be non-negative: -0.1", () -> StabilityLevel.of(-0.1));
        assertEquals(StabilityLevel.SIGNIFICANT_SHIFT,
                PSI.compute(new double[] {10, 80, 10}, new double[] {40, 20, 40}).level());
    }

    @Test
    void rawScoresAreBinnedOnTheBaselineAndCompared() {
        double[] base = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] curr = {0, 2, 2.5, 5, 11, 12};
        Binning b = Binning.ofCutPoints(2, 5, 8);
        PopulationStabilityResult r = PSI.compute(base, curr, b);
        assertEquals(PSI.compute(new double[] {2, 3, 3, 2}, new double[] {2, 2, 0, 2}).psi(), r.psi());
        assertEquals(Double.POSITIVE_INFINITY, r.psi(), "an empty current bin gives +∞");
        assertTrue(Double.isFinite(PSI.withPseudoCount(0.5).compute(base, curr, b).psi()));
    }

    @Test
    void badInputIsRejectedWithAMessageNamingTheArgumentAndTheRule() {
        assertMessage("expected[0] is negative", () -> PSI.compute(new double[] {-1, 2}, new double[] {1, 1}));
        assertMessage("actual[1] is not an integer count: 0.5", () -> PSI.compute(new double[] {1, 2}, new double[] {1, 0.5}));
        assertMessage("expected and actual differ in length: 2 vs 3",
                () -> PSI.compute(new double[] {1, 2}, new double[] {1, 1, 1}));
        assertMessage("expectedShares must sum to 1",
                () -> PSI.computeFromShares(new double[] {0.5, 0.6}, 10, new double[] {0.5, 0.5}, 10));
        assertMessage("expectedSize must be positive (or +Infinity for a known baseline): 0.0",
                () -> PSI.computeFromShares(new double[] {0.5, 0.5}, 0, new double[] {0.5, 0.5}, 10));
        assertMessage("actualSize must be positive and finite: Infinity",
                () -> PSI.computeFromShares(new double[] {0.5, 0.5}, 10, new double[] {0.5, 0.5}, Double.POSITIVE_INFINITY));
        assertMessage("binning is null", () -> PSI.compute(new double[] {1}, new double[] {1}, null));
        assertMessage("actualScores[1] is not finite: NaN",
                () -> PSI.compute(new double[] {1, 2}, new double[] {1, Double.NaN}, Binning.ofCutPoints(1.5)));
    }
}
