package dev.entropic.divergences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Agreement with the numpy 1.24 / scipy 1.10 / mpmath reference of
 * {@code src/test/resources/reference/woe_iv_psi.py}.
 */
class WoeIvPsiReferenceTest {
    /** Shares are the same IEEE operations on both sides. */
    private static final double SHARE_TOLERANCE = 1e-15;
    /** Log-ratios, contributions and totals against 50-digit mpmath values. */
    private static final double VALUE_TOLERANCE = 4e-15;
    /** Standard errors: closed-form gradient vs complex-step gradient, centred vs matrix quadratic form. */
    private static final double SE_TOLERANCE = 1e-13;
    /** Commons Statistics vs scipy chi2.sf (relative). */
    private static final double P_VALUE_TOLERANCE = 1e-13;
    /** Cut points: numpy's lerp reproduced operation by operation. */
    private static final double CUT_TOLERANCE = 0;

    private static final WoeIvPsiReference REF = new WoeIvPsiReference();

    static Stream<String> ivCases() {
        return Stream.of(REF.cases("iv"));
    }

    static Stream<String> psiCases() {
        return Stream.of(REF.cases("psi"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ivCases")
    void informationValueMatchesReference(String name) {
        String pre = "iv." + name;
        InformationValueResult r = InformationValue.withDefaults()
                .withPseudoCount(REF.number(pre + ".pseudoCount"))
                .compute(REF.doubles(pre + ".goods"), REF.doubles(pre + ".bads"));
        assertClose(pre + ".goodShares", REF.doubles(pre + ".goodShares"), r.goodShares(), SHARE_TOLERANCE);
        assertClose(pre + ".badShares", REF.doubles(pre + ".badShares"), r.badShares(), SHARE_TOLERANCE);
        assertClose(pre + ".woe", REF.doubles(pre + ".logRatios"), r.weightsOfEvidence(), VALUE_TOLERANCE);
        assertClose(pre + ".contributions", REF.doubles(pre + ".contributions"), r.contributions(), VALUE_TOLERANCE);
        assertClose(pre + ".iv", REF.number(pre + ".total"), r.informationValue(), VALUE_TOLERANCE);
        assertClose(pre + ".se", REF.number(pre + ".standardError"), r.standardError(), SE_TOLERANCE);
        assertClose(pre + ".seFixed", REF.number(pre + ".standardErrorFixedWeights"), r.standardErrorFixedWeights(),
                SE_TOLERANCE);
        assertClose(pre + ".neff", REF.number(pre + ".effectiveSampleSize"), r.effectiveSampleSize(), SHARE_TOLERANCE);
        assertClose(pre + ".chi2", REF.number(pre + ".chiSquared"), r.chiSquared(), VALUE_TOLERANCE);
        assertEquals(REF.integer(pre + ".degreesOfFreedom"), r.degreesOfFreedom(), pre + ".df");
        assertClose(pre + ".p", REF.number(pre + ".pValue"), r.pValue(), P_VALUE_TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("psiCases")
    void populationStabilityMatchesReference(String name) {
        String pre = "psi." + name;
        PopulationStabilityIndex psi = PopulationStabilityIndex.withDefaults()
                .withPseudoCount(REF.number(pre + ".pseudoCount"));
        PopulationStabilityResult r;
        switch (REF.string(pre + ".kind")) {
            case "counts":
                r = psi.compute(REF.doubles(pre + ".expected"), REF.doubles(pre + ".actual"));
                break;
            case "shares":
                r = psi.computeFromShares(REF.doubles(pre + ".expected"), REF.number(pre + ".expectedSize"),
                        REF.doubles(pre + ".actual"), REF.number(pre + ".actualSize"));
                break;
            case "scores": {
                double[] base = REF.doubles(pre + ".expectedScores");
                double[] curr = REF.doubles(pre + ".actualScores");
                int k = REF.integer(pre + ".k");
                Binning binning = REF.string(pre + ".binning").equals("quantiles")
                        ? Binning.quantiles(base, k) : Binning.equalWidth(base, k);
                assertClose(pre + ".cutPoints", REF.doubles(pre + ".cutPoints"), binning.cutPoints(), CUT_TOLERANCE);
                assertArrayEquals(REF.doubles(pre + ".expected"), binning.counts(base), pre + ".expected");
                assertArrayEquals(REF.doubles(pre + ".actual"), binning.counts(curr), pre + ".actual");
                r = psi.compute(base, curr, binning);
                break;
            }
            default:
                throw new AssertionError(name);
        }
        assertClose(pre + ".expectedShares", REF.doubles(pre + ".expectedShares"), r.expectedShares(), SHARE_TOLERANCE);
        assertClose(pre + ".actualShares", REF.doubles(pre + ".actualShares"), r.actualShares(), SHARE_TOLERANCE);
        assertClose(pre + ".logRatios", REF.doubles(pre + ".logRatios"), r.logRatios(), VALUE_TOLERANCE);
        assertClose(pre + ".contributions", REF.doubles(pre + ".contributions"), r.contributions(), VALUE_TOLERANCE);
        assertClose(pre + ".psi", REF.number(pre + ".total"), r.psi(), VALUE_TOLERANCE);
        assertClose(pre + ".se", REF.number(pre + ".standardError"), r.standardError(), SE_TOLERANCE);
        assertClose(pre + ".seKnown", REF.number(pre + ".standardErrorFirstOnly"), r.standardErrorKnownBaseline(),
                SE_TOLERANCE);
        assertClose(pre + ".seFixed", REF.number(pre + ".standardErrorFixedWeights"), r.standardErrorFixedWeights(),
                SE_TOLERANCE);
        assertClose(pre + ".chi2", REF.number(pre + ".chiSquared"), r.chiSquared(), VALUE_TOLERANCE);
        assertEquals(REF.integer(pre + ".degreesOfFreedom"), r.degreesOfFreedom(), pre + ".df");
        assertClose(pre + ".p", REF.number(pre + ".pValue"), r.pValue(), P_VALUE_TOLERANCE);
    }

    static void assertClose(String what, double[] expected, double[] actual, double rel) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(what + "[" + i + "]", expected[i], actual[i], rel);
        }
    }

    static void assertClose(String what, double expected, double actual, double rel) {
        if (Double.isInfinite(expected) || expected == 0) {
            assertEquals(expected, actual, what);
            return;
        }
        double err = Math.abs(actual - expected) / Math.abs(expected);
        if (!(err <= rel)) {
            fail(String.format(java.util.Locale.ROOT, "%s: expected %s, got %s (relative error %.3g > %.1g)",
                    what, expected, actual, err, rel));
        }
    }
}
