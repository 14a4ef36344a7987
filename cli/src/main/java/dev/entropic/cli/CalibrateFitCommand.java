package dev.entropic.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entropic.calibration.CalibrationJson;
import dev.entropic.calibration.CalibrationModel;
import dev.entropic.calibration.ScoreInput;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code entropic calibrate fit --method M --scores S --labels Y [--input score|probability]
 * [--bins B] --out MODEL.json [--json]}.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {
            "Fits a calibrator and writes it as JSON (method, parameters, bins, version); 'calibrate apply' loads it.",
            "Methods: temperature (one T minimising the NLL, Newton in log T), platt (logistic fit on the score), "
                + "histogram (B equal-mass bins), isotonic (pool-adjacent-violators, linear interpolation, clipped), "
                + "scaling-binning (Kumar et al. 2019: Platt then B equal-mass bins of its outputs). The binary "
                + "methods calibrate multiclass scores one-vs-rest (per class on logit(softmax), rows renormalised). "
                + "vector (softmax(w*z + b)) and matrix (softmax(W z + b), ODIR regularisation 0.01 on the off-diagonal "
                + "weights and the intercepts; Kull et al. 2019) scaling need multiclass scores.",
            "--json prints the model's JSON (the same as the file) plus \"seconds\" (the fit alone). Exit 2 on bad input "
                + "(row counts that differ, labels out of range, probabilities outside [0, 1] or rows not summing to 1)."
        })
final class CalibrateFitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--method", required = true, paramLabel = "M",
            description = "temperature, vector, matrix, platt, histogram, isotonic or scaling-binning.")
    String method;

    @Option(names = "--scores", required = true, paramLabel = "S", description = "Scores [n][k] or one column (CSV/.npy).")
    String scores;

    @Option(names = "--labels", required = true, paramLabel = "Y", description = "Labels 0..k-1, one per row.")
    String labels;

    @Option(names = "--input", paramLabel = "KIND", defaultValue = "score",
            description = "score (logits / decision values, default) or probability.")
    String input;

    @Option(names = "--bins", paramLabel = "B", defaultValue = "15",
            description = "Bins of histogram and scaling-binning. Default: ${DEFAULT-VALUE}.")
    int bins;

    @Option(names = "--multiclass", paramLabel = "MODE", defaultValue = "one-vs-rest",
            description = "Binary methods on multiclass scores: one-vs-rest (default; per class, rows renormalised) or "
                    + "top-label (Gupta & Ramdas 2022: the predicted class's confidence, per predicted class).")
    String multiclass;

    @Option(names = "--out", required = true, paramLabel = "MODEL.json", description = "Where to write the model.")
    String out;

    @Option(names = "--json", description = "Print the model JSON plus \"seconds\" on stdout.")
    boolean json;

    @Override
    public Integer call() {
        ScoreInput kind = CalibrationMethods.input(input);
        double[][] s = Inputs.readMatrix(scores);
        int[] y = Inputs.readLabels(labels);
        CalibrationMethods.validate(s, y, kind, "--scores", "--labels");
        long start = System.nanoTime();
        CalibrationModel model = CalibrationMethods.fit(method, s, y, kind, bins, multiclass);
        double seconds = (System.nanoTime() - start) / 1e9;
        String text = CalibrationJson.write(model);
        Outputs.writeText(out, text + "\n");
        if (json) {
            ObjectNode o = CalibrationJson.node(model);
            o.put("seconds", seconds);
            spec.commandLine().getOut().println(o.toString());
        } else {
            spec.commandLine().getOut().println(String.format(Locale.ROOT, "fitted %s on %d rows in %.3f s: %s",
                    method, s.length, seconds, out));
        }
        return Main.OK;
    }
}
