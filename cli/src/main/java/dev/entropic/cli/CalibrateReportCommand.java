package dev.entropic.cli;

import dev.entropic.calibration.CalibrationError;
import dev.entropic.calibration.CalibrationModel;
import dev.entropic.calibration.OverlapDiagnostic;
import dev.entropic.calibration.ScoreInput;
import dev.entropic.calibration.Scores;
import dev.entropic.core.Checks;
import dev.entropic.core.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleBiFunction;
import org.apache.commons.rng.UniformRandomProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code entropic calibrate report [--scores S --labels Y] [--plot FILE.png] [--json]}: fits every
 * available calibrator on one part of a stratified split and compares them on the other.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Splits scores and labels into a calibration part and an evaluation part (stratified by label, seeded), "
                + "fits every available method on the first and prints, for the uncalibrated scores and each method, "
                + "on the second: ECE (plug-in, L1, top-label, equal-width bins), debiased calibration error (Kumar et "
                + "al.'s debiased L2, top-label, equal-mass bins), Brier score, NLL and accuracy, each with a seeded "
                + "percentile bootstrap interval.",
            "With no --scores/--labels it runs on embedded demo data: the log-probabilities of a Gaussian naive Bayes "
                + "classifier on the held-out half of scikit-learn's digits (899 rows, 10 classes; made by "
                + "cli/scripts/make_digits_demo.py).",
            "Multiclass: also the class-overlap diagnostic (Chidambaram & Ge 2024; 10 nearest neighbours among the "
                + "uncalibrated probability rows of the fit part): kNN Bayes error, share of mixed neighbourhoods, how much "
                + "more confident the model is there, and a warning when temperature scaling is not expected to calibrate.",
            "--plot FILE.png draws the top-label reliability diagram before and after (--method, default temperature) "
                + "with the bin counts."
        })
final class CalibrateReportCommand implements Callable<Integer> {
    static final String DEMO = "/demo/digits_gaussian_nb.csv";
    static final int OVERLAP_NEIGHBOURS = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--scores", paramLabel = "S", description = "Scores [n][k] or one column (default: demo data).")
    String scores;

    @Option(names = "--labels", paramLabel = "Y", description = "Labels 0..k-1 (with --scores).")
    String labels;

    @Option(names = "--input", paramLabel = "KIND", defaultValue = "score", description = "score (default) or probability.")
    String input;

    @Option(names = "--bins", paramLabel = "B", defaultValue = "15",
            description = "Bins for the errors, histogram and scaling-binning. Default: ${DEFAULT-VALUE}.")
    int bins;

    @Option(names = "--split", paramLabel = "F", defaultValue = "0.5",
            description = "Fraction of each class used to fit. Default: ${DEFAULT-VALUE}.")
    double split;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0", description = "Split and bootstrap seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "200",
            description = "Bootstrap resamples per interval. Default: ${DEFAULT-VALUE}.")
    int bootstrap;

    @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.95", description = "Interval level (a fraction). Default: ${DEFAULT-VALUE}.")
    double confidence;

    @Option(names = "--method", paramLabel = "M", defaultValue = "temperature",
            description = "The calibrated curve of the plot. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write the reliability diagram here.")
    String plot;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    private record Row(String method, Map<String, CalibrationError.Interval> metrics, double fitSeconds, String error,
                       double[][] probs) {
    }

    @Override
    public Integer call() {
        ScoreInput kind = CalibrationMethods.input(input);
        if ((scores == null) != (labels == null)) {
            throw Checks.fail("give both --scores and --labels, or neither (demo data)");
        }
        if (!(split > 0 && split < 1)) {
            throw Checks.fail("--split must be in (0, 1): %s", split);
        }
        if (bins < 1) {
            throw Checks.fail("--bins must be at least 1: %d", bins);
        }
        if (bootstrap < 1) {
            throw Checks.fail("--bootstrap must be at least 1: %d", bootstrap);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw Checks.fail("--confidence must be in (0, 1) (a fraction, not a percentage): %s", confidence);
        }
        if (!CalibrationMethods.NAMES.contains(method)) {
            throw Checks.fail("--method must be one of %s: %s", String.join(", ", CalibrationMethods.NAMES), method);
        }
        if (plot != null && !plot.toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw Checks.fail("--plot must name a .png file: %s", plot);
        }
        double[][] s;
        int[] y;
        String data;
        if (scores == null) {
            double[][] demo = readDemo();
            s = new double[demo.length][];
            y = new int[demo.length];
            for (int i = 0; i < demo.length; i++) {
                y[i] = (int) demo[i][0];
                s[i] = Arrays.copyOfRange(demo[i], 1, demo[i].length);
            }
            kind = ScoreInput.SCORE;
            data = "demo: GaussianNB(var_smoothing=0.1) log-probabilities on the held-out half of scikit-learn's digits";
        } else {
            s = Inputs.readMatrix(scores);
            y = Inputs.readLabels(labels);
            data = scores;
        }
        CalibrationMethods.validate(s, y, kind, "--scores", "--labels");
        int k = s[0].length == 1 ? 2 : s[0].length;
        long start = System.nanoTime();
        int[][] parts = stratifiedSplit(y, k, split, seed);
        double[][] fitS = rows(s, parts[0]);
        int[] fitY = labels(y, parts[0]);
        double[][] evalS = rows(s, parts[1]);
        int[] evalY = labels(y, parts[1]);
        if (fitS.length == 0 || evalS.length == 0) {
            throw Checks.fail("--split %s leaves no rows on one side (%d rows)", split, s.length);
        }
        List<Row> rows = new ArrayList<>();
        rows.add(evaluate("uncalibrated", CalibrationMethods.uncalibrated(evalS, kind), evalY, 0, null));
        for (String m : CalibrationMethods.NAMES) {
            if (!CalibrationMethods.available(m) || !CalibrationMethods.appliesTo(m, s[0].length)) {
                continue;
            }
            long t0 = System.nanoTime();
            CalibrationModel model;
            try {
                model = CalibrationMethods.fit(m, fitS, fitY, kind, bins);
            } catch (IllegalArgumentException e) {
                rows.add(new Row(m, Map.of(), 0, e.getMessage(), null));
                continue;
            }
            double fitSeconds = (System.nanoTime() - t0) / 1e9;
            rows.add(evaluate(m, model.predict(evalS), evalY, fitSeconds, null));
        }
        // the failure mode of temperature scaling under class overlap (Chidambaram & Ge 2024), on the fit part
        OverlapDiagnostic.Result overlap = null;
        if (s[0].length > 1 && fitS.length > OVERLAP_NEIGHBOURS) {
            double[][] probs = CalibrationMethods.uncalibrated(fitS, kind);
            overlap = OverlapDiagnostic.of(probs, probs, fitY, OVERLAP_NEIGHBOURS);
        }
        byte[] png = null;
        if (plot != null) {
            List<ReliabilityDiagram.Series> series = new ArrayList<>();
            series.add(new ReliabilityDiagram.Series("uncalibrated", rows.get(0).probs(), evalY));
            for (Row r : rows) {
                if (r.method().equals(method) && r.probs() != null) {
                    series.add(new ReliabilityDiagram.Series(method, r.probs(), evalY));
                }
            }
            png = ReliabilityDiagram.png("Reliability diagram (top-label, " + evalS.length + " evaluation rows)",
                    series, bins);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (png != null) {
            Outputs.writeBytes(plot, png);
        }
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("data", data);
            o.put("classes", k);
            o.put("fitRows", fitS.length);
            o.put("evaluationRows", evalS.length);
            o.put("split", split);
            o.put("seed", seed);
            o.put("bins", bins);
            o.put("bootstrap", bootstrap);
            o.put("confidence", confidence);
            List<Map<String, Object>> methods = new ArrayList<>();
            for (Row r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("method", r.method());
                if (r.error() != null) {
                    m.put("error", r.error());
                } else {
                    for (Map.Entry<String, CalibrationError.Interval> e : r.metrics().entrySet()) {
                        Map<String, Object> v = new LinkedHashMap<>();
                        v.put("value", e.getValue().value());
                        v.put("ci", List.of(e.getValue().lower(), e.getValue().upper()));
                        m.put(e.getKey(), v);
                    }
                    m.put("fitSeconds", r.fitSeconds());
                }
                methods.add(m);
            }
            o.put("methods", methods);
            if (overlap != null) {
                Map<String, Object> ov = new LinkedHashMap<>();
                ov.put("bayesErrorEstimate", overlap.bayesErrorEstimate());
                ov.put("overlapFraction", overlap.overlapFraction());
                ov.put("confidenceGap", overlap.confidenceGap());
                ov.put("neighbours", overlap.k());
                ov.put("warning", overlap.warning());
                o.put("overlap", ov);
            }
            o.put("plot", plot);
            o.put("seconds", seconds);
            spec.commandLine().getOut().println(Outputs.json(o));
        } else {
            spec.commandLine().getOut().print(table(data, k, fitS.length, evalS.length, rows));
            if (overlap != null) {
                spec.commandLine().getOut().println(String.format(Locale.ROOT, "class overlap (%d-NN among predicted probability rows, "
                        + "fit part): Bayes error ~ %.4f, %.1f%% of points in mixed neighbourhoods, model %.3f more "
                        + "confident there%s", overlap.k(), overlap.bayesErrorEstimate(), 100 * overlap.overlapFraction(),
                        overlap.confidenceGap(), overlap.warning()
                                ? " -- WARNING: temperature scaling is not expected to calibrate (Chidambaram & Ge 2024)"
                                : ""));
            }
            if (plot != null) {
                spec.commandLine().getOut().println("reliability diagram (uncalibrated vs " + method + "): " + plot);
            }
        }
        return Main.OK;
    }

    private Row evaluate(String name, double[][] p, int[] y, double fitSeconds, String error) {
        Map<String, CalibrationError.Interval> m = new LinkedHashMap<>();
        CalibrationError ece = CalibrationError.withDefaults().withNorm(CalibrationError.Norm.L1)
                .withScope(CalibrationError.Scope.TOP_LABEL).withBinning(CalibrationError.Binning.WIDTH).withBins(bins);
        CalibrationError debiased = CalibrationError.withDefaults().withEstimator(CalibrationError.Estimator.DEBIASED)
                .withNorm(CalibrationError.Norm.L2).withScope(CalibrationError.Scope.TOP_LABEL)
                .withBinning(CalibrationError.Binning.MASS).withBins(bins);
        m.put("ece", ece.bootstrap(p, y, bootstrap, confidence, rng()));
        m.put("debiasedCe", debiased.bootstrap(p, y, bootstrap, confidence, rng()));
        m.put("brier", interval(Scores::brier, p, y));
        m.put("nll", interval(Scores::negativeLogLikelihood, p, y));
        m.put("accuracy", interval(Scores::accuracy, p, y));
        return new Row(name, m, fitSeconds, error, p);
    }

    /** Every method is resampled with the same rows (the same seed), so their intervals compare. */
    private UniformRandomProvider rng() {
        return Rng.seeded(seed + 1);
    }

    private CalibrationError.Interval interval(ToDoubleBiFunction<double[][], int[]> score, double[][] p, int[] y) {
        return Scores.bootstrap(score, p, y, bootstrap, confidence, rng());
    }

    private String table(String data, int k, int fitRows, int evalRows, List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("calibration report: ").append(data).append('\n');
        sb.append(String.format(Locale.ROOT, "%d classes; fit on %d rows, evaluated on %d (stratified split %.2f, seed %d); "
                + "%.0f%% bootstrap intervals (%d resamples); %d bins%n", k, fitRows, evalRows, split, seed,
                100 * confidence, bootstrap, bins));
        String[] heads = {"ECE", "debiased CE", "Brier", "NLL", "accuracy"};
        String[] keys = {"ece", "debiasedCe", "brier", "nll", "accuracy"};
        sb.append(String.format(Locale.ROOT, "%-16s", "method"));
        for (String h : heads) {
            sb.append(String.format(Locale.ROOT, "%-26s", h));
        }
        sb.append('\n');
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-16s", r.method()));
            if (r.error() != null) {
                sb.append("failed: ").append(r.error()).append('\n');
                continue;
            }
            for (String key : keys) {
                CalibrationError.Interval v = r.metrics().get(key);
                sb.append(String.format(Locale.ROOT, "%-26s",
                        num(v.value()) + " [" + num(v.lower()) + ", " + num(v.upper()) + "]"));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * Stratified split: within each class the row indices are shuffled (seeded Fisher–Yates) and the
     * first {@code round(f·n_c)} go to the fit part; both parts are returned in row order.
     */
    static int[][] stratifiedSplit(int[] y, int k, double f, long seed) {
        UniformRandomProvider rng = Rng.seeded(seed);
        boolean[] fit = new boolean[y.length];
        for (int c = 0; c < k; c++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == c) {
                    idx.add(i);
                }
            }
            for (int i = idx.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                Integer t = idx.get(i);
                idx.set(i, idx.get(j));
                idx.set(j, t);
            }
            long take = Math.round(f * idx.size());
            for (int i = 0; i < take; i++) {
                fit[idx.get(i)] = true;
            }
        }
        int nf = 0;
        for (boolean b : fit) {
            nf += b ? 1 : 0;
        }
        int[] a = new int[nf];
        int[] b = new int[y.length - nf];
        int ia = 0;
        int ib = 0;
        for (int i = 0; i < y.length; i++) {
            if (fit[i]) {
                a[ia++] = i;
            } else {
                b[ib++] = i;
            }
        }
        return new int[][] {a, b};
    }

    private static double[][] rows(double[][] m, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = m[idx[i]];
        }
        return out;
    }

    private static int[] labels(int[] y, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = y[idx[i]];
        }
        return out;
    }

    static double[][] readDemo() {
        try {
            return DemoCommand.readResource(DEMO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
