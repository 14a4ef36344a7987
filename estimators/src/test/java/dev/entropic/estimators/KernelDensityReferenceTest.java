package dev.entropic.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Agreement with scipy.stats.gaussian_kde and R bw.nrd0/bw.nrd (reference/kde1d.py). */
class KernelDensityReferenceTest {
    /** Bandwidths are closed-form: agreement to rounding. */
    static final double BANDWIDTH_TOL = 1e-13;
    /** Densities are sums of 200 exponentials: agreement to rounding. */
    static final double DENSITY_TOL = 1e-12;
    /** scipy integrates the cdf via special.ndtr: agreement to rounding. */
    static final double CDF_TOL = 1e-12;
    /** FFT-binned evaluation, relative to the maximal density. */
    static final double FFT_TOL = 1e-3;

    static JsonNode ref() throws Exception {
        try (InputStream in = KernelDensityReferenceTest.class.getResourceAsStream("/reference/kde1d.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static double[] arr(JsonNode n) {
        double[] a = new double[n.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = n.get(i).asDouble();
        }
        return a;
    }

    @Test
    void matchesScipyGaussianKde() throws Exception {
        JsonNode r = ref();
        double[] x = arr(r.get("data"));
        double[] w = arr(r.get("weights"));
        double[] q = arr(r.get("queries"));
        for (JsonNode c : r.get("cases")) {
            Bandwidth bw = Bandwidth.parse(c.get("bandwidth").asText());
            KernelDensity kde = KernelDensity.of(x, c.get("weighted").asBoolean() ? w : null, bw, Kernel.GAUSSIAN);
            String label = c.get("bandwidth").asText() + " weighted=" + c.get("weighted");
            assertEquals(c.get("factor").asDouble(), kde.factor(), BANDWIDTH_TOL * c.get("factor").asDouble(), label);
            assertEquals(c.get("h").asDouble(), kde.bandwidth(), BANDWIDTH_TOL * c.get("h").asDouble(), label);
            double[] d = arr(c.get("density"));
            double[] cdf = arr(c.get("cdf"));
            double[] exact = kde.densities(q, KernelDensity.Method.EXACT);
            double[] fft = kde.densities(q, KernelDensity.Method.FFT);
            double max = 0;
            for (double v : d) {
                max = Math.max(max, v);
            }
            for (int i = 0; i < q.length; i++) {
                assertEquals(d[i], kde.density(q[i]), DENSITY_TOL * Math.max(d[i], 1e-300), label + " q=" + q[i]);
                assertEquals(d[i], exact[i], DENSITY_TOL * Math.max(d[i], 1e-300), label);
                assertEquals(d[i], fft[i], FFT_TOL * max, label + " fft q=" + q[i]);
                assertEquals(cdf[i], kde.cdf(q[i]), CDF_TOL, label + " cdf q=" + q[i]);
                assertEquals(Math.log(d[i]), kde.logDensity(q[i]), DENSITY_TOL * Math.abs(Math.log(d[i])) + 1e-12, label);
            }
        }
    }

    @Test
    void matchesRRobustRules() throws Exception {
        JsonNode r = ref();
        double[] x = arr(r.get("data"));
        double nrd0 = r.get("R").get("bw.nrd0").asDouble();
        double nrd = r.get("R").get("bw.nrd").asDouble();
        assertEquals(nrd0, Bandwidth.silvermanRobust().select(x, null), BANDWIDTH_TOL * nrd0);
        assertEquals(nrd, Bandwidth.scottRobust().select(x, null), BANDWIDTH_TOL * nrd);
        assertThrows(IllegalArgumentException.class, () -> Bandwidth.silvermanRobust().select(x, new double[x.length]));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> KernelDensity.of(new double[0], Bandwidth.scott()));
        assertThrows(IllegalArgumentException.class, () -> KernelDensity.of(new double[] {1, Double.NaN}, Bandwidth.scott()));
        assertThrows(IllegalArgumentException.class, () -> KernelDensity.of(new double[] {2, 2, 2}, Bandwidth.scott()));
        assertThrows(IllegalArgumentException.class, () -> Bandwidth.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> Bandwidth.parse("bogus"));
        assertThrows(IllegalArgumentException.class, () -> Kernel.parse("bogus"));
    }
}
