package dev.entropic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entropic.core.Gamma;
import dev.entropic.core.Rng;
import dev.entropic.estimators.MaximumLikelihood;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** entropic mle: the library's fit, risk and p-n criterion; exit 2 on bad input. */
class MleCommandTest {
    @TempDir
    Path dir;

    Path write(String name, double[] x) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (double v : x) {
            sb.append(v).append('\n');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void gammaFitRiskAndCriterionEqualTheLibrary() throws IOException {
        double[] x = Gamma.of(3, 1).sample(Rng.seeded(5), 400);
        Path f = write("x.csv", x);
        CliRunner r = CliRunner.run("mle", "--family", "gamma", "--data", f.toString(), "--epsilon", "0.1", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = Outputs.mapper().readTree(r.out());
        MaximumLikelihood.Fit fit = MaximumLikelihood.fit(MaximumLikelihood.Family.GAMMA, x);
        MaximumLikelihood.PnCriterion pn = MaximumLikelihood.pnCriterion(MaximumLikelihood.Family.GAMMA, x, 0.1);
        assertEquals("gamma", o.get("family").asText());
        assertEquals(400, o.get("n").asInt());
        assertEquals(fit.distribution().toString(), o.get("distribution").asText());
        assertEquals(fit.logLikelihood(), o.get("logLikelihood").asDouble(), 0.0);
        assertEquals(2, o.get("parameters").asInt());
        assertEquals(pn.risk().c1(), o.get("risk").get("c1").asDouble(), 0.0);
        assertEquals(pn.risk().c2(), o.get("risk").get("c2").asDouble(), 0.0);
        assertEquals(pn.risk().total(), o.get("risk").get("total").asDouble(), 0.0);
        assertEquals(pn.acceptable(), o.get("pnCriterion").get("acceptable").asBoolean());
        assertEquals(pn.minimumSampleSize(), o.get("pnCriterion").get("minimumSampleSize").asLong());
        assertEquals(8 * 0.1 * 0.1, o.get("pnCriterion").get("riskBound").asDouble(), 1e-15);
    }

    @Test
    void laplaceHasNoRiskExpansion() throws IOException {
        Path f = write("x.csv", new double[] {0.3, -1.2, 2.5, 0.1, -0.4, 0.9});
        CliRunner r = CliRunner.run("mle", "--family", "laplace", "--data", f.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = Outputs.mapper().readTree(r.out());
        assertEquals("laplace", o.get("family").asText());
        assertFalse(o.has("risk"));
        assertFalse(o.has("pnCriterion"));
        CliRunner plain = CliRunner.run("mle", "--family", "normal", "--data", f.toString());
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().contains("p-n criterion"), plain.out());
    }

    @Test
    void badInputExitsTwoWithOneLine() throws IOException {
        Path f = write("x.csv", new double[] {0.3, -1.2, 2.5});
        Path neg = write("neg.csv", new double[] {0.3, -1.2, 2.5});
        String[][] cases = {
            {"mle", "--family", "weibull", "--data", f.toString()},
            {"mle", "--family", "normal", "--data", f.toString(), "--epsilon", "0.7"},
            {"mle", "--family", "exponential", "--data", neg.toString()},
            {"mle", "--family", "normal", "--data", dir.resolve("missing.csv").toString()},
        };
        for (String[] c : cases) {
            CliRunner r = CliRunner.run(c);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertEquals("", r.out());
        }
    }
}
