package dev.entropic.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entropic.core.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class ScoresTest {
    private static final double TOLERANCE = 1e-14;

    @Test
    void matchesScikitLearnAndNumpyMurphy() {
        Map<String, Double> v = new HashMap<>();
        List<double[]> p = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (String[] r : ReferenceData.rows("scores.csv")) {
            if (r[0].equals("value")) {
                v.put(r[1], Double.parseDouble(r[2]));
            } else {
                y.add(Integer.parseInt(r[1]));
                p.add(new double[] {Double.parseDouble(r[2])});
            }
        }
        double[][] probs = p.toArray(new double[0][]);
        int[] labels = y.stream().mapToInt(Integer::intValue).toArray();
        assertEquals(v.get("brier"), Scores.brier(probs, labels), TOLERANCE);
        assertEquals(v.get("nll"), Scores.negativeLogLikelihood(probs, labels), TOLERANCE);
        assertEquals(v.get("accuracy"), Scores.accuracy(probs, labels), 0.0);
        Scores.MurphyDecomposition m = Scores.murphy(probs, labels);
        assertEquals(v.get("reliability"), m.reliability(), TOLERANCE);
        assertEquals(v.get("resolution"), m.resolution(), TOLERANCE);
        assertEquals(v.get("uncertainty"), m.uncertainty(), TOLERANCE);
    }

    @Test
    void murphyDecompositionAddsUpForMulticlass() {
        qt().withExamples(50).forAll(longs().all(), integers().between(2, 5)).checkAssert((seed, k) -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            int n = 40;
            double[][] probs = new double[n][];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                // Few distinct rows so that forecasts repeat.
                int kind = rng.nextInt(3);
                double[] row = new double[k];
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    row[j] = 1 + ((kind * 7 + j * 3) % 5);
                    sum += row[j];
                }
                for (int j = 0; j < k; j++) {
                    row[j] /= sum;
                }
                probs[i] = row;
                labels[i] = rng.nextInt(k);
            }
            Scores.MurphyDecomposition m = Scores.murphy(probs, labels);
            assertEquals(m.brier(), m.reliability() - m.resolution() + m.uncertainty(), 1e-13);
        });
    }
}
