package dev.entropic.cli;

import dev.entropic.calibration.CalibrationJson;
import dev.entropic.calibration.CalibrationModel;
import dev.entropic.core.Checks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code entropic calibrate apply --model MODEL.json --scores S --out P [--json]}. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {
            "Applies a calibrator saved by 'calibrate fit' to new scores (of the kind it was fitted on) and writes "
                + "the probabilities (CSV or .npy by extension): [n][k] rows for multiclass, one column P(y=1) for binary.",
            "Exit 2 on an unreadable or invalid model file, or scores that do not fit it; no output file then."
        })
final class CalibrateApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A model from 'calibrate fit'.")
    String model;

    @Option(names = "--scores", required = true, paramLabel = "S", description = "Scores to calibrate (CSV/.npy).")
    String scores;

    @Option(names = "--out", required = true, paramLabel = "P", description = "Where to write the probabilities.")
    String out;

    @Option(names = "--json", description = "Print {\"rows\", \"columns\", \"seconds\"} on stdout.")
    boolean json;

    @Override
    public Integer call() {
        CalibrationModel m = read(model);
        double[][] s = Inputs.readMatrix(scores);
        CalibrationMethods.validate(s, null, m.input(), "--scores", null);
        long start = System.nanoTime();
        double[][] p;
        try {
            p = m.predict(s);
        } catch (IllegalArgumentException e) {
            throw Checks.fail("--scores do not fit the model: %s", e.getMessage());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Outputs.writeMatrix(out, p);
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("rows", p.length);
            o.put("columns", p[0].length);
            o.put("seconds", seconds);
            spec.commandLine().getOut().println(Outputs.json(o));
        } else {
            spec.commandLine().getOut().println(String.format(Locale.ROOT, "calibrated %d rows in %.3f s: %s",
                    p.length, seconds, out));
        }
        return Main.OK;
    }

    /** Reads and parses a model file; any failure is a bad-input error naming the file. */
    static CalibrationModel read(String file) {
        String text;
        try {
            text = Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw Checks.fail("--model: cannot read '%s': %s", file, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        try {
            return CalibrationJson.readModel(text);
        } catch (IllegalArgumentException e) {
            throw Checks.fail("--model '%s' is not a calibration model: %s", file, e.getMessage());
        }
    }
}
