package dev.entropic.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entropic.calibration.CalibrationError;
import dev.entropic.calibration.IsotonicCalibration;
import dev.entropic.calibration.OneVsRest;
import dev.entropic.calibration.PlattScaling;
import dev.entropic.calibration.ScoreInput;
import dev.entropic.calibration.TemperatureScaling;
import dev.entropic.core.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrateCommandTest {
    @TempDir
    Path dir;

    private double[][] logits;
    private int[] labels;
    private double[][] binary;
    private int[] binaryLabels;

    /** Seeded over-confident 3-class logits and a binary score column. */
    @BeforeEach
    void data() {
        UniformRandomProvider rng = Rng.seeded(5);
        int n = 300;
        logits = new double[n][3];
        labels = new int[n];
        binary = new double[n][1];
        binaryLabels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(3);
            for (int c = 0; c < 3; c++) {
                logits[i][c] = 3 * (rng.nextDouble() * 2 - 1) + (c == labels[i] ? 2.5 : 0);
            }
            binaryLabels[i] = rng.nextInt(2);
            binary[i][0] = 2 * (rng.nextDouble() - 0.5) + (binaryLabels[i] == 1 ? 0.8 : -0.8);
        }
    }

    private String write(String name, double[][] m) {
        String f = dir.resolve(name).toString();
        Outputs.writeMatrix(f, m);
        return f;
    }

    private String write(String name, int[] y) {
        String f = dir.resolve(name).toString();
        Outputs.writeColumn(f, Arrays.stream(y).asDoubleStream().toArray());
        return f;
    }

    private String file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    private static JsonNode json(String text) throws IOException {
        return Outputs.mapper().readTree(text);
    }

    private static void assertSame(double[][] expected, double[][] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], tol, "row " + i);
        }
    }

    @Test
    void temperatureFitAndApplyMatchTheLibrary() throws IOException {
        String s = write("s.npy", logits);
        String y = write("y.csv", labels);
        String model = dir.resolve("model.json").toString();
        CliRunner r = CliRunner.run("calibrate", "fit", "--method", "temperature", "--scores", s, "--labels", y,
                "--out", model, "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        double t = TemperatureScaling.withDefaults().fit(logits, labels).temperature();
        assertEquals("temperature", o.get("method").asText());
        assertEquals(t, o.get("temperature").asDouble(), 0.0);
        assertTrue(o.get("seconds").asDouble() >= 0);
        JsonNode file = json(Files.readString(Path.of(model)));
        assertFalse(file.has("seconds"));
        assertEquals(t, file.get("temperature").asDouble(), 0.0);
        String out = dir.resolve("p.csv").toString();
        r = CliRunner.run("calibrate", "apply", "--model", model, "--scores", s, "--out", out);
        assertEquals(0, r.code(), r.err());
        double[][] expected = TemperatureScaling.withDefaults().fit(logits, labels).predict(logits);
        assertSame(expected, Inputs.readMatrix(out), 0.0);
    }

    @Test
    void binaryPlattWritesOneColumn() throws IOException {
        String s = write("b.csv", binary);
        String y = write("by.npy", binaryLabels);
        String model = dir.resolve("platt.json").toString();
        assertEquals(0, CliRunner.run("calibrate", "fit", "--method", "platt", "--scores", s, "--labels", y,
                "--out", model).code());
        String out = dir.resolve("p.npy").toString();
        CliRunner r = CliRunner.run("calibrate", "apply", "--model", model, "--scores", s, "--out", out, "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, json(r.out()).get("columns").asInt());
        double[][] expected = PlattScaling.withDefaults().fit(binary, binaryLabels).predict(binary);
        assertSame(expected, Inputs.readMatrix(out), 0.0);
    }

    @Test
    void multiclassIsotonicIsOneVsRest() throws IOException {
        String s = write("s.csv", logits);
        String y = write("y.csv", labels);
        String model = dir.resolve("iso.json").toString();
        CliRunner r = CliRunner.run("calibrate", "fit", "--method", "isotonic", "--scores", s, "--labels", y,
                "--out", model, "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("one-vs-rest", json(r.out()).get("multiclass").asText());
        String out = dir.resolve("p.csv").toString();
        assertEquals(0, CliRunner.run("calibrate", "apply", "--model", model, "--scores", s, "--out", out).code());
        double[][] expected = OneVsRest.fit((a, b) -> IsotonicCalibration.withDefaults().fit(a, b), logits, labels,
                ScoreInput.SCORE).predict(logits);
        assertSame(expected, Inputs.readMatrix(out), 0.0);
    }

    @Test
    void topLabelHistogramFromTheCli() throws IOException {
        String s = write("s.csv", logits);
        String y = write("y.csv", labels);
        String model = dir.resolve("tl.json").toString();
        CliRunner r = CliRunner.run("calibrate", "fit", "--method", "histogram", "--multiclass", "top-label", "--bins", "5",
                "--scores", s, "--labels", y, "--out", model, "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("top-label", json(r.out()).get("multiclass").asText());
        String out = dir.resolve("p.csv").toString();
        assertEquals(0, CliRunner.run("calibrate", "apply", "--model", model, "--scores", s, "--out", out).code());
        double[][] expected = dev.entropic.calibration.TopLabel.fit(
                (a, b) -> dev.entropic.calibration.HistogramBinning.withDefaults().withBins(5).fit(a, b), logits, labels,
                ScoreInput.SCORE).predict(logits);
        assertSame(expected, Inputs.readMatrix(out), 0.0);
        expectBad("--multiclass must be", out + ".x", "calibrate", "fit", "--method", "platt", "--multiclass", "ovo",
                "--scores", s, "--labels", y, "--out", out + ".x");
    }

    @Test
    void everyAvailableMethodFitsFromProbabilities() throws IOException {
        double[][] p = CalibrationMethods.uncalibrated(logits, ScoreInput.SCORE);
        String s = write("p.csv", p);
        String y = write("y.csv", labels);
        for (String m : CalibrationMethods.NAMES) {
            if (!CalibrationMethods.available(m)) {
                continue;
            }
            String model = dir.resolve(m + ".json").toString();
            CliRunner r = CliRunner.run("calibrate", "fit", "--method", m, "--input", "probability", "--scores", s,
                    "--labels", y, "--bins", "5", "--out", model, "--json");
            assertEquals(0, r.code(), m + ": " + r.err());
            assertEquals("probability", json(r.out()).get("input").asText(), m);
            String out = dir.resolve(m + ".npy").toString();
            assertEquals(0, CliRunner.run("calibrate", "apply", "--model", model, "--scores", s, "--out", out).code(), m);
            for (double[] row : Inputs.readMatrix(out)) {
                assertEquals(1.0, Arrays.stream(row).sum(), 1e-12, m);
            }
        }
    }

    @Test
    void calibrationErrorMatchesTheLibrary() throws IOException {
        double[][] p = CalibrationMethods.uncalibrated(logits, ScoreInput.SCORE);
        String pf = write("p.csv", p);
        String y = write("y.csv", labels);
        CliRunner r = CliRunner.run("calibration-error", "--probs", pf, "--labels", y, "--bootstrap", "0", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertEquals(CalibrationError.withDefaults().withBins(15).estimate(p, labels), o.get("value").asDouble(), 1e-15);
        assertTrue(o.get("ci").isNull());
        r = CliRunner.run("calibration-error", "--probs", pf, "--labels", y, "--estimator", "debiased", "--scope",
                "marginal", "--binning", "mass", "--bins", "10", "--bootstrap", "300", "--seed", "4", "--json");
        assertEquals(0, r.code(), r.err());
        o = json(r.out());
        CalibrationError ce = CalibrationError.withDefaults().withEstimator(CalibrationError.Estimator.DEBIASED)
                .withNorm(CalibrationError.Norm.L2).withScope(CalibrationError.Scope.MARGINAL)
                .withBinning(CalibrationError.Binning.MASS).withBins(10);
        CalibrationError.Interval iv = ce.bootstrap(p, labels, 300, 0.95, Rng.seeded(4));
        assertEquals(iv.value(), o.get("value").asDouble(), 1e-15);
        assertEquals(iv.lower(), o.get("ci").get(0).asDouble(), 1e-15);
        assertEquals(iv.upper(), o.get("ci").get(1).asDouble(), 1e-15);
        assertEquals("l2", o.get("norm").asText());
        assertTrue(iv.lower() <= iv.upper());
    }

    @Test
    void reportOnDemoDataWritesAPng() throws IOException {
        String png = dir.resolve("reliability.png").toString();
        CliRunner r = CliRunner.run("calibrate", "report", "--plot", png, "--bootstrap", "20", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertEquals(10, o.get("classes").asInt());
        assertTrue(o.get("overlap").get("bayesErrorEstimate").asDouble() > 0, o.toString());
        assertTrue(o.get("overlap").has("warning"), o.toString());
        assertEquals(899, o.get("fitRows").asInt() + o.get("evaluationRows").asInt());
        JsonNode methods = o.get("methods");
        assertEquals("uncalibrated", methods.get(0).get("method").asText());
        JsonNode temperature = methods.get(1);
        assertEquals("temperature", temperature.get("method").asText());
        // the demo model is over-confident: temperature scaling lowers the NLL and keeps the accuracy
        assertTrue(temperature.get("nll").get("value").asDouble() < methods.get(0).get("nll").get("value").asDouble());
        assertEquals(methods.get(0).get("accuracy").get("value").asDouble(),
                temperature.get("accuracy").get("value").asDouble(), 0.0);
        byte[] bytes = Files.readAllBytes(Path.of(png));
        assertTrue(bytes.length > 10_000);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
        assertEquals('N', bytes[2]);
        assertEquals('G', bytes[3]);
        r = CliRunner.run("calibrate", "report", "--bootstrap", "10");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("scaling-binning") && r.out().contains("debiased CE"), r.out());
    }

    @Test
    void reportOnBinaryFiles() throws IOException {
        String s = write("b.csv", binary);
        String y = write("by.csv", binaryLabels);
        CliRunner r = CliRunner.run("calibrate", "report", "--scores", s, "--labels", y, "--bootstrap", "10", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = json(r.out());
        assertEquals(2, o.get("classes").asInt());
        assertEquals(6, o.get("methods").size());
    }

    @Test
    void badInputExitsWithCodeTwoAndNoOutputFile() throws IOException {
        String s = write("s.csv", logits);
        String y = write("y.csv", labels);
        String shortY = write("short.csv", Arrays.copyOf(labels, 10));
        int[] big = labels.clone();
        big[7] = 3;
        String outOfRange = write("big.csv", big);
        String out = dir.resolve("out.json").toString();
        expectBad("rows but --labels has", out, "calibrate", "fit", "--method", "temperature", "--scores", s,
                "--labels", shortY, "--out", out);
        expectBad("out of range 0..2", out, "calibrate", "fit", "--method", "platt", "--scores", s,
                "--labels", outOfRange, "--out", out);
        expectBad("--method must be one of", out, "calibrate", "fit", "--method", "beta", "--scores", s,
                "--labels", y, "--out", out);
        expectBad("at least 2", out, "calibrate", "fit", "--method", "vector", "--scores", write("b1.csv", binary),
                "--labels", write("b1y.csv", binaryLabels), "--out", out);
        expectBad("not a probability", out, "calibrate", "fit", "--method", "temperature", "--input", "probability",
                "--scores", s, "--labels", y, "--out", out);
        String p = file("p.csv", "0.5,0.4,0.05\n0.2,0.3,0.5\n");
        String y2 = file("y2.csv", "0\n1\n");
        String pout = dir.resolve("p.out.csv").toString();
        expectBad("sums to", pout, "calibration-error", "--probs", p, "--labels", y2);
        expectBad("a fraction, not a percentage", pout, "calibration-error", "--probs", p, "--labels", y2,
                "--confidence", "95");
        expectBad("debiased is defined for --norm l1 and l2", pout, "calibration-error", "--probs", p, "--labels", y2,
                "--estimator", "debiased", "--norm", "max");
        expectBad("cannot read", pout, "calibrate", "apply", "--model", dir.resolve("missing.json").toString(),
                "--scores", s, "--out", pout);
        String garbage = file("garbage.json", "{\"method\": \"temperature\"");
        expectBad("is not a calibration model", pout, "calibrate", "apply", "--model", garbage, "--scores", s,
                "--out", pout);
        String model = dir.resolve("t.json").toString();
        assertEquals(0, CliRunner.run("calibrate", "fit", "--method", "platt", "--scores", write("b.csv", binary),
                "--labels", write("by.csv", binaryLabels), "--out", model).code());
        expectBad("do not fit the model", pout, "calibrate", "apply", "--model", model, "--scores", s, "--out", pout);
        expectBad("give both --scores and --labels", pout, "calibrate", "report", "--scores", s);
        expectBad("a subcommand is required", pout, "calibrate");
    }

    private static void expectBad(String fragment, String outFile, String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(Files.exists(Path.of(outFile)), "no output file for " + String.join(" ", args));
    }
}
