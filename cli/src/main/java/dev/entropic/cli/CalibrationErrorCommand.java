package dev.entropic.cli;

import dev.entropic.calibration.CalibrationError;
import dev.entropic.core.Checks;
import dev.entropic.core.Rng;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code entropic calibration-error --probs P --labels Y [--estimator plugin|debiased]
 * [--norm l1|l2|max] [--bins 15] [--binning width|mass] [--scope top-label|marginal]
 * [--bootstrap N] [--json]}.
 */
@Command(name = "calibration-error", mixinStandardHelpOptions = true,
        description = {
            "Binned calibration error of predicted probabilities ([n][k] rows summing to 1, or one column P(y=1)) "
                + "against labels 0..k-1 (Kumar, Liang, Ma 2019 conventions; bins are (e_{j-1}, e_j]).",
            "plugin: (sum_b n_b/n |ybar_b - sbar_b|^p)^(1/p); l1 is the ECE, max the MCE. debiased: the paper's "
                + "debiased L2, per bin (ybar-sbar)^2 - ybar(1-ybar)/(n_b-1), clipped at 0 before the square root "
                + "(l2, the default norm for it); with l1, the reference code's normal-resampling debiasing "
                + "(2 plug-in - mean of 1000 fixed-seed Gaussian redraws of the bin means). top-label: confidence max_j p_j vs correctness; marginal: "
                + "every class, combined as (mean_j CE_j^p)^(1/p).",
            "--bootstrap N (default 1000; 0 = none) adds a seeded percentile interval at --confidence (a fraction, "
                + "0.95 = 95%). Rows may be float32: they must sum to 1 within 1e-6 and are renormalised.",
            "JSON: {\"value\", \"ci\":[lo,hi] (null without bootstrap), \"estimator\", \"norm\", \"scope\", "
                + "\"binning\", \"bins\", \"n\", \"confidence\", \"resamples\", \"seed\", \"seconds\"}."
        })
final class CalibrationErrorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--probs", required = true, paramLabel = "P", description = "Probabilities (CSV/.npy).")
    String probs;

    @Option(names = "--labels", required = true, paramLabel = "Y", description = "Labels 0..k-1, one per row.")
    String labels;

    @Option(names = "--estimator", paramLabel = "E", defaultValue = "plugin", description = "plugin (default) or debiased.")
    String estimator;

    @Option(names = "--norm", paramLabel = "N", description = "l1, l2 or max (default l1; l2 for debiased).")
    String norm;

    @Option(names = "--bins", paramLabel = "B", defaultValue = "15", description = "Number of bins. Default: ${DEFAULT-VALUE}.")
    int bins;

    @Option(names = "--binning", paramLabel = "KIND", defaultValue = "width",
            description = "width (equal-width, default) or mass (equal-mass).")
    String binning;

    @Option(names = "--scope", paramLabel = "S", defaultValue = "top-label", description = "top-label (default), marginal, or canonical (joint cells of the probability vector; plugin, "
                    + "width bins, bins^(k-1) <= 1e6).")
    String scope;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000",
            description = "Bootstrap resamples for the interval (0 = none). Default: ${DEFAULT-VALUE}.")
    int bootstrap;

    @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.95",
            description = "Interval level as a fraction. Default: ${DEFAULT-VALUE}.")
    double confidence;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0", description = "Bootstrap seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        CalibrationError.Estimator e = switch (estimator) {
            case "plugin" -> CalibrationError.Estimator.PLUGIN;
            case "debiased" -> CalibrationError.Estimator.DEBIASED;
            default -> throw Checks.fail("--estimator must be plugin or debiased: %s", estimator);
        };
        String normName = norm != null ? norm : e == CalibrationError.Estimator.DEBIASED ? "l2" : "l1";
        CalibrationError.Norm n = switch (normName) {
            case "l1" -> CalibrationError.Norm.L1;
            case "l2" -> CalibrationError.Norm.L2;
            case "max" -> CalibrationError.Norm.MAX;
            default -> throw Checks.fail("--norm must be l1, l2 or max: %s", normName);
        };
        if (e == CalibrationError.Estimator.DEBIASED && n == CalibrationError.Norm.MAX) {
            throw Checks.fail("--estimator debiased is defined for --norm l1 and l2, not %s", normName);
        }
        CalibrationError.Binning b = switch (binning) {
            case "width" -> CalibrationError.Binning.WIDTH;
            case "mass" -> CalibrationError.Binning.MASS;
            default -> throw Checks.fail("--binning must be width or mass: %s", binning);
        };
        CalibrationError.Scope s = switch (scope) {
            case "top-label" -> CalibrationError.Scope.TOP_LABEL;
            case "marginal" -> CalibrationError.Scope.MARGINAL;
            case "canonical" -> CalibrationError.Scope.CANONICAL;
            default -> throw Checks.fail("--scope must be top-label, marginal or canonical: %s", scope);
        };
        if (bins < 1) {
            throw Checks.fail("--bins must be at least 1: %d", bins);
        }
        if (bootstrap < 0) {
            throw Checks.fail("--bootstrap must be 0 or more: %d", bootstrap);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw Checks.fail("--confidence must be in (0, 1) (a fraction, not a percentage): %s", confidence);
        }
        double[][] p = Inputs.readMatrix(probs);
        int[] y = Inputs.readLabels(labels);
        CalibrationMethods.validate(p, y, dev.entropic.calibration.ScoreInput.PROBABILITY, "--probs", "--labels");
        p = CalibrationMethods.renormalised(p);
        CalibrationError ce = CalibrationError.withDefaults().withEstimator(e).withNorm(n).withBinning(b).withScope(s)
                .withBins(bins);
        long start = System.nanoTime();
        double value;
        double[] ci = null;
        if (bootstrap > 0) {
            CalibrationError.Interval iv = ce.bootstrap(p, y, bootstrap, confidence, Rng.seeded(seed));
            value = iv.value();
            ci = new double[] {iv.lower(), iv.upper()};
        } else {
            value = ce.estimate(p, y);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("value", value);
            o.put("ci", ci == null ? null : List.of(ci[0], ci[1]));
            o.put("estimator", estimator);
            o.put("norm", normName);
            o.put("scope", scope);
            o.put("binning", binning);
            o.put("bins", bins);
            o.put("n", p.length);
            o.put("confidence", confidence);
            o.put("resamples", bootstrap);
            o.put("seed", seed);
            o.put("seconds", seconds);
            spec.commandLine().getOut().println(Outputs.json(o));
        } else {
            String interval = ci == null ? "" : String.format(Locale.ROOT, "  %.0f%% CI [%.6f, %.6f] (%d resamples)",
                    100 * confidence, ci[0], ci[1], bootstrap);
            spec.commandLine().getOut().println(String.format(Locale.ROOT, "%s %s calibration error (%s, %d %s bins) = %.6f%s",
                    estimator, normName, scope, bins, binning, value, interval));
        }
        return Main.OK;
    }
}
