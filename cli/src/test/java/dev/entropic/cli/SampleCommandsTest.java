package dev.entropic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entropic.core.MultivariateNormal;
import dev.entropic.core.Rng;
import dev.entropic.estimators.EnergyDistance;
import dev.entropic.estimators.KnnMutualInformation;
import dev.entropic.estimators.Mmd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** entropic mutual-info and entropic two-sample: same values as the library, exit 2 on bad input. */
class SampleCommandsTest {
    @TempDir
    Path dir;

    Path write(String name, double[][] rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                sb.append(j == 0 ? "" : ",").append(row[j]);
            }
            sb.append('\n');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb.toString());
        return f;
    }

    static double[][] column(double[][] xy, int c) {
        double[][] out = new double[xy.length][1];
        for (int i = 0; i < xy.length; i++) {
            out[i][0] = xy[i][c];
        }
        return out;
    }

    @Test
    void mutualInfoEqualsTheLibrary() throws IOException {
        double[][] xy = MultivariateNormal.of(new double[] {0, 0}, new double[][] {{1, 0.7}, {0.7, 1}}).sample(Rng.seeded(3), 600);
        double[][] x = column(xy, 0);
        double[][] y = column(xy, 1);
        Path fx = write("x.csv", x);
        Path fy = write("y.csv", y);
        CliRunner r = CliRunner.run("mutual-info", "--estimator", "knn", "--x", fx.toString(), "--y", fy.toString(), "--k", "5", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = Outputs.mapper().readTree(r.out());
        assertEquals(KnnMutualInformation.estimate(x, y, 5), o.get("value").asDouble(), 0.0);
        assertEquals("knn", o.get("estimator").asText());
        assertEquals(5, o.get("k").asInt());
        assertEquals(600, o.get("n").asInt());
        assertTrue(o.get("seconds").asDouble() >= 0);
        CliRunner plain = CliRunner.run("mutual-info", "--estimator", "knn", "--x", fx.toString(), "--y", fy.toString());
        assertEquals(KnnMutualInformation.estimate(x, y, 3), Double.parseDouble(plain.out().trim()), 0.0);
    }

    @Test
    void mutualInfoBadInputExitsTwoWithOneLine() throws IOException {
        Path fx = write("x.csv", new double[][] {{1}, {2}, {3}, {4}});
        Path fy = write("y.csv", new double[][] {{1}, {2}, {3}});
        Path dup = write("dup.csv", new double[][] {{1}, {1}, {2}, {3}});
        String[][] bad = {
            {"mutual-info", "--estimator", "knn", "--x", fx.toString(), "--y", fy.toString()},
            {"mutual-info", "--estimator", "kde", "--x", fx.toString(), "--y", fx.toString()},
            {"mutual-info", "--estimator", "knn", "--x", fx.toString(), "--y", fx.toString(), "--k", "4"},
            {"mutual-info", "--estimator", "knn", "--x", fx.toString(), "--y", fx.toString(), "--k", "0"},
            {"mutual-info", "--estimator", "knn", "--x", dup.toString(), "--y", dup.toString(), "--k", "1"},
            {"mutual-info", "--estimator", "knn", "--x", dir.resolve("missing.csv").toString(), "--y", fx.toString()},
            {"mutual-info", "--estimator", "knn", "--x", fx.toString()},
        };
        for (String[] args : bad) {
            CliRunner r = CliRunner.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.errLines(), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void twoSampleEqualsTheLibrary() throws IOException {
        double[][] xs = MultivariateNormal.standard(2).sample(Rng.seeded(1), 80);
        double[][] xt = MultivariateNormal.of(new double[] {0.8, 0}, new double[][] {{1, 0}, {0, 1}}).sample(Rng.seeded(2), 70);
        Path a = write("a.csv", xs);
        Path b = write("b.csv", xt);
        CliRunner r = CliRunner.run("two-sample", "--xs", a.toString(), "--xt", b.toString(), "--test", "mmd",
                "--permutations", "99", "--seed", "4", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = Outputs.mapper().readTree(r.out());
        var expected = Mmd.test(xs, xt, Double.NaN, 99, Rng.seeded(4));
        assertEquals(expected.statistic(), o.get("statistic").asDouble(), 0.0);
        assertEquals(expected.pValue(), o.get("pValue").asDouble(), 0.0);
        assertEquals(expected.bandwidth(), o.get("bandwidth").asDouble(), 0.0);
        assertEquals(0.01, o.get("pValue").asDouble(), 0.0);
        CliRunner e = CliRunner.run("two-sample", "--xs", a.toString(), "--xt", b.toString(), "--test", "energy",
                "--permutations", "49", "--seed", "4", "--json");
        assertEquals(0, e.code(), e.err());
        JsonNode eo = Outputs.mapper().readTree(e.out());
        var ee = EnergyDistance.test(xs, xt, 49, Rng.seeded(4));
        assertEquals(ee.statistic(), eo.get("statistic").asDouble(), 0.0);
        assertEquals(ee.pValue(), eo.get("pValue").asDouble(), 0.0);
        assertTrue(eo.get("seconds").asDouble() >= 0);
    }

    @Test
    void twoSampleBadInputExitsTwoWithOneLine() throws IOException {
        Path a = write("a.csv", new double[][] {{1, 2}, {3, 4}, {5, 7}});
        Path b = write("b.csv", new double[][] {{1}, {2}, {3}});
        Path c = write("c.csv", new double[][] {{1, 2}, {2, 2}, {0, 1}});
        Path nan = dir.resolve("nan.csv");
        Files.writeString(nan, "1,2\nnan,3\n");
        String[][] bad = {
            {"two-sample", "--xs", a.toString(), "--xt", b.toString(), "--test", "mmd"},
            {"two-sample", "--xs", a.toString(), "--xt", c.toString(), "--test", "ks"},
            {"two-sample", "--xs", a.toString(), "--xt", c.toString(), "--test", "mmd", "--permutations", "-1"},
            {"two-sample", "--xs", a.toString(), "--xt", c.toString(), "--test", "mmd", "--bandwidth", "0"},
            {"two-sample", "--xs", a.toString(), "--xt", c.toString(), "--test", "energy", "--bandwidth", "1"},
            {"two-sample", "--xs", a.toString(), "--xt", nan.toString(), "--test", "energy"},
            {"two-sample", "--xs", a.toString(), "--test", "energy"},
        };
        for (String[] args : bad) {
            CliRunner r = CliRunner.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.errLines(), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void sampleDivergenceEqualsTheLibrary() throws IOException {
        double[][] p = MultivariateNormal.standard(2).sample(Rng.seeded(5), 300);
        double[][] q = MultivariateNormal.of(new double[] {0.5, 0}, new double[][] {{2, 0}, {0, 1}}).sample(Rng.seeded(6), 250);
        Path a = write("p.csv", p);
        Path b = write("q.csv", q);
        CliRunner r = CliRunner.run("sample-divergence", "--kind", "kl", "--p", a.toString(), "--q", b.toString(), "--k", "4", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = Outputs.mapper().readTree(r.out());
        assertEquals(dev.entropic.estimators.KnnDivergence.estimate(p, q, 4), o.get("value").asDouble(), 0.0);
        assertEquals("knn", o.get("estimator").asText());
        CliRunner c = CliRunner.run("sample-divergence", "--kind", "cs", "--p", a.toString(), "--q", b.toString(), "--json");
        assertEquals(0, c.code(), c.err());
        JsonNode co = Outputs.mapper().readTree(c.out());
        assertEquals(dev.entropic.estimators.CauchySchwarz.parzen(p, q, Double.NaN), co.get("value").asDouble(), 0.0);
        assertTrue(co.get("bandwidth").asDouble() > 0);
    }

    @Test
    void sampleDivergenceBadInputExitsTwoWithOneLine() throws IOException {
        Path a = write("a.csv", new double[][] {{1, 2}, {3, 4}, {5, 7}});
        Path b = write("b.csv", new double[][] {{1}, {2}, {3}});
        String[][] bad = {
            {"sample-divergence", "--kind", "kl", "--p", a.toString(), "--q", b.toString()},
            {"sample-divergence", "--kind", "js", "--p", a.toString(), "--q", a.toString()},
            {"sample-divergence", "--kind", "kl", "--p", a.toString(), "--q", a.toString(), "--bandwidth", "1"},
            {"sample-divergence", "--kind", "cs", "--p", a.toString(), "--q", a.toString(), "--bandwidth", "-1"},
            {"sample-divergence", "--kind", "kl", "--p", a.toString(), "--q", a.toString(), "--k", "3"},
            {"sample-divergence", "--kind", "kl", "--p", a.toString()},
        };
        for (String[] args : bad) {
            CliRunner r = CliRunner.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.errLines(), r.err());
            assertEquals("", r.out());
        }
    }
}
