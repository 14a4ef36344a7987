package dev.entropic.distillation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Losses and gradients against PyTorch 1.13 float64 autograd
 * ({@code reference/distillation_torch.py}, output {@code distillation_torch.txt}).
 */
class TorchReferenceTest {
    /** Relative (to max(1, |value|)) agreement of the double API with torch float64. */
    private static final double DOUBLE_TOLERANCE = 1e-11;
    /** Agreement of the float API (float inputs rounded from the same values) with torch float64. */
    private static final double FLOAT_TOLERANCE = 2e-4;

    record Case(String name, String loss, double tau, int b, int c, double alpha, double[] t,
            double[] s, int[] labels, double[] weights, double value, double[] grad) {
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                TorchReferenceTest.class.getResourceAsStream("/reference/distillation_torch.txt"),
                StandardCharsets.UTF_8))) {
            String line;
            String[] head = null;
            Map<String, String[]> fields = new HashMap<>();
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                if (parts[0].equals("case")) {
                    head = parts;
                    fields.clear();
                    continue;
                }
                fields.put(parts[0], parts);
                if (parts[0].equals("grad")) {
                    out.add(new Case(head[1], head[2], Double.parseDouble(head[3]),
                            Integer.parseInt(head[4]), Integer.parseInt(head[5]),
                            Double.parseDouble(head[6]), doubles(fields.get("teacher")),
                            doubles(fields.get("student")), ints(fields.get("labels")),
                            doubles(fields.get("weights")), Double.parseDouble(fields.get("loss")[1]),
                            doubles(parts)));
                }
            }
        }
        return out;
    }

    private static double[] doubles(String[] p) {
        if (p[1].equals("-")) {
            return null;
        }
        double[] v = new double[p.length - 1];
        for (int i = 1; i < p.length; i++) {
            v[i - 1] = Double.parseDouble(p[i]);
        }
        return v;
    }

    private static int[] ints(String[] p) {
        if (p[1].equals("-")) {
            return null;
        }
        int[] v = new int[p.length - 1];
        for (int i = 1; i < p.length; i++) {
            v[i - 1] = Integer.parseInt(p[i]);
        }
        return v;
    }

    static DistillationLoss lossOf(Case k) {
        DistillationLoss l = DistillationLoss.parse(k.loss()).withTemperature(k.tau());
        return k.alpha() > 0 ? l.withLabelWeight(k.alpha()) : l;
    }

    @Test
    void everyCaseMatchesTorchInDouble() throws IOException {
        List<Case> cases = cases();
        assertEquals(80, cases.size());
        for (Case k : cases) {
            double[] g = new double[k.t().length];
            double v = lossOf(k).compute(k.t(), k.s(), k.b(), k.c(), k.labels(), k.weights(), g);
            assertClose(k.value(), v, DOUBLE_TOLERANCE, k.name() + " " + k.loss() + " loss");
            for (int i = 0; i < g.length; i++) {
                assertClose(k.grad()[i], g[i], DOUBLE_TOLERANCE, k.name() + " " + k.loss() + " grad[" + i + "]");
            }
            // parallel split gives the same numbers
            double[] g2 = new double[g.length];
            double v2 = lossOf(k).withParallelism(2).compute(k.t(), k.s(), k.b(), k.c(), k.labels(),
                    k.weights(), g2);
            assertClose(v, v2, 1e-15, k.name() + " parallel");
        }
    }

    @Test
    void everyCaseMatchesTorchInFloat() throws IOException {
        for (Case k : cases()) {
            float[] t = new float[k.t().length];
            float[] s = new float[t.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = (float) k.t()[i];
                s[i] = (float) k.s()[i];
            }
            float[] g = new float[t.length];
            double v = lossOf(k).compute(t, s, k.b(), k.c(), k.labels(), k.weights(), g);
            assertClose(k.value(), v, FLOAT_TOLERANCE, k.name() + " " + k.loss() + " float loss");
            for (int i = 0; i < g.length; i++) {
                assertClose(k.grad()[i], g[i], FLOAT_TOLERANCE, k.name() + " " + k.loss() + " float grad[" + i + "]");
            }
            // with a workspace (two exponentials per entry in the fused kernel), two threads
            float[] g2 = new float[t.length];
            float[] work = new float[2 * k.c()];
            java.util.Arrays.fill(work, Float.NaN);
            double v2 = lossOf(k).withParallelism(2).compute(t, s, k.b(), k.c(), k.labels(), k.weights(), g2, work);
            assertClose(v, v2, 1e-15, k.name() + " workspace loss");
            for (int i = 0; i < g.length; i++) {
                assertClose(g[i], g2[i], 1e-6, k.name() + " " + k.loss() + " workspace grad[" + i + "]");
            }
        }
    }

    static void assertClose(double expected, double actual, double tol, String what) {
        double scale = Math.max(1, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= tol * scale,
                () -> what + ": expected " + expected + " got " + actual);
    }

    /**
     * The fused float kernel (fast exponential, optional workspace, two threads) on wide rows against
     * the double kernel on the same float values: the float path accumulates in double, so the loss
     * agrees to ~1e-9 and each gradient entry to float rounding.
     */
    @Test
    void fusedFloatKernelAgreesWithDoubleOnWideRows() {
        org.apache.commons.rng.UniformRandomProvider rng = dev.entropic.core.Rng.seeded(99);
        int b = 3;
        int c = 5000;
        float[] t = new float[b * c];
        float[] s = new float[b * c];
        double[] td = new double[b * c];
        double[] sd = new double[b * c];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) (20 * rng.nextDouble() - 10);
            s[i] = (float) (20 * rng.nextDouble() - 10);
            td[i] = t[i];
            sd[i] = s[i];
        }
        for (DistillationLoss l : new DistillationLoss[] {DistillationLoss.kd().withTemperature(2),
            DistillationLoss.forwardKl().withTemperature(0.7), DistillationLoss.kd().withTemperature(3).withLabelWeight(0.2)}) {
            int[] labels = l.labelWeight() > 0 ? new int[] {0, 17, 4999} : null;
            double[] gd = new double[b * c];
            double vd = l.compute(td, sd, b, c, labels, null, gd);
            float[] gf = new float[b * c];
            double vf = l.withParallelism(2).compute(t, s, b, c, labels, null, gf, new float[2 * c]);
            float[] gf2 = new float[b * c];
            double vf2 = l.compute(t, s, b, c, labels, null, gf2);
            assertClose(vd, vf, 1e-9, l + " loss (workspace)");
            assertClose(vd, vf2, 1e-9, l + " loss");
            // the gradient is a difference τ(q − p) (+ α(q₁ − e_y)) of float-rounded terms: its error
            // scales with the terms, not with their difference
            double tau = l.temperature();
            double[] p = softmax(td, b, c, tau);
            double[] q = softmax(sd, b, c, tau);
            double[] q1 = softmax(sd, b, c, 1);
            for (int i = 0; i < gd.length; i++) {
                double tol = 1e-6 * (Math.abs(gd[i]) + ((tau + 1) * (p[i] + q[i]) + q1[i]) / b) + 1e-12;
                assertTrue(Math.abs(gd[i] - gf[i]) <= tol, l + " grad " + i + ": " + gd[i] + " vs " + gf[i]);
                assertTrue(Math.abs(gd[i] - gf2[i]) <= tol, l + " grad " + i + ": " + gd[i] + " vs " + gf2[i]);
            }
        }
    }

    private static double[] softmax(double[] x, int b, int c, double tau) {
        double[] out = new double[b * c];
        for (int i = 0; i < b; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                m = Math.max(m, x[i * c + k]);
            }
            double z = 0;
            for (int k = 0; k < c; k++) {
                z += Math.exp((x[i * c + k] - m) / tau);
            }
            for (int k = 0; k < c; k++) {
                out[i * c + k] = Math.exp((x[i * c + k] - m) / tau) / z;
            }
        }
        return out;
    }
}
