package dev.entropic.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** lcv against statsmodels KDEMultivariate(bw='cv_ml') (reference/lcv_statsmodels.py). */
class LikelihoodCvReferenceTest {
    /** The criterion is a plain sum of logs: agreement to rounding (the 12h cutoff is e^-72). */
    static final double OBJECTIVE_TOL = 1e-10;
    /** statsmodels stops Nelder-Mead at xtol = 1e-3 (absolute in h): its h is that close to the optimum. */
    static final double H_TOL = 2e-3;

    @Test
    void matchesStatsmodelsCvMl() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/reference/lcv_statsmodels.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        int count = 0;
        for (JsonNode c : ref.get("cases")) {
            double[] x = KernelDensityReferenceTest.arr(c.get("data"));
            double[] s = x.clone();
            Arrays.sort(s);
            String name = c.get("name").asText();
            double hRef = c.get("h").asDouble();
            double lcvRef = c.get("lcv").asDouble();
            assertEquals(lcvRef, LikelihoodCv.objective(s, hRef), OBJECTIVE_TOL * Math.abs(lcvRef), name + " objective");
            double h = Bandwidth.parse("lcv").select(x, null);
            assertEquals(hRef, h, H_TOL, name + " h");
            // we maximise at least as well as statsmodels, and h is a local maximum
            double best = LikelihoodCv.objective(s, h);
            assertTrue(best >= lcvRef - 1e-9 * Math.abs(lcvRef), name + " " + best + " < " + lcvRef);
            assertTrue(best >= LikelihoodCv.objective(s, h * 1.001) && best >= LikelihoodCv.objective(s, h / 1.001), name);
            count++;
        }
        assertEquals(4, count);
    }

    @Test
    void rejectsTiesAndWeights() {
        assertThrows(IllegalArgumentException.class, () -> Bandwidth.parse("lcv").select(new double[] {1, 2, 2, 3}, null));
        assertThrows(IllegalArgumentException.class,
            () -> Bandwidth.parse("lcv").select(new double[] {1, 2, 3}, new double[] {0.2, 0.3, 0.5}));
    }
}
