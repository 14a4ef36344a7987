package dev.entropic.divergences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.intArrays;
import static org.quicktheories.generators.Generate.range;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Laws, conventions and validation of {@link InformationValue}. */
class InformationValueTest {
    private static final int EXAMPLES = 300;
    /** Identities that hold up to rounding of O(k) operations. */
    private static final double ROUNDING = 1e-13;
    private static final Divergence JEFFREYS = Divergence.of(DivergenceKind.JEFFREYS);
    private static final InformationValue IV = InformationValue.withDefaults();

    /** Pairs {goods, bads} of equal length 2..12, counts 0..400 with occasional zeros, positive totals. */
    private static Gen<int[][]> countPairs() {
        return range(2, 12).flatMap(k -> {
            Gen<int[]> counts = intArrays(constant(k), range(0, 400));
            return counts.zip(counts, (a, b) -> new int[][] {a, b});
        }).assuming(p -> sum(p[0]) > 0 && sum(p[1]) > 0);
    }

    @Test
    void informationValueIsNonNegativeAndTheJeffreysDivergenceBetweenBadsAndGoods() {
        qt().withExamples(EXAMPLES).withFixedSeed(1).forAll(countPairs()).checkAssert(p -> {
            InformationValueResult r = IV.compute(toDouble(p[0]), toDouble(p[1]));
            double iv = r.informationValue();
            assertTrue(iv >= 0, "IV >= 0");
            double jeffreys = JEFFREYS.between(r.badShares(), r.goodShares());
            assertEqualsRelative(jeffreys, iv, ROUNDING, "IV = Jeffreys(b, g)");
            assertTrue(r.standardError() >= 0 && r.standardErrorFixedWeights() >= 0, "SEs >= 0");
            assertFalse(Double.isNaN(r.standardError()) || Double.isNaN(r.pValue()), "never NaN");
        });
    }

    @Test
    void informationValueIsZeroExactlyWhenTheSharesAreEqual() {
        // Proportional counts (equal shares) give IV = 0 up to the rounding of the shares; any
        // other pair gives IV > 0.
        qt().withExamples(EXAMPLES).withFixedSeed(2)
                .forAll(range(2, 12).flatMap(k -> intArrays(constant(k), range(1, 400))), range(1, 50), range(1, 50))
                .checkAssert((g, m1, m2) -> {
                    double[] goods = scale(toDouble(g), m1);
                    double[] bads = scale(toDouble(g), m2);
                    assertTrue(IV.compute(goods, bads).informationValue() <= 1e-28, "equal shares: IV = 0");
                    bads[0] += 1;
                    assertTrue(IV.compute(goods, bads).informationValue() > 0, "different shares: IV > 0");
                });
        InformationValueResult same = IV.compute(new double[] {3, 5, 7}, new double[] {3, 5, 7});
        assertEquals(0.0, same.informationValue());
        assertEquals(0.0, same.standardError(), "the delta method degenerates at the null");
        assertEquals(1.0, same.pValue());
    }

    @Test
    void informationValueIsSymmetricInGoodsAndBadsAndWoeFlipsSign() {
        qt().withExamples(EXAMPLES).withFixedSeed(3).forAll(countPairs()).checkAssert(p -> {
            InformationValueResult a = IV.compute(toDouble(p[0]), toDouble(p[1]));
            InformationValueResult b = IV.compute(toDouble(p[1]), toDouble(p[0]));
            assertEquals(a.informationValue(), b.informationValue(), "IV symmetric (bitwise)");
            assertEqualsRelative(a.standardError(), b.standardError(), ROUNDING, "SE symmetric");
            assertEqualsRelative(a.standardErrorFixedWeights(), b.standardErrorFixedWeights(), ROUNDING,
                    "fixed-weight SE symmetric");
            assertEquals(a.pValue(), b.pValue(), "p symmetric");
            double[] wa = a.weightsOfEvidence();
            double[] wb = b.weightsOfEvidence();
            for (int i = 0; i < wa.length; i++) {
                assertEqualsRelative(wa[i], -wb[i], ROUNDING, "WoE[" + i + "] flips sign");
            }
        });
    }

    @Test
    void pointEstimateIsInvariantToScalingTheCountsAndTheStandardErrorShrinksAsOneOverRootN() {
        qt().withExamples(EXAMPLES).withFixedSeed(4).forAll(countPairs(), range(1, 40), range(1, 40))
                .checkAssert((p, m1, m2) -> {
                    InformationValueResult base = IV.compute(toDouble(p[0]), toDouble(p[1]));
                    InformationValueResult scaled = IV.compute(scale(toDouble(p[0]), m1), scale(toDouble(p[1]), m2));
                    assertEqualsRelative(base.informationValue(), scaled.informationValue(), ROUNDING, "IV scale-free");
                    InformationValueResult same = IV.compute(scale(toDouble(p[0]), m1), scale(toDouble(p[1]), m1));
                    assertEqualsRelative(base.standardError() / Math.sqrt(m1), same.standardError(), ROUNDING,
                            "SE ∝ 1/√N");
                    assertEqualsRelative(base.chiSquared() * m1, same.chiSquared(), ROUNDING, "chi2 ∝ N");
                });
    }

    @Test
    void fullStandardErrorExceedsTheFixedWeightOneNearTheNull() {
        // Near g = b the full gradient is ≈ 2 WoE, so the ratio is ≈ 2.
        InformationValueResult r = IV.compute(new double[] {1000, 2000, 3000, 4000}, new double[] {1010, 1990, 2980, 4020});
        double ratio = r.standardError() / r.standardErrorFixedWeights();
        assertEquals(2.0, ratio, 0.02, "SE / fixed-weight SE near the null");
    }

    @Test
    void zeroCountsGiveInfiniteNotNaNAndAPseudoCountMakesThemFinite() {
        double[] goods = {0, 40, 75, 31};
        double[] bads = {7, 12, 9, 0};
        InformationValueResult r = IV.compute(goods, bads);
        double[] woe = r.weightsOfEvidence();
        assertEquals(Double.NEGATIVE_INFINITY, woe[0]);
        assertEquals(Double.POSITIVE_INFINITY, woe[3]);
        assertEquals(Double.POSITIVE_INFINITY, r.contributions()[0]);
        assertEquals(Double.POSITIVE_INFINITY, r.informationValue());
        assertEquals(Double.POSITIVE_INFINITY, r.standardError());
        assertEquals(Double.POSITIVE_INFINITY, r.standardErrorFixedWeights());
        assertEquals(Double.POSITIVE_INFINITY, r.chiSquared());
        assertEquals(0.0, r.pValue());
        InformationValueResult s = IV.withPseudoCount(0.5).compute(goods, bads);
        assertTrue(Double.isFinite(s.informationValue()) && Double.isFinite(s.standardError()));
        assertEquals(0.5 / (146 + 2.0), s.goodShares()[0], 1e-17, "(G + c)/(N + k c)");
    }

    @Test
    void binsEmptyInBothSamplesAreNeutralAndNotCountedInTheDegreesOfFreedom() {
        InformationValueResult with = IV.compute(new double[] {50, 0, 70, 30}, new double[] {20, 0, 10, 25});
        InformationValueResult without = IV.compute(new double[] {50, 70, 30}, new double[] {20, 10, 25});
        assertEquals(0.0, with.weightsOfEvidence()[1]);
        assertEquals(0.0, with.contributions()[1]);
        assertEquals(without.informationValue(), with.informationValue());
        assertEquals(without.standardError(), with.standardError());
        assertEquals(2, with.degreesOfFreedom());
        assertEquals(without.pValue(), with.pValue());
    }

    @Test
    void longCountsGiveTheSameResult() {
        InformationValueResult a = IV.compute(new long[] {5, 9, 2}, new long[] {1, 4, 8});
        InformationValueResult b = IV.compute(new double[] {5, 9, 2}, new double[] {1, 4, 8});
        assertEquals(b.informationValue(), a.informationValue());
        assertEquals(b.standardError(), a.standardError());
    }

    @Test
    void resultsDoNotShareArraysWithTheCaller() {
        double[] goods = {5, 9, 2};
        InformationValueResult r = IV.compute(goods, new double[] {1, 4, 8});
        goods[0] = 1000;
        r.weightsOfEvidence()[0] = 42;
        assertEquals(5.0 / 16, r.goodShares()[0]);
        assertTrue(r.weightsOfEvidence()[0] != 42);
    }

    @Test
    void badInputIsRejectedWithAMessageNamingTheArgumentAndTheRule() {
        assertMessage("goods[1] is negative", () -> IV.compute(new double[] {1, -1}, new double[] {1, 1}));
        assertMessage("bads[0] is NaN", () -> IV.compute(new double[] {1, 1}, new double[] {Double.NaN, 1}));
        assertMessage("goods[0] is infinite",
                () -> IV.compute(new double[] {Double.POSITIVE_INFINITY, 1}, new double[] {1, 1}));
        assertMessage("goods[1] is not an integer count: 2.5", () -> IV.compute(new double[] {1, 2.5}, new double[] {1, 1}));
        assertMessage("goods and bads differ in length: 3 vs 2", () -> IV.compute(new double[] {1, 2, 3}, new double[] {1, 1}));
        assertMessage("need at least 2 bins", () -> IV.compute(new double[] {1}, new double[] {1}));
        assertMessage("bads has zero total mass", () -> IV.compute(new double[] {1, 2}, new double[] {0, 0}));
        assertMessage("goods is null", () -> IV.compute((double[]) null, new double[] {1, 1}));
        assertMessage("bads[1] is negative: -3", () -> IV.compute(new long[] {1, 1}, new long[] {1, -3}));
        assertMessage("pseudoCount must be non-negative and finite: -0.5", () -> IV.withPseudoCount(-0.5));
        assertMessage("pseudoCount must be non-negative and finite: NaN", () -> IV.withPseudoCount(Double.NaN));
    }

    static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    static void assertEqualsRelative(double expected, double actual, double rel, String what) {
        if (expected == actual) {
            return;
        }
        assertTrue(Math.abs(actual - expected) <= rel * Math.abs(expected),
                () -> what + ": expected " + expected + ", got " + actual);
    }

    static double[] toDouble(int[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    static double[] scale(double[] a, double m) {
        double[] out = a.clone();
        for (int i = 0; i < a.length; i++) {
            out[i] *= m;
        }
        return out;
    }

    private static long sum(int[] a) {
        long s = 0;
        for (int v : a) {
            s += v;
        }
        return s;
    }
}
