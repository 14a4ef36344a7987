package dev.entropic.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EntropicBarycenterTest {
    /** Entries vs POT's scaling-domain barycenter (both iterated to ~1e-14). */
    private static final double ATOL = 1e-10;

    static Stream<JsonNode> cases() {
        return PotReference.cases("barycenter").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPotBregmanBarycenter(JsonNode c) {
        double[][] h = PotReference.matrix(c.get("histograms"));
        int n = h[0].length;
        CostMatrix m = CostMatrix.of(PotReference.vector(c.get("cost")), n, n);
        EntropicBarycenter.Result r = EntropicBarycenter.compute(h, m, PotReference.vector(c.get("weights")),
                c.get("reg").asDouble(), 1e-13, 100_000);
        assertTrue(r.converged());
        double[] expected = PotReference.vector(c.get("value"));
        double[] got = r.barycenter();
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], got[i], ATOL, "q[" + i + "]");
        }
    }

    @Test
    void validatesInputs() {
        CostMatrix m = CostMatrix.of(new double[] {0, 1, 1, 0}, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EntropicBarycenter.compute(new double[][] {{0.5, 0.5, 0}}, m, new double[] {1}, 0.1, 1e-9, 10));
        assertTrue(e.getMessage().contains("histograms[0] has length 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EntropicBarycenter.compute(new double[][] {{0.5, 0.5}}, m, new double[] {1}, 0, 1e-9, 10));
        assertTrue(e.getMessage().contains("epsilon"), e.getMessage());
    }
}
