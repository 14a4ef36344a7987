package dev.entropic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OtCommandTest {
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
    void emdBetweenPointCloudsIsTheAssignmentCost() throws IOException {
        // x = {0, 1}, y = {1, 3} on the line, uniform: optimal is 0→1, 1→3, cost (1 + 4)/2
        String xs = file("xs.csv", "0\n1\n");
        String xt = file("xt.csv", "1\n3\n");
        CliRunner r = CliRunner.run("ot", "--xs", xs, "--xt", xt, "--method", "emd", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertEquals("emd", o.get("method").asText());
        assertEquals(2.5, o.get("cost").asDouble(), 1e-15);
        assertEquals(2.5, o.get("objective").asDouble(), 1e-15);
        assertTrue(o.get("converged").asBoolean());
        assertEquals(0.0, o.get("marginalError").asDouble(), 1e-15);
        assertTrue(o.has("iterations") && o.has("seconds"));
        assertFalse(o.has("newtonIterations"));
        assertEquals(1, r.out().lines().count());
    }

    @Test
    void explicitCostWeightsAndPlanOut() throws IOException {
        String c = file("c.csv", "0,1\n1,0\n");
        String a = file("a.csv", "0.3,0.7");
        String b = file("b.csv", "0.5,0.5");
        String plan = dir.resolve("plan.csv").toString();
        CliRunner r = CliRunner.run("ot", "--cost", c, "--a", a, "--b", b, "--method", "emd", "--plan-out", plan, "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(0.2, json(r.out()).get("cost").asDouble(), 1e-15);
        double[][] p = Inputs.readMatrix(plan);
        assertEquals(0.3, p[0][0], 1e-15);
        assertEquals(0.2, p[1][0], 1e-15);
        assertEquals(0.5, p[1][1], 1e-15);
    }

    @ParameterizedTest
    @CsvSource({"sinkhorn", "sinkhorn-log", "sns"})
    void entropicMethodsAgree(String method) throws IOException {
        String xs = file("xs.csv", "0 0\n1 0\n0 1\n2 2\n");
        String xt = file("xt.csv", "1 1\n0 2\n3 0\n");
        CliRunner r = CliRunner.run("ot", "--xs", xs, "--xt", xt, "--method", method, "--reg", "0.5", "--tol", "1e-12", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        CliRunner ref = CliRunner.run("ot", "--xs", xs, "--xt", xt, "--method", "sinkhorn-log", "--reg", "0.5", "--tol", "1e-12", "--json");
        assertEquals(json(ref.out()).get("cost").asDouble(), o.get("cost").asDouble(), 1e-10);
        assertTrue(o.get("converged").asBoolean());
        assertTrue(o.get("marginalError").asDouble() <= 1e-12);
        assertEquals(method.equals("sns"), o.has("newtonIterations"));
    }

    @Test
    void snsScaledWarmUpReachesTheSameSolution() throws IOException {
        String xs = file("xs.csv", "0 0\n1 0\n0 1\n2 2\n");
        String xt = file("xt.csv", "1 1\n0 2\n3 0\n");
        CliRunner r = CliRunner.run("ot", "--xs", xs, "--xt", xt, "--method", "sns", "--reg", "0.05", "--tol", "1e-12",
                "--warm-up", "12", "--warm-up-scaling", "3", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        CliRunner ref = CliRunner.run("ot", "--xs", xs, "--xt", xt, "--method", "sinkhorn-log", "--reg", "0.05", "--tol", "1e-12", "--json");
        assertEquals(json(ref.out()).get("cost").asDouble(), o.get("cost").asDouble(), 1e-9);
        assertTrue(o.get("converged").asBoolean());
        assertEquals(12, o.get("iterations").asInt());
    }

    @Test
    void metricsAreParsed() throws IOException {
        String xs = file("xs.csv", "0 0\n");
        String xt = file("xt.csv", "3 4\n");
        assertEquals(25.0, cost(xs, xt, "sqeuclidean"), 1e-12);
        assertEquals(5.0, cost(xs, xt, "euclidean"), 1e-12);
        assertEquals(7.0, cost(xs, xt, "minkowski:1"), 1e-12);
    }

    private double cost(String xs, String xt, String metric) throws IOException {
        CliRunner r = CliRunner.run("ot", "--xs", xs, "--xt", xt, "--metric", metric, "--method", "emd", "--json");
        assertEquals(0, r.code(), r.err());
        return json(r.out()).get("cost").asDouble();
    }

    @Test
    void badInputExitsWithCodeTwoAndOneLine() throws IOException {
        String c = file("c.csv", "0,1\n1,0\n");
        String a = file("a.csv", "0.5,0.5");
        String bUnequal = file("b.csv", "0.5,0.6");
        String negative = file("neg.csv", "1.5,-0.5");
        String nan = file("nan.csv", "0,NaN\n1,0\n");
        String three = file("three.csv", "0.2,0.3,0.5");
        String plan = dir.resolve("plan.csv").toString();
        expectBad("differ in total mass", "ot", "--cost", c, "--a", a, "--b", bUnequal, "--method", "emd", "--plan-out", plan);
        assertFalse(Files.exists(Path.of(plan)), "no partial output file");
        expectBad("negative", "ot", "--cost", c, "--a", negative, "--method", "emd");
        expectBad("not", "ot", "--cost", nan, "--method", "emd");
        expectBad("expected 2", "ot", "--cost", c, "--a", three, "--method", "emd");
        expectBad("--reg must be positive", "ot", "--cost", c, "--method", "sinkhorn", "--reg", "0");
        expectBad("--reg must be positive", "ot", "--cost", c, "--method", "sns", "--reg", "-1");
        expectBad("needs --reg", "ot", "--cost", c, "--method", "sinkhorn-log");
        expectBad("--method must be", "ot", "--cost", c, "--method", "simplex");
        expectBad("apply to --method sns only", "ot", "--cost", c, "--method", "emd", "--warm-up-scaling", "4");
        expectBad("stages must be in [0, 30]", "ot", "--cost", c, "--method", "sns", "--reg", "0.1", "--warm-up-scaling", "-1");
        expectBad("--warm-up must be at least 1", "ot", "--cost", c, "--method", "sns", "--reg", "0.1", "--warm-up", "0");
        expectBad("either --cost", "ot", "--method", "emd");
        String xs = file("xs.csv", "0 0\n1 1\n");
        String xt1 = file("xt1.csv", "0\n1\n");
        expectBad("differ in dimension", "ot", "--xs", xs, "--xt", xt1, "--method", "emd");
        expectBad("differ in dimension", "ot", "sliced", "--xs", xs, "--xt", xt1);
        expectBad("--kind must be", "ot", "sliced", "--xs", xs, "--xt", xs, "--kind", "other");
    }

    private static void expectBad(String fragment, String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains(fragment), r.err());
    }

    @Test
    void slicedIsSeededAndVariantsRun() throws IOException {
        String xs = file("xs.csv", "0 0\n1 0\n0 1\n");
        String xt = file("xt.csv", "2 2\n3 1\n1 3\n4 4\n");
        CliRunner r1 = CliRunner.run("ot", "sliced", "--xs", xs, "--xt", xt, "--projections", "20", "--seed", "7", "--json");
        CliRunner r2 = CliRunner.run("ot", "sliced", "--xs", xs, "--xt", xt, "--projections", "20", "--seed", "7", "--json");
        assertEquals(0, r1.code(), r1.err());
        double v = json(r1.out()).get("value").asDouble();
        assertEquals(v, json(r2.out()).get("value").asDouble(), 0.0);
        assertTrue(v > 0);
        CliRunner max = CliRunner.run("ot", "sliced", "--xs", xs, "--xt", xt, "--projections", "20", "--seed", "7", "--kind", "max", "--json");
        assertEquals(0, max.code(), max.err());
        assertTrue(json(max.out()).get("value").asDouble() >= v);
        CliRunner vmf = CliRunner.run("ot", "sliced", "--xs", xs, "--xt", xt, "--kind", "vmf:10", "--p", "1", "--json");
        assertEquals(0, vmf.code(), vmf.err());
        assertTrue(json(vmf.out()).get("value").asDouble() > 0);
    }
}
