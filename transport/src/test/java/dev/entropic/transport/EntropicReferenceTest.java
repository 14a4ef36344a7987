package dev.entropic.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Entropic solvers against POT 0.8.2 {@code ot.sinkhorn2(method='sinkhorn_log', stopThr=1e-13)}. */
class EntropicReferenceTest {
    /** Marginal tolerance of our solves. */
    private static final double TOL = 1e-12;
    /** Relative agreement of ⟨P, C⟩ with POT (both solved to ~1e-13 marginal error). */
    private static final double VALUE_RTOL = 1e-9;
    /** Max abs difference of plan entries. */
    private static final double PLAN_ATOL = 1e-10;

    static Stream<JsonNode> cases() {
        return PotReference.cases("sinkhorn2").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logSinkhornMatchesPot(JsonNode c) {
        check(c, LogSinkhorn.withDefaults().withEpsilon(c.get("reg").asDouble()).withTolerance(TOL).solve(PotReference.problem(c)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logSinkhornWithEpsilonScalingMatchesPot(JsonNode c) {
        check(c, LogSinkhorn.withDefaults().withEpsilon(c.get("reg").asDouble()).withTolerance(TOL).withEpsilonScaling(0.5)
                .solve(PotReference.problem(c)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sinkhornNewtonSparseMatchesPot(JsonNode c) {
        TransportResult r = SinkhornNewtonSparse.withDefaults().withEpsilon(c.get("reg").asDouble()).withTolerance(TOL)
                .solve(PotReference.problem(c));
        check(c, r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scalingSinkhornMatchesPotWhereKernelIsRepresentable(JsonNode c) {
        double reg = c.get("reg").asDouble();
        if (reg < 0.005) {
            return; // exp(-C/ε) underflows: covered by LogSinkhorn and the underflow test
        }
        check(c, Sinkhorn.withDefaults().withEpsilon(reg).withTolerance(TOL).withMaxIterations(200_000)
                .solve(PotReference.problem(c)));
    }

    private static void check(JsonNode c, TransportResult r) {
        assertTrue(r.converged(), () -> "not converged: " + r);
        assertTrue(r.marginalError() <= TOL, () -> "marginal error " + r.marginalError());
        double expected = c.get("value").asDouble();
        assertEquals(expected, r.cost(), VALUE_RTOL * Math.abs(expected), c.get("name").asText());
        double[] plan = r.plan().toDenseArray();
        double[] ref = PotReference.vector(c.get("plan"));
        for (int k = 0; k < plan.length; k++) {
            assertEquals(ref[k], plan[k], PLAN_ATOL, "plan[" + k + "]");
        }
    }
}
