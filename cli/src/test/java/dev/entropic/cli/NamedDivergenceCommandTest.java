package dev.entropic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code entropic divergence} between named distributions: methods, closed forms, errors. */
class NamedDivergenceCommandTest {
    @TempDir
    Path dir;

    private static JsonNode json(String text) throws IOException {
        return Outputs.mapper().readTree(text);
    }

    /** KL(N(0,1) ‖ N(1,2)) = ln 2 + (1 + 1)/8 − ½. */
    private static final double KL_N01_N12 = Math.log(2) + 2.0 / 8 - 0.5;

    @Test
    void gaussianKlIsTheClosedForm() throws IOException {
        CliRunner r = CliRunner.run("divergence", "--kind", "kl", "--p", "normal(0,1)", "--q", "normal(1,2)", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertEquals("closed-form", o.get("method").asText());
        assertEquals(KL_N01_N12, o.get("value").asDouble(), 1e-15);
        assertEquals(1, r.out().lines().count());
    }

    @Test
    void forcedQuadratureAgreesWithTheClosedForm() throws IOException {
        CliRunner r = CliRunner.run("divergence", "--kind", "kl", "--p", "normal(0,1)", "--q", "normal(1,2)",
                "--method", "quadrature", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertEquals("quadrature", o.get("method").asText());
        assertEquals(KL_N01_N12, o.get("value").asDouble(), 1e-12);
        assertTrue(o.get("standardError").asDouble() < 1e-9);
        assertTrue(o.get("evaluations").asLong() > 0);
    }

    @Test
    void monteCarloIsSeededAndWithinFiveStandardErrors() throws IOException {
        String[] args = {"divergence", "--kind", "kl", "--p", "normal(0,1)", "--q", "normal(1,2)",
            "--method", "monte-carlo", "--samples", "20000", "--seed", "7", "--json"};
        CliRunner a = CliRunner.run(args);
        CliRunner b = CliRunner.run(args);
        assertEquals(0, a.code(), a.err());
        JsonNode o = json(a.out());
        assertEquals("monte-carlo", o.get("method").asText());
        double se = o.get("standardError").asDouble();
        assertTrue(se > 0 && se < 0.02, "standard error " + se);
        assertTrue(Math.abs(o.get("value").asDouble() - KL_N01_N12) < 5 * se);
        assertEquals(o.get("value").asDouble(), json(b.out()).get("value").asDouble(), 0.0, "same seed, same value");
    }

    @Test
    void pairWithoutClosedFormFallsBackToQuadrature() throws IOException {
        // KL(t_5 ‖ N(0,1)) by scipy 1.10 integrate.quad(t.pdf·(t.logpdf − norm.logpdf), −∞, ∞, epsabs=0, epsrel=1e-13)
        CliRunner r = CliRunner.run("divergence", "--kind", "kl", "--p", "student-t(5)", "--q", "normal(0,1)", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertEquals("quadrature", o.get("method").asText());
        assertEquals(0.12476919412361001, o.get("value").asDouble(), 1e-11, r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kl", "reverse-kl", "js", "squared-hellinger", "hellinger", "tv", "chi2", "neyman-chi2",
        "jeffreys", "triangular"})
    void everyKindWorksOnNamedDistributionsAndAutoAgreesWithQuadrature(String kind) throws IOException {
        CliRunner auto = CliRunner.run("divergence", "--kind", kind, "--p", "gamma(2,1.5)", "--q", "gamma(3,1)", "--json");
        CliRunner quad = CliRunner.run("divergence", "--kind", kind, "--p", "gamma(2,1.5)", "--q", "gamma(3,1)",
                "--method", "quadrature", "--json");
        assertEquals(0, auto.code(), auto.err());
        assertEquals(0, quad.code(), quad.err());
        double a = json(auto.out()).get("value").asDouble();
        double q = json(quad.out()).get("value").asDouble();
        assertTrue(a > 0, kind + " " + a);
        assertEquals(a, q, 1e-9 * Math.max(1, a), kind);
    }

    @ParameterizedTest
    @CsvSource({"alpha,0.5", "alpha,2", "renyi,0.5", "renyi,3"})
    void orderedKindsCarryAlpha(String kind, String alpha) throws IOException {
        CliRunner r = CliRunner.run("divergence", "--kind", kind, "--alpha", alpha, "--p", "beta(2,5)",
                "--q", "beta(3,3)", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertEquals(Double.parseDouble(alpha), o.get("alpha").asDouble());
        assertTrue(o.get("value").asDouble() > 0);
    }

    @Test
    void disjointSupportGivesTheStringInfinity() throws IOException {
        CliRunner r = CliRunner.run("divergence", "--kind", "kl", "--p", "uniform(0,2)", "--q", "uniform(0,1)", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("Infinity", json(r.out()).get("value").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "normal(0,-1)|normal(0,1)|auto|sd",
        "normal(0)|normal(0,1)|auto|normal(0)",
        "weibull(1,2)|normal(0,1)|auto|weibull",
        "normal(0,x)|normal(0,1)|auto|not a number",
        "normal(0,1)|normal(0,1)|simpson|--method",
        "normal(0,1)|normal(0,1)|exact|--method exact",
        "student-t(5)|normal(0,1)|closed-form|closed-form is not available",
    })
    void badNamedInputExitsTwoWithOneLine(String p, String q, String method, String message) {
        CliRunner r = CliRunner.run("divergence", "--kind", "kl", "--p", p, "--q", q, "--method", method);
        assertEquals(2, r.code(), r.out());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    @Test
    void fileAgainstNamedIsRejected() throws IOException {
        Path f = dir.resolve("p.csv");
        Files.writeString(f, "0.5,0.5");
        CliRunner r = CliRunner.run("divergence", "--kind", "kl", "--p", f.toString(), "--q", "normal(0,1)");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("both be files or both be named"), r.err());
    }

    @Test
    void methodOnFilesIsRejected() throws IOException {
        Path f = dir.resolve("p.csv");
        Files.writeString(f, "0.5,0.5");
        CliRunner r = CliRunner.run("divergence", "--kind", "kl", "--p", f.toString(), "--q", f.toString(),
                "--method", "quadrature");
        assertEquals(2, r.code());
        assertEquals(1, r.errLines(), r.err());
    }
}
