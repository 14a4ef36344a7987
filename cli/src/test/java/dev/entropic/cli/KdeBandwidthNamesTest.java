package dev.entropic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entropic.estimators.Bandwidth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kde --bandwidth accepts the data-driven names and reports the library's h; bad use exits 2. */
class KdeBandwidthNamesTest {
    @TempDir
    Path dir;

    @Test
    void dataDrivenNamesReachTheLibrary() throws IOException {
        double[] x = new double[120];
        StringBuilder sb = new StringBuilder();
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() + (i % 4 == 0 ? 3 : 0);
            sb.append(x[i]).append('\n');
        }
        Path data = Files.writeString(dir.resolve("x.csv"), sb.toString());
        Path q = Files.writeString(dir.resolve("q.csv"), "0 1 2\n");
        for (String name : new String[] {"sj", "sj-dpi", "ucv", "lcv", "isj"}) {
            CliRunner run = CliRunner.run("kde", "--data", data.toString(), "--bandwidth", name, "--at", q.toString(), "--json");
            assertEquals(0, run.code(), name + ": " + run.err());
            JsonNode o = Outputs.mapper().readTree(run.out());
            assertEquals(Bandwidth.parse(name).select(x, null), o.get("bandwidth").asDouble(), 0.0, name);
        }
        CliRunner help = CliRunner.run("kde", "--help");
        String text = help.out().replaceAll("\\s+", " "); // picocli wraps lines
        assertTrue(text.contains("R bw.SJ") && text.contains("R bw.ucv") && text.contains("cv_ml")
            && text.contains("improved Sheather-Jones"), text);
    }

    @Test
    void weightsWithSjExitTwoWithOneLine() throws IOException {
        Path data = Files.writeString(dir.resolve("x.csv"), "0 1 2 5 7 8\n");
        Path w = Files.writeString(dir.resolve("w.csv"), "1 1 2 1 1 1\n");
        Path q = Files.writeString(dir.resolve("q.csv"), "1 2\n");
        Path out = dir.resolve("d.csv");
        CliRunner run = CliRunner.run("kde", "--data", data.toString(), "--weights", w.toString(), "--bandwidth", "sj",
            "--at", q.toString(), "--out", out.toString());
        assertEquals(2, run.code());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(!Files.exists(out));
    }
}
