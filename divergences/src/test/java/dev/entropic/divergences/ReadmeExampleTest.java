package dev.entropic.divergences;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.entropic.core.DiscreteDistribution;
import org.junit.jupiter.api.Test;

/** The README's Java example, kept compiling and checked against hand-computed values. */
class ReadmeExampleTest {
    @Test
    void readmeExample() {
        DiscreteDistribution p = DiscreteDistribution.ofProbabilities(0.2, 0.3, 0.5);
        DiscreteDistribution q = DiscreteDistribution.ofWeights(1, 6, 3);
        double kl = Divergence.kl().between(p, q);
        double js = Divergence.of(DivergenceKind.JS).between(p, q);
        double r2 = Divergence.renyi(2).between(p, q);
        double h = Divergence.of(DivergenceKind.JS).gradientWeight(1.5);

        double expectedKl = 0.2 * Math.log(0.2 / 0.1) + 0.3 * Math.log(0.3 / 0.6) + 0.5 * Math.log(0.5 / 0.3);
        assertEquals(expectedKl, kl, 1e-15);
        double[] pp = {0.2, 0.3, 0.5};
        double[] qq = {0.1, 0.6, 0.3};
        double expectedJs = 0;
        double s2 = 0;
        for (int i = 0; i < 3; i++) {
            double m = (pp[i] + qq[i]) / 2;
            expectedJs += 0.5 * pp[i] * Math.log(pp[i] / m) + 0.5 * qq[i] * Math.log(qq[i] / m);
            s2 += pp[i] * pp[i] / qq[i];
        }
        assertEquals(expectedJs, js, 1e-15);
        assertEquals(Math.log(s2), r2, 1e-14);
        assertEquals(1.5 / (2 * 2.5), h, 1e-16);
    }
}
