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
}
