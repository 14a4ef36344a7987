package dev.entropic.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entropic.core.Rng;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** The O(n) quickselect IQR equals the sort-based R type-7 IQR, ties included. */
class BandwidthPropertiesTest {
    @Test
    void quickselectIqrEqualsSortedIqr() {
        qt().withExamples(300).forAll(longs().all(), integers().between(2, 400), integers().between(1, 50))
            .checkAssert((seed, n, levels) -> {
                UniformRandomProvider rng = Rng.seeded(seed);
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = rng.nextInt(levels) * 0.5 - rng.nextInt(3);
                }
                double[] s = x.clone();
                Arrays.sort(s);
                double expected = Bandwidth.quantile7(s, 0.75) - Bandwidth.quantile7(s, 0.25);
                double[] a = x.clone();
                double q1 = Bandwidth.selectQuantile7(a, 0.25, 0);
                double q3 = Bandwidth.selectQuantile7(a, 0.75, (int) Math.floor((n - 1) * 0.25));
                assertEquals(expected, q3 - q1, 0.0);
                assertEquals(Bandwidth.quantile7(s, 0.25), q1, 0.0);
            });
    }

    /** The bucketed quantiles equal the sorted ones exactly: ties, heavy tails (one bucket holding
     * almost everything) and constant data included; the input is not modified. */
    @Test
    void bucketQuantilesEqualSortedQuantiles() {
        qt().withExamples(300).forAll(longs().all(), integers().between(1, 3000), integers().between(0, 3))
            .checkAssert((seed, n, kind) -> {
                UniformRandomProvider rng = Rng.seeded(seed);
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    double u = rng.nextDouble();
                    x[i] = switch (kind) {
                        case 0 -> rng.nextInt(7) * 0.5;
                        case 1 -> Math.tan(Math.PI * (u - 0.5)) * (rng.nextInt(50) == 0 ? 1e12 : 1);
                        case 2 -> 3.25;
                        default -> u;
                    };
                }
                double[] copy = x.clone();
                double[] s = x.clone();
                Arrays.sort(s);
                double[] p = {0.25, 0.75, 0, 1, rng.nextDouble()};
                double[] q = Bandwidth.quantiles7(x, p);
                for (int i = 0; i < p.length; i++) {
                    assertEquals(Bandwidth.quantile7(s, p[i]), q[i], 0.0, "p=" + p[i]);
                }
                assertEquals(Arrays.toString(copy), Arrays.toString(x));
            });
    }
}
