package dev.entropic.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReliabilityCurveTest {
    /** scikit-learn calibration_curve(strategy='uniform', n_bins=10): calibration_curve.py. */
    @Test
    void matchesScikitLearnCalibrationCurve() {
        List<Double> p = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        double[] trueFraction = null;
        double[] predicted = null;
        for (String[] r : ReferenceData.rows("calibration_curve.csv")) {
            switch (r[0]) {
                case "row" -> {
                    y.add(Integer.parseInt(r[1]));
                    p.add(Double.parseDouble(r[2]));
                }
                case "prob_true" -> trueFraction = Arrays.stream(r, 1, r.length).mapToDouble(Double::parseDouble).toArray();
                default -> predicted = Arrays.stream(r, 1, r.length).mapToDouble(Double::parseDouble).toArray();
            }
        }
        ReliabilityCurve c = ReliabilityCurve.of(p.stream().mapToDouble(Double::doubleValue).toArray(),
                y.stream().mapToInt(Integer::intValue).toArray(), 10);
        assertArrayEquals(trueFraction, c.fractionPositive(), 1e-12);
        assertArrayEquals(predicted, c.meanPredicted(), 1e-12);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ReliabilityCurve.of(new double[] {0.5}, new int[] {2}, 5));
        assertThrows(IllegalArgumentException.class, () -> ReliabilityCurve.of(new double[] {1.5}, new int[] {1}, 5));
    }
}
