package dev.entropic.divergences;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Monte Carlo checks of the standard errors and of the χ² test (experiments in
 * {@link WoeIvPsiSimulation}): seeded multinomial samples from known shares, the empirical standard
 * deviation of the estimate across replications against the delta-method SE, and the rejection
 * rate of the 5% test under the null.
 *
 * <p>With {@value #REPLICATIONS} replications the empirical SD has a relative sampling error of
 * about {@code 1/√(2R)} ≈ 1.6%, so the 10% tolerance leaves room for the delta method's own
 * (second-order) error; the rejection rate has a binomial SD of {@code √(0.05·0.95/R)} ≈ 0.49%, and
 * the tolerance is 4 of those.
 */
class WoeIvPsiSimulationTest {
    static final int REPLICATIONS = 2000;
    static final long IV_SEED = 20261122L;
    static final long PSI_SEED = 7L;
    static final long SIZE_SEED = 99L;
    private static final int N = 5000;
    /** Delta-method SE vs empirical SD at N = 5000 per class. */
    private static final double SE_RELATIVE_TOLERANCE = 0.10;
    /** The fixed-weight SE must understate the empirical SD at least by this factor. */
    private static final double FIXED_WEIGHT_UNDERSTATEMENT = 0.8;
    private static final double LEVEL = 0.05;
    private static final double SIZE_TOLERANCE = 4 * Math.sqrt(LEVEL * (1 - LEVEL) / REPLICATIONS);

    @Test
    void deltaMethodStandardErrorOfInformationValueMatchesTheSimulatedSpread() {
        WoeIvPsiSimulation.IvSpread s = WoeIvPsiSimulation.ivSpread(IV_SEED, N, REPLICATIONS);
        assertWithin(s.deltaSeAtTruth(), s.empiricalSd(), s);
        assertWithin(s.meanPlugInSe(), s.empiricalSd(), s);
        assertTrue(s.fixedWeightSeAtTruth() < FIXED_WEIGHT_UNDERSTATEMENT * s.empiricalSd(),
                "the fixed-weight SE understates: " + s);
    }

    @Test
    void deltaMethodStandardErrorsOfPsiMatchTheSimulatedSpreadWithSampledAndKnownBaseline() {
        WoeIvPsiSimulation.PsiSpread s = WoeIvPsiSimulation.psiSpread(PSI_SEED, N, REPLICATIONS);
        assertWithin(s.seSampled(), s.sdSampled(), s);
        assertWithin(s.seKnown(), s.sdKnown(), s);
    }

    @Test
    void jDivergenceTestHasItsNominalSizeUnderTheNull() {
        WoeIvPsiSimulation.Size s = WoeIvPsiSimulation.size(SIZE_SEED, LEVEL, REPLICATIONS);
        assertTrue(Math.abs(s.rateIv() - LEVEL) <= SIZE_TOLERANCE, s + ", tolerance " + SIZE_TOLERANCE);
        assertTrue(Math.abs(s.ratePsiKnownBaseline() - LEVEL) <= SIZE_TOLERANCE, s + ", tolerance " + SIZE_TOLERANCE);
    }

    private static void assertWithin(double predicted, double empirical, Object figures) {
        assertTrue(Math.abs(predicted / empirical - 1) <= SE_RELATIVE_TOLERANCE,
                () -> String.format(Locale.ROOT, "predicted %.6f vs empirical %.6f (tolerance %.2f): %s",
                        predicted, empirical, SE_RELATIVE_TOLERANCE, figures));
    }
}
