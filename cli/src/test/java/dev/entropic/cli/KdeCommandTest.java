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

class KdeCommandTest {
    @TempDir
    Path dir;

    private String file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    @Test
    void gaussianKdeWithFixedBandwidthMatchesTheFormula() throws IOException {
        String x = file("x.csv", "0\n1\n3\n");
        String q = file("q.csv", "0.5,2\n");
        CliRunner r = CliRunner.run("kde", "--data", x, "--bandwidth", "0.5", "--at", q, "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = Outputs.mapper().readTree(r.out());
        assertEquals(0.5, o.get("bandwidth").asDouble(), 0);
        double[] pts = {0, 1, 3};
        double[] qs = {0.5, 2};
        for (int j = 0; j < 2; j++) {
            double s = 0;
            for (double p : pts) {
                double u = (qs[j] - p) / 0.5;
                s += Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI) / 0.5 / 3;
            }
            assertEquals(s, o.get("density").get(j).asDouble(), 1e-15);
        }
        assertTrue(o.has("seconds"));
    }

    @Test
    void outWritesCsvColumn() throws IOException {
        String x = file("x.csv", "0 1 2 5 7");
        String q = file("q.csv", "1 2 3");
        Path out = dir.resolve("d.csv");
        CliRunner r = CliRunner.run("kde", "--data", x, "--bandwidth", "scott", "--kernel", "epanechnikov",
                "--at", q, "--method", "exact", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(3, Files.readAllLines(out).size());
    }

    @Test
    void badInputExitsTwoWithOneLine() throws IOException {
        String x = file("x.csv", "1 1 1");
        String good = file("g.csv", "0 1 2 5");
        String q = file("q.csv", "1 2 3");
        String q2 = file("q2.csv", "1,2\n3,4\n");
        String nan = file("n.csv", "1 NaN 2");
        Path out = dir.resolve("never.csv");
        for (String[] args : new String[][] {
            {"kde", "--data", x, "--bandwidth", "scott", "--at", q, "--out", out.toString()},
            {"kde", "--data", good, "--bandwidth", "-1", "--at", q},
            {"kde", "--data", good, "--bandwidth", "scott", "--at", q2},
            {"kde", "--data", nan, "--bandwidth", "scott", "--at", q},
            {"kde", "--data", good, "--bandwidth", "scott", "--kernel", "bogus", "--at", q},
        }) {
            CliRunner r = CliRunner.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.errLines(), r.err());
        }
        assertFalse(Files.exists(out));
    }
}
