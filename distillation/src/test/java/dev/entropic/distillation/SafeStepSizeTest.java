package dev.entropic.distillation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.junit.jupiter.api.Test;

class SafeStepSizeTest {

    @Test
    void boundOverABatchUsesTheLargestSpread() {
        double[] a = {0.0, 1.0, -0.5, /* spread 1.5 */ 2.0, -1.0, 0.0 /* spread 3 */};
        SafeStepSize.StepBound b = SafeStepSize.of(a, 2, 3, 2.0);
        assertEquals(3.0, b.spread());
        assertEquals(Math.PI / 3, b.radius(), 1e-16);
        assertEquals(2.0 / (Math.PI / 3), b.normalisedStep(), 1e-15);
        assertEquals((Math.PI / 3) / 2.0, b.scale(), 1e-16);
        assertEquals(1, b.worstExample());
        assertTrue(!b.isSafe());
        SafeStepSize.StepBound small = SafeStepSize.of(a, 2, 3, 0.5);
        assertEquals(1.0, small.scale());
        assertTrue(small.isSafe());
        SafeStepSize.StepBound flat = SafeStepSize.of(new double[] {1, 1, 1}, 1, 3, 10);
        assertEquals(Double.POSITIVE_INFINITY, flat.radius());
        assertEquals(1.0, flat.scale());
    }

    /**
     * The binary loss along the line, {@code ℓ(t) = ln(1 + e^{−(δ + Δt)})}, has its singularity
     * (a zero of {@code 1 + e^{−(δ+Δt)}}) at {@code t = (−δ + iπ)/Δ}, at distance {@code ρ*}; and
     * {@code ρ_a ≤ ρ*} with equality at {@code δ = 0}.
     */
    @Test
    void binaryRadiusIsTheDistanceToTheComplexSingularity() {
        qt().withExamples(100).forAll(doubles().between(-20, 20), doubles().between(0.01, 10))
                .checkAssert((delta, spread) -> {
                    double re = -delta / spread;
                    double im = Math.PI / spread;
                    // 1 + exp(−(δ + Δ(re + i im))) = 1 + e^{0}(cos(−Δ im) + i sin(−Δ im))
                    double x = -(delta + spread * re);
                    double y = -spread * im;
                    double zr = 1 + Math.exp(x) * Math.cos(y);
                    double zi = Math.exp(x) * Math.sin(y);
                    assertEquals(0, Math.hypot(zr, zi), 1e-14);
                    assertEquals(Math.hypot(re, im), SafeStepSize.binaryRadius(delta, spread),
                            1e-14 * Math.hypot(re, im));
                    assertTrue(SafeStepSize.radius(spread) <= SafeStepSize.binaryRadius(delta, spread));
                });
        assertEquals(SafeStepSize.radius(2), SafeStepSize.binaryRadius(0, 2), 1e-16);
    }

    // ---------------------------------------------------------------- softmax regression example

    /** Three classes in the plane, not separable (the last two points carry conflicting labels). */
    private static final double[][] X = {{1, 0.2}, {0.9, -0.1}, {-1, 0.5}, {-0.8, 0.9}, {0.1, -1.2},
        {0.3, -0.9}, {0.95, 0.1}, {-0.9, 0.6}};
    private static final int[] Y = {0, 0, 1, 1, 2, 2, 1, 2};
    private static final int C = 3;
    private static final int D = 2;

    /** Mean cross-entropy of z_i = W x_i; fills grad (C×D) when non-null. */
    private static double loss(double[] w, double[] grad) {
        double total = 0;
        if (grad != null) {
            java.util.Arrays.fill(grad, 0);
        }
        double[] z = new double[C];
        for (int i = 0; i < X.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < C; k++) {
                z[k] = w[k * D] * X[i][0] + w[k * D + 1] * X[i][1];
                max = Math.max(max, z[k]);
            }
            double sum = 0;
            for (int k = 0; k < C; k++) {
                sum += Math.exp(z[k] - max);
            }
            double lse = max + Math.log(sum);
            total += (lse - z[Y[i]]) / X.length;
            if (grad != null) {
                for (int k = 0; k < C; k++) {
                    double pk = Math.exp(z[k] - lse) - (k == Y[i] ? 1 : 0);
                    grad[k * D] += pk * X[i][0] / X.length;
                    grad[k * D + 1] += pk * X[i][1] / X.length;
                }
            }
        }
        return total;
    }

    /** Runs 30 gradient steps with learning rate lr; returns the loss trace. */
    private static double[] train(double lr, boolean capped) {
        double[] w = {0.5, -0.3, -0.2, 0.4, 0.1, 0.0};
        double[] g = new double[C * D];
        double[] trace = new double[31];
        double[] a = new double[X.length * C];
        trace[0] = loss(w, g);
        for (int step = 1; step <= 30; step++) {
            double norm = 0;
            for (double v : g) {
                norm += lr * lr * v * v;
            }
            norm = Math.sqrt(norm);
            double scale = 1;
            if (capped && norm > 0) {
                // unit direction V = −lr g/‖lr g‖; a_i = V x_i (the logits' directional derivatives)
                for (int i = 0; i < X.length; i++) {
                    for (int k = 0; k < C; k++) {
                        a[i * C + k] = -lr * (g[k * D] * X[i][0] + g[k * D + 1] * X[i][1]) / norm;
                    }
                }
                SafeStepSize.StepBound b = SafeStepSize.of(a, X.length, C, norm);
                scale = b.scale();
                assertTrue(b.normalisedStep() * scale <= 1 + 1e-12);
            }
            for (int j = 0; j < w.length; j++) {
                w[j] -= scale * lr * g[j];
            }
            trace[step] = loss(w, g);
        }
        return trace;
    }

    /**
     * The r &lt; 1 rule on a small softmax regression: with learning rates far beyond the stable
     * range, plain gradient descent drives the loss to several times its starting value, while the
     * same steps shrunk onto the convergence disc (scale = min(1, ρ_a/‖step‖)) never rise above the
     * starting loss and end below it. (Inside the disc the loss may still oscillate: r &lt; 1 makes the
     * local model valid, it does not promise monotone descent.)
     */
    @Test
    void softmaxRegressionExample() {
        for (double lr : new double[] {30, 60, 200}) {
            double[] plain = train(lr, false);
            double[] capped = train(lr, true);
            double plainMax = java.util.Arrays.stream(plain).max().getAsDouble();
            double cappedMax = java.util.Arrays.stream(capped).max().getAsDouble();
            assertTrue(plainMax > 4 * plain[0], "lr " + lr + ": plain run should blow up, max " + plainMax);
            assertEquals(capped[0], cappedMax, 0.0, "lr " + lr + ": capped run rose above its start");
            assertTrue(capped[30] < capped[0], "lr " + lr + ": capped run should progress: " + capped[30]);
        }
    }
}
