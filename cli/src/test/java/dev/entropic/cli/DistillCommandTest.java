package dev.entropic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entropic.distillation.DistillationLoss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistillCommandTest {
    private static final String TEACHER = "1.0,2.0,0.5\n-1.0,0.0,3.0\n";
    private static final String STUDENT = "0.5,1.0,1.5\n0.2,-0.4,2.0\n";
    private static final double[] T = {1.0, 2.0, 0.5, -1.0, 0.0, 3.0};
    private static final double[] S = {0.5, 1.0, 1.5, 0.2, -0.4, 2.0};

    @TempDir
    Path dir;

    private String file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    /** KD of two-class rows in closed form: τ² Σ p ln(p/q) with p, q logistic in the logit gaps. */
    @Test
    void kdMatchesTheClosedFormAndWritesTheGradient() throws IOException {
        String t = file("t.csv", "2.0,0.0\n");
        String s = file("s.csv", "0.0,1.0\n");
        String g = dir.resolve("g.npy").toString();
        CliRunner r = CliRunner.run("distill", "--loss", "kd", "--teacher", t, "--student", s,
                "--temperature", "2", "--gradient-out", g, "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = Outputs.mapper().readTree(r.out());
        double p = 1 / (1 + Math.exp(-1.0));
        double q = 1 / (1 + Math.exp(0.5));
        double expected = 4 * (p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q)));
        assertEquals(expected, o.get("loss").asDouble(), 1e-14);
        assertTrue(o.get("seconds").asDouble() >= 0);
        double[][] grad = Inputs.readMatrix(g);
        // ∂/∂s_0 = τ (q − p)
        assertEquals(2 * (q - p), grad[0][0], 1e-14);
        assertEquals(-2 * (q - p), grad[0][1], 1e-14);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kd", "forward-kl", "reverse-kl", "js", "skew-kl:0.1", "skew-reverse-kl:0.1", "tv",
        "f:chi2", "f:alpha:0.5", "pld"})
    void everyLossAgreesWithTheLibrary(String loss) throws IOException {
        String t = file("t.csv", TEACHER);
        String s = file("s.csv", STUDENT);
        String g = dir.resolve("g.csv").toString();
        CliRunner r = CliRunner.run("distill", "--loss", loss, "--teacher", t, "--student", s,
                "--temperature", "1.5", "--gradient-out", g, "--json");
        assertEquals(0, r.code(), r.err());
        double[] expectedGrad = new double[6];
        double expected = DistillationLoss.parse(loss).withTemperature(1.5).compute(T, S, 2, 3, null, null, expectedGrad);
        assertEquals(expected, Outputs.mapper().readTree(r.out()).get("loss").asDouble(), 0.0);
        double[][] grad = Inputs.readMatrix(g);
        for (int i = 0; i < 6; i++) {
            assertEquals(expectedGrad[i], grad[i / 3][i % 3], 0.0);
        }
    }

    @Test
    void labelsMixCrossEntropyIntoKd() throws IOException {
        String t = file("t.csv", TEACHER);
        String s = file("s.csv", STUDENT);
        String y = file("y.csv", "2\n0\n");
        CliRunner r = CliRunner.run("distill", "--loss", "kd", "--teacher", t, "--student", s, "--labels", y,
                "--label-weight", "0.3", "--json");
        assertEquals(0, r.code(), r.err());
        double expected = DistillationLoss.kd().withLabelWeight(0.3).compute(T, S, 2, 3, new int[] {2, 0}, null, null);
        assertEquals(expected, Outputs.mapper().readTree(r.out()).get("loss").asDouble(), 0.0);
    }

    @Test
    void sinkhornReportsItsStatus() throws IOException {
        String t = file("t.csv", TEACHER);
        String s = file("s.csv", STUDENT);
        for (String loss : new String[] {"sinkhorn", "sinkhorn:converged"}) {
            CliRunner r = CliRunner.run("distill", "--loss", loss, "--teacher", t, "--student", s, "--json");
            assertEquals(0, r.code(), r.err());
            JsonNode o = Outputs.mapper().readTree(r.out());
            assertTrue(o.get("loss").asDouble() > 0);
            assertTrue(o.get("converged").asBoolean());
            if (loss.equals("sinkhorn")) {
                assertEquals(20, o.get("iterations").asInt());
            }
        }
    }

    @Test
    void badInputExitsWithCode2OneLineAndNoOutputFile() throws IOException {
        String t = file("t.csv", TEACHER);
        String s = file("s.csv", STUDENT);
        String narrow = file("narrow.csv", "1,2\n3,4\n");
        String nan = file("nan.csv", "0.5,nan,1.5\n0.2,-0.4,2.0\n");
        String y = file("y.csv", "3\n0\n");
        String g = dir.resolve("g.csv").toString();
        String[][] cases = {
            {"--loss", "kd", "--teacher", t, "--student", narrow},
            {"--loss", "kd", "--teacher", t, "--student", nan},
            {"--loss", "kd", "--teacher", t, "--student", s, "--labels", y},
            {"--loss", "kd", "--teacher", t, "--student", s, "--temperature", "0"},
            {"--loss", "kd", "--teacher", t, "--student", s, "--temperature", "-1"},
            {"--loss", "nope", "--teacher", t, "--student", s},
            {"--loss", "f:hellinger", "--teacher", t, "--student", s},
            {"--loss", "js", "--teacher", t, "--student", s, "--labels", file("ok.csv", "0\n1\n")},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 4];
            args[0] = "distill";
            System.arraycopy(c, 0, args, 1, c.length);
            args[c.length + 1] = "--gradient-out";
            args[c.length + 2] = g;
            args[c.length + 3] = "--json";
            CliRunner r = CliRunner.run(args);
            assertEquals(2, r.code(), String.join(" ", c) + " -> " + r.err());
            assertEquals(1, r.errLines(), r.err());
            assertEquals("", r.out());
            assertFalse(Files.exists(Path.of(g)), "no partial output");
        }
    }
}
