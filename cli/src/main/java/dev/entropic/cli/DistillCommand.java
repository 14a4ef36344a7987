package dev.entropic.cli;

import dev.entropic.core.Checks;
import dev.entropic.distillation.DistillationLoss;
import dev.entropic.distillation.LossKind;
import dev.entropic.distillation.SinkhornDistillation;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code entropic distill --loss LOSS --teacher T --student S [--labels Y] [--temperature TAU]
 * [--gradient-out G] [--json]}: a distillation loss over a batch of logits and its gradient with
 * respect to the student logits.
 */
@Command(name = "distill", mixinStandardHelpOptions = true,
        description = {
            "Computes a knowledge-distillation loss (mean over the batch) between teacher and student logits "
                + "(files: CSV or .npy, one row per example, one column per class) and its gradient with respect "
                + "to the student logits.",
            "Losses (p = softmax(teacher/TAU), q = softmax(student/TAU)): kd (TAU^2 KL(p||q), mixed with "
                + "cross-entropy on --labels by --label-weight), forward-kl, reverse-kl, js, skew-kl:L, "
                + "skew-reverse-kl:L, tv, f:KIND (any f-divergence of 'entropic divergence', f:alpha:A), "
                + "sinkhorn (SinKD, the reference's 20 unrolled rounds, eps 0.1; sinkhorn:converged for the "
                + "converged variant), pld (Plackett-Luce; --labels put the true class first).",
            "JSON: {\"loss\", \"seconds\"} (+ \"iterations\", \"converged\" for sinkhorn); seconds is the "
                + "computation alone. Exit 2 on bad input."
        })
final class DistillCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--loss", required = true, paramLabel = "LOSS", description = "The loss (see above).")
    String loss;

    @Option(names = "--teacher", required = true, paramLabel = "T", description = "Teacher logits, batch x classes.")
    String teacher;

    @Option(names = "--student", required = true, paramLabel = "S", description = "Student logits, batch x classes.")
    String student;

    @Option(names = "--labels", paramLabel = "Y", description = "Hard labels 0..classes-1, one per example (kd, pld).")
    String labels;

    @Option(names = "--label-weight", paramLabel = "A", defaultValue = "0.5",
            description = "kd with --labels: weight of the cross-entropy, (1-A) TAU^2 KL + A CE. Default: ${DEFAULT-VALUE}.")
    double labelWeight;

    @Option(names = "--temperature", paramLabel = "TAU",
            description = "Temperature > 0. Default: 1 (sinkhorn: 2, as in the SinKD reference).")
    Double temperature;

    @Option(names = "--gradient-out", paramLabel = "G", description = "Write d loss / d student here (.npy or CSV by extension).")
    String gradientOut;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        String name = loss.trim().toLowerCase(Locale.ROOT);
        boolean sinkhorn = name.equals("sinkhorn") || name.equals("sinkhorn:converged")
                || name.equals("sinkhorn:unrolled");
        double tau = temperature != null ? temperature : sinkhorn ? 2 : 1;
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw Checks.fail("--temperature must be positive and finite: %s", tau);
        }
        DistillationLoss lossFn = sinkhorn ? null : DistillationLoss.parse(name).withTemperature(tau);
        double[][] t = Inputs.readMatrix(teacher);
        double[][] s = Inputs.readMatrix(student);
        int b = t.length;
        int c = t[0].length;
        if (s.length != b || s[0].length != c) {
            throw Checks.fail("--teacher and --student differ in shape: %dx%d vs %dx%d", b, c, s.length, s[0].length);
        }
        int[] y = null;
        if (labels != null) {
            if (sinkhorn || (lossFn.kind() != LossKind.KD && lossFn.kind() != LossKind.PLD)) {
                throw Checks.fail("--labels applies to kd and pld only, not %s", loss);
            }
            y = Inputs.readLabels(labels);
            if (y.length != b) {
                throw Checks.fail("--labels has %d entries, the batch has %d", y.length, b);
            }
            for (int i = 0; i < b; i++) {
                if (y[i] >= c) {
                    throw Checks.fail("--labels entry %d is out of range [0, %d): %d", i, c, y[i]);
                }
            }
            if (lossFn.kind() == LossKind.KD) {
                lossFn = lossFn.withLabelWeight(labelWeight);
            }
        }
        double[] tf = new double[b * c];
        double[] sf = new double[b * c];
        for (int i = 0; i < b; i++) {
            System.arraycopy(t[i], 0, tf, i * c, c);
            System.arraycopy(s[i], 0, sf, i * c, c);
        }
        double[] grad = gradientOut != null || sinkhorn ? new double[b * c] : null;
        Map<String, Object> o = new LinkedHashMap<>();
        long start = System.nanoTime();
        double value;
        if (sinkhorn) {
            SinkhornDistillation sk = (name.equals("sinkhorn:converged") ? SinkhornDistillation.converged()
                    : SinkhornDistillation.unrolled()).withTemperature(tau);
            SinkhornDistillation.Result r = sk.compute(tf, sf, b, c);
            value = r.loss();
            System.arraycopy(r.gradient(), 0, grad, 0, grad.length);
            o.put("iterations", r.iterations());
            o.put("converged", r.converged());
        } else {
            value = lossFn.compute(tf, sf, b, c, y, null, grad);
        }
        long end = System.nanoTime();
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("the loss evaluated to " + value);
        }
        if (gradientOut != null) {
            double[][] g = new double[b][];
            for (int i = 0; i < b; i++) {
                g[i] = java.util.Arrays.copyOfRange(grad, i * c, (i + 1) * c);
            }
            Outputs.writeMatrix(gradientOut, g);
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("loss", value);
            out.put("seconds", (end - start) * 1e-9);
            out.putAll(o);
            spec.commandLine().getOut().println(Outputs.json(out));
        } else {
            spec.commandLine().getOut().println(String.format(Locale.ROOT, "%s loss = %s  (batch %d, classes %d)",
                    sinkhorn ? "sinkhorn (τ=" + tau + ")" : lossFn.toString(), value, b, c));
        }
        return Main.OK;
    }
}
