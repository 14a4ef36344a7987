package dev.entropic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class MultivariateNormalTest {
    private static final double RELATIVE = 1e-12;
    private static final double[] MEAN = {1, -2, 0.5};
    private static final double[][] COV = {{2, 0.3, -0.4}, {0.3, 1, 0.2}, {-0.4, 0.2, 0.5}};

    @Test
    void logDensityAgreesWithScipy() throws IOException {
        MultivariateNormal mvn = MultivariateNormal.of(MEAN, COV);
        int rows = 0;
        for (String line : UnivariateLawsReferenceTest.resource("multivariate_normal.csv").split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            double[] x = {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
            double expected = Double.parseDouble(f[3]);
            assertEquals(expected, mvn.logDensity(x), RELATIVE * Math.abs(expected));
            rows++;
        }
        assertEquals(4, rows);
    }

    @Test
    void samplesHaveTheRightMomentsAndAreReproducible() {
        MultivariateNormal mvn = MultivariateNormal.of(MEAN, COV);
        int n = 40000;
        double[][] s = mvn.sample(Rng.seeded(7), n);
        double[][] again = mvn.sample(Rng.seeded(7), n);
        assertEquals(s[123][1], again[123][1]);
        for (int i = 0; i < 3; i++) {
            double m = 0;
            for (double[] row : s) {
                m += row[i];
            }
            m /= n;
            assertEquals(MEAN[i], m, 5 * Math.sqrt(COV[i][i] / n), "mean " + i);
        }
        double c01 = 0;
        for (double[] row : s) {
            c01 += (row[0] - MEAN[0]) * (row[1] - MEAN[1]);
        }
        c01 /= n;
        // sd of the sample covariance ≈ sqrt((σ00σ11 + σ01²)/n)
        assertEquals(COV[0][1], c01, 5 * Math.sqrt((2 * 1 + 0.09) / n));
    }

    @Test
    void rejectsBadCovariance() {
        IllegalArgumentException notSpd = assertThrows(IllegalArgumentException.class,
                () -> MultivariateNormal.of(new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}}));
        assertTrue(notSpd.getMessage().contains("positive definite"), notSpd.getMessage());
        IllegalArgumentException asym = assertThrows(IllegalArgumentException.class,
                () -> MultivariateNormal.of(new double[] {0, 0}, new double[][] {{1, 0.5}, {0.4, 1}}));
        assertTrue(asym.getMessage().contains("not symmetric"), asym.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> MultivariateNormal.of(new double[] {0, 0, 0}, new double[][] {{1, 0}, {0, 1}}));
        assertTrue(shape.getMessage().contains("3 x 3"), shape.getMessage());
    }
}
