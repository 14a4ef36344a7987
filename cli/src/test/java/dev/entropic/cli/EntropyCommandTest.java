package dev.entropic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntropyCommandTest {
    @TempDir
    Path dir;

    @Test
    void knnEntropyEqualsTheLibraryOnTheSameSample() throws IOException {
        double[][] x = dev.entropic.core.MultivariateNormal.of(new double[] {0, 0},
                new double[][] {{4, 1}, {1, 2}}).sample(dev.entropic.core.Rng.seeded(7), 800);
        StringBuilder sb = new StringBuilder();
        for (double[] row : x) {
            sb.append(row[0]).append(',').append(row[1]).append('\n');
        }
        Path f = dir.resolve("x.csv");
        Files.writeString(f, sb.toString());
        CliRunner r = CliRunner.run("entropy", "--estimator", "knn", "--data", f.toString(), "--k", "4", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = Outputs.mapper().readTree(r.out());
        assertEquals(800, o.get("n").asInt());
        assertEquals(2, o.get("dimension").asInt());
        assertEquals(dev.entropic.estimators.KnnEntropy.estimate(x, 4), o.get("entropy").asDouble(), 0.0);
    }

    @Test
    void duplicatesAndUnknownEstimatorExitTwo() throws IOException {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, "1\n1\n2\n3\n");
        assertEquals(2, CliRunner.run("entropy", "--estimator", "knn", "--data", f.toString(), "--k", "1").code());
        assertEquals(2, CliRunner.run("entropy", "--estimator", "bogus", "--data", f.toString()).code());
    }
}
