package dev.entropic.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code entropic kde} on d-D data, --progress and --plot. */
class KdeMultiCommandTest {
    /** The exact engine's exponential is accurate to 6e-14 relative per term (FastExp.expShifted). */
    static final double DENSITY_TOL = 2e-13;
    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path dir;

    private String file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    static final double[][] POINTS = {{0, 0}, {1, 0.5}, {3, 1}, {2, 4}, {-1, 2}};

    private String points() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (double[] p : POINTS) {
            sb.append(p[0]).append(',').append(p[1]).append('\n');
        }
        return file("x.csv", sb.toString());
    }

    @Test
    void twoDimensionalScottMatchesTheGaussianFormula() throws IOException {
        String q = file("q.csv", "0.5,1\n2,2\n");
        CliRunner r = CliRunner.run("kde", "--data", points(), "--bandwidth", "scott", "--at", q, "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = Outputs.mapper().readTree(r.out());
        double f = Math.pow(5, -1.0 / 6);
        assertEquals(f, o.get("bandwidth").asDouble(), 1e-15);
        assertEquals(f, o.get("factor").asDouble(), 1e-15);
        assertEquals(2, o.get("dimension").asInt());
        // H = f² × sample covariance (n-1)
        double[] m = new double[2];
        for (double[] p : POINTS) {
            m[0] += p[0] / 5;
            m[1] += p[1] / 5;
        }
        double[][] c = new double[2][2];
        for (double[] p : POINTS) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    c[a][b] += (p[a] - m[a]) * (p[b] - m[b]) / 4 * f * f;
                }
            }
        }
        JsonNode h = o.get("bandwidthMatrix");
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                assertEquals(c[a][b], h.get(a).get(b).asDouble(), 1e-14);
            }
        }
        double det = c[0][0] * c[1][1] - c[0][1] * c[1][0];
        double[][] qs = {{0.5, 1}, {2, 2}};
        for (int j = 0; j < 2; j++) {
            double s = 0;
            for (double[] p : POINTS) {
                double u = qs[j][0] - p[0];
                double v = qs[j][1] - p[1];
                double quad = (c[1][1] * u * u - 2 * c[0][1] * u * v + c[0][0] * v * v) / det;
                s += Math.exp(-0.5 * quad) / (2 * Math.PI * Math.sqrt(det)) / 5;
            }
            assertEquals(s, o.get("density").get(j).asDouble(), DENSITY_TOL * s);
        }
    }

    @Test
    void threeDimensionalWeightedWritesColumnAndProgress() throws IOException {
        StringBuilder x = new StringBuilder();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            x.append(Math.sin(i)).append(' ').append(Math.cos(1.3 * i)).append(' ').append(Math.sin(0.7 * i) * 2).append('\n');
            w.append(1 + (i % 3)).append('\n');
        }
        String xf = file("x3.csv", x.toString());
        String wf = file("w.csv", w.toString());
        Path out = dir.resolve("d.csv");
        CliRunner r = CliRunner.run("kde", "--data", xf, "--weights", wf, "--bandwidth", "silverman", "--kernel", "epanechnikov",
            "--at", xf, "--method", "exact", "--out", out.toString(), "--progress");
        assertEquals(0, r.code(), r.err());
        assertEquals(300, Files.readAllLines(out).size());
        String[] lines = r.err().strip().split("\n");
        assertEquals("kde: 100% done", lines[lines.length - 1].strip(), r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void plotsArePngFiles() throws IOException {
        Path p2 = dir.resolve("two.png");
        CliRunner r = CliRunner.run("kde", "--data", points(), "--bandwidth", "1", "--at", points(), "--plot", p2.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(p2), 4));
        Path p1 = dir.resolve("one.png");
        String x = file("x1.csv", "0 1 2 5 7 7.5");
        r = CliRunner.run("kde", "--data", x, "--bandwidth", "lcv", "--at", x, "--plot", p1.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(p1), 4));
        assertTrue(Outputs.mapper().readTree(r.out()).get("bandwidth").asDouble() > 0);
    }

    @Test
    void badInputExitsTwoWithOneLineAndNoFile() throws IOException {
        String x = points();
        String q1 = file("q1.csv", "1 2 3\n");
        String q3 = file("q3.csv", "1,2,3\n4,5,6\n");
        String nan = file("nan.csv", "1,2\nNaN,3\n4,4\n");
        String flat = file("flat.csv", "1,2\n1,3\n1,5\n");
        String x3 = file("x3.csv", "1,2,3\n4,5,7\n0,1,1\n2,2,0\n");
        String empty = file("empty.csv", "");
        Path out = dir.resolve("never.csv");
        Path png = dir.resolve("never.png");
        for (String[] args : new String[][] {
            {"kde", "--data", x, "--bandwidth", "scott", "--at", q3, "--out", out.toString()},
            {"kde", "--data", x, "--bandwidth", "scott", "--at", q1, "--out", out.toString()},
            {"kde", "--data", nan, "--bandwidth", "scott", "--at", x, "--out", out.toString()},
            {"kde", "--data", flat, "--bandwidth", "scott", "--at", x, "--out", out.toString()},
            {"kde", "--data", flat, "--bandwidth", "lcv", "--at", x, "--out", out.toString()},
            {"kde", "--data", x3, "--bandwidth", "scott", "--at", x3, "--plot", png.toString()},
            {"kde", "--data", x3, "--bandwidth", "scott", "--at", x3, "--method", "fft"},
            {"kde", "--data", x, "--bandwidth", "wide", "--at", x},
            {"kde", "--data", x, "--bandwidth", "scott", "--at", x, "--plot", dir.resolve("p.jpg").toString()},
            {"kde", "--data", empty, "--bandwidth", "scott", "--at", x},
            {"kde", "--data", x, "--weights", q1, "--bandwidth", "scott", "--at", x},
        }) {
            CliRunner r = CliRunner.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.errLines(), r.err());
        }
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(png));
    }
}
