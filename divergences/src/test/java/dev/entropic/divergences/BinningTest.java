package dev.entropic.divergences;

import static dev.entropic.divergences.InformationValueTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Right-closed bins, equal-width and quantile cut points, and validation of {@link Binning}. */
class BinningTest {
    @Test
    void binsAreRightClosedAndCoverTheRealLine() {
        Binning b = Binning.ofCutPoints(0, 1);
        assertEquals(3, b.bins());
        assertEquals(0, b.binOf(Double.NEGATIVE_INFINITY));
        assertEquals(0, b.binOf(-5));
        assertEquals(0, b.binOf(0), "(−∞, 0] holds 0");
        assertEquals(1, b.binOf(Math.nextUp(0.0)));
        assertEquals(1, b.binOf(1), "(0, 1] holds 1");
        assertEquals(2, b.binOf(Math.nextUp(1.0)));
        assertEquals(2, b.binOf(1e300));
        assertArrayEquals(new double[] {2, 1, 1}, b.counts(new double[] {-1, 0, 0.5, 3}));
    }

    @Test
    void equalWidthCutsSpanTheBaselineRange() {
        Binning b = Binning.equalWidth(new double[] {4, 0, 2, 1}, 4);
        assertArrayEquals(new double[] {1, 2, 3}, b.cutPoints());
        // The baseline maximum lands in the last bin, the minimum in the first.
        assertArrayEquals(new double[] {2, 1, 0, 1}, b.counts(new double[] {4, 0, 2, 1}));
    }

    @Test
    void quantileCutsFollowLinearInterpolationAndMergeTies() {
        // numpy.quantile([1..5], [0.25, 0.5, 0.75]) = [2, 3, 4]; at 1/3, 2/3 of [1, 2, 4, 8]: 2, 4.
        assertArrayEquals(new double[] {2, 3, 4}, Binning.quantiles(new double[] {5, 3, 1, 4, 2}, 4).cutPoints());
        assertArrayEquals(new double[] {2, 4}, Binning.quantiles(new double[] {8, 4, 2, 1}, 3).cutPoints(), 1e-15);
        Binning tied = Binning.quantiles(new double[] {1, 1, 1, 1, 1, 1, 2, 3}, 4);
        assertArrayEquals(new double[] {1, 1.25}, tied.cutPoints());
        assertEquals(3, tied.bins());
    }

    @Test
    void callersArraysAreNotModified() {
        double[] base = {3, 1, 2};
        Binning.quantiles(base, 2);
        assertArrayEquals(new double[] {3, 1, 2}, base);
        double[] cuts = {0, 1};
        Binning b = Binning.ofCutPoints(cuts);
        cuts[0] = 5;
        b.cutPoints()[1] = 7;
        assertArrayEquals(new double[] {0, 1}, b.cutPoints());
    }

    @Test
    void badInputIsRejectedWithAMessageNamingTheArgumentAndTheRule() {
        assertMessage("baseline is constant (2.0)", () -> Binning.equalWidth(new double[] {2, 2, 2}, 3));
        assertMessage("baseline is constant (2.0)", () -> Binning.quantiles(new double[] {2, 2}, 3));
        assertMessage("k (the number of bins) must be at least 2: 1", () -> Binning.quantiles(new double[] {1, 2}, 1));
        assertMessage("baseline[1] is not finite: NaN", () -> Binning.equalWidth(new double[] {1, Double.NaN}, 2));
        assertMessage("baseline is empty", () -> Binning.quantiles(new double[0], 2));
        assertMessage("cutPoints must be strictly increasing: cutPoints[0] = 1.0, cutPoints[1] = 1.0",
                () -> Binning.ofCutPoints(1, 1));
        assertMessage("cutPoints is empty", () -> Binning.ofCutPoints());
        assertMessage("x is NaN", () -> Binning.ofCutPoints(0).binOf(Double.NaN));
        assertMessage("values[0] is not finite: Infinity",
                () -> Binning.ofCutPoints(0).counts(new double[] {Double.POSITIVE_INFINITY}));
    }
}
