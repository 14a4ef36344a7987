package dev.entropic.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlattScalingTest {
    /** sklearn newton-cg at tol 1e-14 vs our Newton: both at the unique ML optimum. */
    private static final double PARAMETER_TOLERANCE = 1e-8;

    @Test
    void matchesScikitLearnUnpenalisedLogisticRegression() {
        List<String[]> rows = ReferenceData.rows("platt.csv");
        for (String[] c : rows) {
            if (!c[0].equals("case")) {
                continue;
            }
            List<double[]> s = new ArrayList<>();
            List<Integer> y = new ArrayList<>();
            for (String[] r : rows) {
                if (r[0].equals("row") && r[1].equals(c[1])) {
                    y.add(Integer.parseInt(r[2]));
                    s.add(new double[] {Double.parseDouble(r[3])});
                }
            }
            PlattModel m = PlattScaling.withDefaults()
                    .fit(s.toArray(new double[0][]), y.stream().mapToInt(Integer::intValue).toArray());
            assertTrue(m.converged(), "case " + c[1]);
            assertEquals(Double.parseDouble(c[2]), m.slope(), PARAMETER_TOLERANCE, "slope case " + c[1]);
            assertEquals(Double.parseDouble(c[3]), m.intercept(), PARAMETER_TOLERANCE, "intercept case " + c[1]);
        }
    }

    @Test
    void separableDataIsReportedUnlessTargetsAreSmoothed() {
        double[][] s = {{-2}, {-1}, {1}, {2}};
        int[] y = {0, 0, 1, 1};
        assertFalse(PlattScaling.withDefaults().fit(s, y).converged());
        PlattModel smooth = PlattScaling.withDefaults().withTargetSmoothing(true).fit(s, y);
        assertTrue(smooth.converged());
        assertTrue(smooth.slope() > 0 && Double.isFinite(smooth.slope()));
        double[][] p = smooth.predict(s);
        assertTrue(p[0][0] < 0.5 && p[3][0] > 0.5);
    }

    @Test
    void probabilityInputFitsOnTheLogit() {
        double[][] p = {{0.1}, {0.3}, {0.6}, {0.8}, {0.55}, {0.2}};
        int[] y = {0, 1, 1, 1, 0, 0};
        double[][] logit = new double[p.length][1];
        for (int i = 0; i < p.length; i++) {
            logit[i][0] = Math.log(p[i][0] / (1 - p[i][0]));
        }
        PlattModel a = PlattScaling.withDefaults().withInput(ScoreInput.PROBABILITY).fit(p, y);
        PlattModel b = PlattScaling.withDefaults().fit(logit, y);
        assertEquals(b.slope(), a.slope(), 1e-12);
        assertEquals(b.intercept(), a.intercept(), 1e-12);
    }
}
