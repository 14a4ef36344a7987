package dev.entropic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumericsTest {
    @Test
    void compensatedSumIsExactWhereThePlainLoopIsNot() {
        double[] v = new double[1_000_001];
        v[0] = 1;
        for (int i = 1; i < v.length; i++) {
            v[i] = 1e-16;
        }
        assertEquals(1 + 1e-10, Numerics.sum(v), 1e-16);
        assertEquals(0.0, Numerics.sum(new double[] {1e100, 1, -1e100}) - 1, 0.0);
    }

    @Test
    void logSumExpIsStable() {
        assertEquals(1000 + Math.log(2), Numerics.logSumExp(new double[] {1000, 1000}), 1e-12);
        assertEquals(-1000 + Math.log(3), Numerics.logSumExp(new double[] {-1000, -1000, -1000}), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, Numerics.logSumExp(new double[] {Double.NEGATIVE_INFINITY}));
        assertEquals(Double.POSITIVE_INFINITY, Numerics.logSumExp(new double[] {0, Double.POSITIVE_INFINITY}));
        assertEquals(Math.log(Math.exp(1.5) + Math.exp(-0.5)), Numerics.logAddExp(1.5, -0.5), 1e-15);
    }

    @Test
    void phiKeepsRelativeAccuracyForTinyArguments() {
        // mpmath (50 digits): (1+x)log(1+x) - x at x = 1e-8 and x = -3e-5 and x = 0.09
        assertEquals(4.99999998333333341666666616666667e-17, Numerics.onePlusXLogOnePlusXMinusX(1e-8), 1e-31);
        assertEquals(4.500045000675012150243005e-10, Numerics.onePlusXLogOnePlusXMinusX(-3e-5), 1e-24);
        double x = 0.09;
        assertEquals((1 + x) * Math.log1p(x) - x, Numerics.onePlusXLogOnePlusXMinusX(x), 1e-17);
        assertEquals(1.0, Numerics.onePlusXLogOnePlusXMinusX(-1));
    }

    @Test
    void xlogConventions() {
        assertEquals(0, Numerics.xlogx(0));
        assertEquals(0, Numerics.xlogy(0, 0));
        assertEquals(2 * Math.log(3), Numerics.xlogy(2, 3), 1e-15);
    }
}
