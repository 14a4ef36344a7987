package dev.entropic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entropic.divergences.Binning;
import dev.entropic.divergences.InformationValue;
import dev.entropic.divergences.InformationValueResult;
import dev.entropic.divergences.PopulationStabilityIndex;
import dev.entropic.divergences.PopulationStabilityResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code entropic iv} and {@code entropic psi}: JSON contract, agreement with the library, bad input. */
class IvPsiCommandTest {
    @TempDir
    Path dir;

    private String file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    private static JsonNode json(CliRunner r) throws IOException {
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().lines().count(), "exactly one JSON object on stdout");
        return Outputs.mapper().readTree(r.out());
    }

    @Test
    void ivJsonCarriesTheLibraryResult() throws IOException {
        String g = file("g.csv", "120,340,510,280,90\n");
        String b = file("b.csv", "60\n95\n80\n30\n8\n");
        JsonNode o = json(CliRunner.run("iv", "--good", g, "--bad", b, "--json"));
        InformationValueResult r = InformationValue.withDefaults()
                .compute(new double[] {120, 340, 510, 280, 90}, new double[] {60, 95, 80, 30, 8});
        assertEquals(r.informationValue(), o.get("iv").asDouble());
        assertEquals(r.standardError(), o.get("standardError").asDouble());
        assertEquals(r.standardErrorFixedWeights(), o.get("standardErrorFixedWeights").asDouble());
        assertEquals(r.chiSquared(), o.get("chi2").asDouble());
        assertEquals(r.pValue(), o.get("pValue").asDouble());
        assertEquals(4, o.get("degreesOfFreedom").asInt());
        assertEquals(5, o.get("bins").size());
        assertEquals(r.weightsOfEvidence()[2], o.get("bins").get(2).get("woe").asDouble());
        assertEquals(r.contributions()[4], o.get("bins").get(4).get("contribution").asDouble());
        // The seed paper's identity, through the CLI: IV is the Jeffreys divergence between the shares.
        assertEquals(0.26464775510002586, o.get("iv").asDouble(), 1e-15, "numpy/mpmath reference value");
    }

    @Test
    void ivZeroCountIsInfinityAndThePseudoCountMakesItFinite() throws IOException {
        String g = file("g.csv", "0 40 75 31");
        String b = file("b.csv", "7 12 9 5");
        JsonNode o = json(CliRunner.run("iv", "--good", g, "--bad", b, "--json"));
        assertEquals("Infinity", o.get("iv").asText());
        assertTrue(o.get("iv").isTextual());
        assertEquals("-Infinity", o.get("bins").get(0).get("woe").asText());
        assertEquals(0.0, o.get("pValue").asDouble());
        JsonNode s = json(CliRunner.run("iv", "--good", g, "--bad", b, "--pseudo-count", "0.5", "--json"));
        assertTrue(s.get("iv").isNumber() && s.get("standardError").isNumber());
        assertEquals(0.5, s.get("pseudoCount").asDouble());
    }

    @Test
    void ivTextOutputEndsWithTheSummaryLine() throws IOException {
        String g = file("g.csv", "10 20 30");
        String b = file("b.csv", "30 20 10");
        CliRunner r = CliRunner.run("iv", "--good", g, "--bad", b);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("IV = "), r.out());
    }

    @Test
    void psiJsonFromCountsCarriesTheLibraryResult() throws IOException {
        String e = file("e.csv", "100,200,300,250,150");
        String a = file("a.csv", "90,230,280,240,160");
        JsonNode o = json(CliRunner.run("psi", "--expected", e, "--actual", a, "--json"));
        PopulationStabilityResult r = PopulationStabilityIndex.withDefaults()
                .compute(new double[] {100, 200, 300, 250, 150}, new double[] {90, 230, 280, 240, 160});
        assertEquals(r.psi(), o.get("psi").asDouble());
        assertEquals(r.standardError(), o.get("standardError").asDouble());
        assertEquals(r.standardErrorKnownBaseline(), o.get("standardErrorKnownBaseline").asDouble());
        assertEquals(r.standardErrorFixedWeights(), o.get("standardErrorFixedWeights").asDouble());
        assertEquals(r.chiSquared(), o.get("chi2").asDouble());
        assertEquals(r.pValue(), o.get("pValue").asDouble());
        assertEquals(4, o.get("degreesOfFreedom").asInt());
        assertEquals("stable", o.get("level").asText());
        assertEquals(r.logRatios()[1], o.get("bins").get(1).get("woe").asDouble());
        assertEquals(r.contributions()[1], o.get("bins").get(1).get("contribution").asDouble());
    }

    @Test
    void psiFromScoresBinsOnTheBaseline() throws IOException {
        String e = file("e.csv", "1 2 3 4 5 6 7 8 9 10");
        String a = file("a.csv", "1\n2\n2\n6\n9\n10\n10\n11\n");
        JsonNode o = json(CliRunner.run("psi", "--expected", e, "--actual", a, "--scores", "--bins", "2",
                "--binning", "equal-width", "--json"));
        assertEquals(5.5, o.get("cutPoints").get(0).asDouble());
        PopulationStabilityResult r = PopulationStabilityIndex.withDefaults()
                .compute(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, new double[] {1, 2, 2, 6, 9, 10, 10, 11},
                        Binning.ofCutPoints(5.5));
        assertEquals(r.psi(), o.get("psi").asDouble());
        assertEquals(2, o.get("bins").size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "negative count     | 1,-2,3    | 1,2,3 | is negative",
        "NaN                | 1,nan,3   | 1,2,3 | is NaN",
        "infinite           | 1,inf,3   | 1,2,3 | is infinite",
        "text               | 1,two,3   | 1,2,3 | is not a number: 'two'",
        "non-integer        | 1,2.5,3   | 1,2,3 | is not an integer count: 2.5",
        "length mismatch    | 1,2,3     | 1,2   | differ in length: 3 vs 2",
        "one bin            | 5         | 7     | need at least 2 bins",
        "zero total         | 0,0,0     | 1,2,3 | has zero total mass",
    })
    void badCountsExitWithCodeTwoAndOneLine(String label, String first, String second, String message) throws IOException {
        String x = file("x.csv", first);
        String y = file("y.csv", second);
        for (String[] args : new String[][] {
            {"iv", "--good", x, "--bad", y, "--json"},
            {"psi", "--expected", x, "--actual", y, "--json"},
        }) {
            CliRunner r = CliRunner.run(args);
            assertEquals(2, r.code(), label + ": " + r.err());
            assertEquals(1, r.errLines(), r.err());
            assertTrue(r.err().contains(message), label + ": " + r.err());
            assertEquals("", r.out(), "no output on bad input");
        }
    }

    @Test
    void otherBadInputExitsWithCodeTwo() throws IOException {
        String x = file("x.csv", "1,2,3");
        String empty = file("empty.csv", "");
        String missing = dir.resolve("missing.csv").toString();
        assertBad("does not exist", "iv", "--good", missing, "--bad", x);
        assertBad("is empty", "psi", "--expected", empty, "--actual", x);
        assertBad("--pseudo-count must be non-negative and finite: -1.0", "iv", "--good", x, "--bad", x, "--pseudo-count", "-1");
        assertBad("--pseudo-count", "iv", "--good", x, "--bad", x, "--pseudo-count", "abc");
        assertBad("--binning must be quantiles or equal-width", "psi", "--expected", x, "--actual", x, "--scores",
                "--binning", "kmeans");
        assertBad("--bins must be at least 2: 1", "psi", "--expected", x, "--actual", x, "--scores", "--bins", "1");
        assertBad("baseline is constant", "psi", "--expected", file("c.csv", "2 2 2"), "--actual", x, "--scores");
        assertBad("Missing required option", "iv", "--good", x);
    }

    private static void assertBad(String message, String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals("", r.out());
    }
}
