package dev.entropic.divergences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuadratureTest {
    /** The 21-point Kronrod rule is exact for polynomials of degree ≤ 31. */
    @Test
    void kronrodPanelIsExactForPolynomialsUpToDegree31() {
        for (int k = 0; k <= 31; k++) {
            final int deg = k;
            double[] r = Quadrature.panel(x -> Math.pow(x, deg), 0, 1);
            assertEquals(1.0 / (k + 1), r[0], 1e-15, "degree " + k);
        }
    }

    /** The embedded 10-point Gauss rule is exact to degree 19, so the error estimate vanishes there. */
    @Test
    void errorEstimateIsAtRoundingLevelForDegree19() {
        double[] r = Quadrature.panel(x -> Math.pow(x, 19), -1, 2);
        assertTrue(r[1] < 1e-13 * r[0], "error " + r[1]);
        double[] bad = Quadrature.panel(x -> Math.pow(x, 40), -1, 2);
        assertTrue(bad[1] > 1e-8, "error of a degree-40 monomial must be visible: " + bad[1]);
    }

    @Test
    void adaptiveResolvesAnInverseSquareRootSingularityAndAPeak() {
        Quadrature.Result r = Quadrature.integrate(x -> 1 / Math.sqrt(x), 0, 1, 1e-15, 1e-12, 2000);
        assertEquals(2, r.value(), 1e-10);
        assertTrue(r.converged());
        Quadrature.Result peak = Quadrature.integrate(x -> 1e-4 / (x * x + 1e-8), -1, 1, 0, 1e-12, 2000);
        assertEquals(2e-4 * 1e4 * Math.atan(1e4), peak.value(), 1e-9 * peak.value());
        assertTrue(peak.error() < 1e-9, "error " + peak.error());
    }
}
