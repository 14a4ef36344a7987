package dev.entropic.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code entropic calibrate fit|apply|report}: the calibration step of a model pipeline. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        subcommands = {CalibrateFitCommand.class, CalibrateApplyCommand.class, CalibrateReportCommand.class},
        description = {
            "Post-hoc calibration of a classifier's scores: fit a calibrator on validation scores and labels and "
                + "save it as JSON (fit), apply a saved calibrator to new scores (apply), or compare every method "
                + "on a split with calibration error, Brier score, NLL and accuracy (report; with no files it runs "
                + "on embedded demo data: a Gaussian naive Bayes classifier on scikit-learn's digits).",
            "Scores are logits [n][k] (multiclass) or one column (binary decision values); --input probability "
                + "takes probabilities instead (multiclass: log p is used as logits; binary: logit p)."
        })
final class CalibrateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: fit, apply or report");
    }
}
