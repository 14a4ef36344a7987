package dev.entropic.distillation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entropic.core.Rng;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** SinKD against PyTorch 1.13 autograd ({@code reference/sinkd_torch.py}) and finite differences. */
class SinkhornDistillationTest {
    /** The unrolled algorithm is the same arithmetic as torch's: agreement to rounding. */
    private static final double UNROLLED_TOLERANCE = 1e-11;
    /** Converged: both sides solve to ~1e-12 marginal error; the plan is smooth in the potentials. */
    private static final double CONVERGED_TOLERANCE = 1e-9;
    private static final double FD_TOLERANCE = 1e-6;
    /** Rounding the logits to float moves the loss by ~1e-7 relative; its Lipschitz factor ≲ 1e2. */
    private static final double FLOAT_TOLERANCE = 1e-5;

    @Test
    void matchesTorchAutograd() throws IOException {
        int cases = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/reference/sinkd_torch.txt"), StandardCharsets.UTF_8))) {
            String line;
            String[] head = null;
            Map<String, double[]> f = new HashMap<>();
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] p = line.trim().split("\\s+");
                if (p[0].equals("case")) {
                    head = p;
                    continue;
                }
                double[] v = new double[p.length - 1];
                for (int i = 1; i < p.length; i++) {
                    v[i - 1] = Double.parseDouble(p[i]);
                }
                f.put(p[0], v);
                if (!p[0].equals("grad")) {
                    continue;
                }
                boolean unrolled = head[2].equals("unrolled");
                SinkhornDistillation sk = (unrolled ? SinkhornDistillation.unrolled() : SinkhornDistillation.converged())
                        .withTemperature(Double.parseDouble(head[3])).withEpsilon(Double.parseDouble(head[4]));
                int b = Integer.parseInt(head[5]);
                int c = Integer.parseInt(head[6]);
                SinkhornDistillation.Result res = sk.compute(f.get("teacher"), f.get("student"), b, c);
                double tol = unrolled ? UNROLLED_TOLERANCE : CONVERGED_TOLERANCE;
                assertTrue(res.converged(), head[1]);
                TorchReferenceTest.assertClose(f.get("loss")[0], res.loss(), tol, head[1] + " loss");
                for (int i = 0; i < b * c; i++) {
                    TorchReferenceTest.assertClose(f.get("grad")[i], res.gradient()[i], tol, head[1] + " grad " + i);
                }
                // float inputs: the same problem rounded to float
                float[] tf = new float[b * c];
                float[] sf = new float[b * c];
                for (int i = 0; i < b * c; i++) {
                    tf[i] = (float) f.get("teacher")[i];
                    sf[i] = (float) f.get("student")[i];
                }
                SinkhornDistillation.Result rf = sk.compute(tf, sf, b, c);
                TorchReferenceTest.assertClose(f.get("loss")[0], rf.loss(), FLOAT_TOLERANCE, head[1] + " float loss");
                cases++;
            }
        }
        assertEquals(8, cases);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        qt().withExamples(30).forAll(longs().all(), booleans().all()).checkAssert((seed, unrolled) -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            int b = 2 + rng.nextInt(4);
            int c = 2 + rng.nextInt(5);
            double[] t = new double[b * c];
            double[] s = new double[b * c];
            for (int i = 0; i < t.length; i++) {
                t[i] = 6 * rng.nextDouble() - 3;
                s[i] = 6 * rng.nextDouble() - 3;
            }
            SinkhornDistillation sk = unrolled ? SinkhornDistillation.unrolled() : SinkhornDistillation.converged();
            double[] g = sk.compute(t, s, b, c).gradient();
            double h = 1e-6;
            for (int i = 0; i < s.length; i++) {
                double x = s[i];
                s[i] = x + h;
                double up = sk.compute(t, s, b, c).loss();
                s[i] = x - h;
                double down = sk.compute(t, s, b, c).loss();
                s[i] = x;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, g[i], FD_TOLERANCE * Math.max(1, Math.abs(fd)),
                        (unrolled ? "unrolled" : "converged") + " seed " + seed + " grad " + i);
            }
        });
    }

    @Test
    void convergedReportsNonConvergence() {
        double[] t = {1.3, -0.2, 0.4, 0.1, 0.9, -1.1, -0.5, 0.2, 1.7};
        double[] s = {0.3, 1.1, -0.7, 0.8, -0.4, 0.2, 0.6, 0.5, -0.9};
        SinkhornDistillation.Result r = SinkhornDistillation.converged().withEpsilon(0.01).withIterations(2)
                .compute(t, s, 3, 3);
        assertEquals(2, r.iterations());
        assertTrue(!r.converged() && r.marginalError() > 1e-12, "error " + r.marginalError());
        IllegalArgumentException under = assertThrows(IllegalArgumentException.class,
                () -> SinkhornDistillation.unrolled().withEpsilon(1e-4).compute(t, s, 3, 3));
        assertTrue(under.getMessage().contains("too small"), under.getMessage());
        assertTrue(SinkhornDistillation.converged().withEpsilon(1e-4).compute(t, s, 3, 3).loss() > 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SinkhornDistillation.unrolled().compute(t, new double[8], 3, 3));
        assertTrue(e.getMessage().contains("differ in length"));
    }
}
