package dev.entropic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DivergenceCommandTest {
    @TempDir
    Path dir;

    private String file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    private static JsonNode json(String text) throws IOException {
        return Outputs.mapper().readTree(text);
    }

    @Test
    void klBetweenFilesMatchesTheDefinition() throws IOException {
        String p = file("p.csv", "0.2,0.3,0.5\n");
        String q = file("q.csv", "0.1\n0.6\n0.3\n");
        CliRunner r = CliRunner.run("divergence", "--kind", "kl", "--p", p, "--q", q, "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        double expected = 0.2 * Math.log(2) + 0.3 * Math.log(0.5) + 0.5 * Math.log(0.5 / 0.3);
        assertEquals("kl", o.get("kind").asText());
        assertEquals("exact", o.get("method").asText());
        assertEquals(expected, o.get("value").asDouble(), 1e-15);
        assertTrue(o.has("seconds"));
        assertEquals(1, r.out().lines().count(), "exactly one JSON object on stdout");
    }

    @Test
    void infiniteValueIsTheStringInfinity() throws IOException {
        String p = file("p.csv", "0.5 0.5");
        String q = file("q.csv", "1 0");
        CliRunner r = CliRunner.run("divergence", "--kind", "kl", "--p", p, "--q", q, "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("Infinity", json(r.out()).get("value").asText());
        assertTrue(json(r.out()).get("value").isTextual());
    }

    @Test
    void renyiNeedsAlphaAndReportsIt() throws IOException {
        String p = file("p.csv", "0.2,0.8");
        String q = file("q.csv", "0.5,0.5");
        CliRunner r = CliRunner.run("divergence", "--kind", "renyi", "--alpha", "2", "--p", p, "--q", q, "--json");
        assertEquals(0, r.code(), r.err());
        double expected = Math.log(0.2 * 0.2 / 0.5 + 0.8 * 0.8 / 0.5);
        assertEquals(expected, json(r.out()).get("value").asDouble(), 1e-15);
        assertEquals(2.0, json(r.out()).get("alpha").asDouble());
    }

    @Test
    void readsNpyFloat64AndInt64() throws IOException {
        Path p = dir.resolve("p.npy");
        Files.write(p, Outputs.npy1d(new double[] {0.25, 0.75}));
        Path q = dir.resolve("q.npy");
        Files.write(q, npyInt64(new long[] {1, 1}));
        CliRunner r = CliRunner.run("divergence", "--kind", "tv", "--p", p.toString(), "--q", q.toString(),
                "--normalize", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(0.25, json(r.out()).get("value").asDouble(), 1e-15);
    }

    private static byte[] npyInt64(long[] v) {
        String dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (" + v.length + ",), }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String h = dict + " ".repeat(pad) + "\n";
        ByteBuffer bb = ByteBuffer.allocate(10 + h.length() + 8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        bb.putShort((short) h.length()).put(h.getBytes(StandardCharsets.ISO_8859_1));
        for (long x : v) {
            bb.putLong(x);
        }
        return bb.array();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "negative      | 0.5,0.7,-0.2     | 0.3,0.3,0.4 | is negative",
        "nan           | 0.5,NaN,0.5      | 0.3,0.3,0.4 | NaN",
        "text          | 0.5,abc,0.5      | 0.3,0.3,0.4 | is not a number",
        "notSumming    | 0.5,0.6,0.5      | 0.3,0.3,0.4 | must sum to 1",
        "lengthMismatch| 0.5,0.5          | 0.3,0.3,0.4 | differ in length",
        "infinite      | 0.5,inf,0.5      | 0.3,0.3,0.4 | infinite",
    })
    void badFileContentExitsTwoWithOneLine(String name, String p, String q, String message) throws IOException {
        String pf = file(name + "-p.csv", p);
        String qf = file(name + "-q.csv", q);
        CliRunner r = CliRunner.run("divergence", "--kind", "kl", "--p", pf, "--q", qf, "--json");
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    @Test
    void emptyFileExitsTwo() throws IOException {
        String pf = file("empty.csv", "\n\n");
        String qf = file("q.csv", "0.5,0.5");
        CliRunner r = CliRunner.run("divergence", "--kind", "kl", "--p", pf, "--q", qf);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is empty"), r.err());
        assertEquals(1, r.errLines());
    }

    @Test
    void unknownKindExitsTwoAndListsKinds() throws IOException {
        String pf = file("p.csv", "0.5,0.5");
        CliRunner r = CliRunner.run("divergence", "--kind", "kullback", "--p", pf, "--q", pf);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown") && r.err().contains("reverse-kl"), r.err());
        assertEquals(1, r.errLines());
    }

    @Test
    void missingFileExitsTwo() {
        CliRunner r = CliRunner.run("divergence", "--kind", "kl", "--p", dir.resolve("nope.csv").toString(),
                "--q", dir.resolve("nope2.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("does not exist"), r.err());
        assertEquals(1, r.errLines());
    }

    @Test
    void missingOptionAndAlphaRulesExitTwo() throws IOException {
        String pf = file("p.csv", "0.5,0.5");
        CliRunner noQ = CliRunner.run("divergence", "--kind", "kl", "--p", pf);
        assertEquals(2, noQ.code());
        assertEquals(1, noQ.errLines(), noQ.err());
        CliRunner noAlpha = CliRunner.run("divergence", "--kind", "alpha", "--p", pf, "--q", pf);
        assertEquals(2, noAlpha.code());
        assertTrue(noAlpha.err().contains("needs --alpha"), noAlpha.err());
        CliRunner extraAlpha = CliRunner.run("divergence", "--kind", "kl", "--alpha", "2", "--p", pf, "--q", pf);
        assertEquals(2, extraAlpha.code());
        CliRunner badNumber = CliRunner.run("divergence", "--kind", "alpha", "--alpha", "x", "--p", pf, "--q", pf);
        assertEquals(2, badNumber.code());
        assertEquals(1, badNumber.errLines(), badNumber.err());
    }

    @Test
    void helpExitsZero() {
        CliRunner r = CliRunner.run("divergence", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--kind"));
    }

    @Test
    void noCommandIsUsageError() {
        CliRunner r = CliRunner.run();
        assertEquals(2, r.code());
        assertEquals(1, r.errLines(), r.err());
    }

    @Test
    void demoRunsOnEmbeddedData() throws IOException {
        CliRunner r = CliRunner.run("demo", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertEquals(10, o.get("bins").asInt());
        assertTrue(o.get("divergences").get("kl").asDouble() > 0);
        // IV is the jeffreys divergence of the band shares (no pseudo-count by default).
        assertEquals(o.get("divergences").get("jeffreys").asDouble(),
                o.get("informationValue").get("iv").asDouble(), 1e-12);
        assertTrue(o.get("informationValue").get("standardError").asDouble() > 0);
        assertEquals(10, o.get("informationValue").get("woe").size());
    }
}
