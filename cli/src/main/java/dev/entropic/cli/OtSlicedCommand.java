package dev.entropic.cli;

import dev.entropic.core.Checks;
import dev.entropic.core.EmpiricalDistribution;
import dev.entropic.core.Rng;
import dev.entropic.transport.SlicedWasserstein;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code entropic ot sliced --xs XS --xt XT [--p 2] [--projections K] [--seed S] [--kind KIND] [--json]}.
 */
@Command(name = "sliced", mixinStandardHelpOptions = true,
        description = {
            "Sliced Wasserstein distance between two equally weighted point clouds (one point per row, CSV or .npy):",
            "SW_p = (mean over K seeded random directions of W_p^p of the projections)^(1/p).",
            "--kind sliced (default), max (max over the K directions of W_p), vmf:KAPPA (distributional sliced "
                + "with von Mises-Fisher directions of concentration KAPPA around the best uniform direction).",
            "JSON: {\"value\", \"kind\", \"p\", \"projections\", \"seed\", \"seconds\"}."
        })
final class OtSlicedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--xs", required = true, paramLabel = "XS", description = "Source points, one per row.")
    String xs;

    @Option(names = "--xt", required = true, paramLabel = "XT", description = "Target points, one per row.")
    String xt;

    @Option(names = "--p", paramLabel = "P", defaultValue = "2", description = "Order p >= 1. Default: ${DEFAULT-VALUE}.")
    double p;

    @Option(names = "--projections", paramLabel = "K", defaultValue = "50",
            description = "Number of random directions. Default: ${DEFAULT-VALUE}.")
    int projections;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the directions. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "sliced", description = "sliced, max or vmf:KAPPA.")
    String kind;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (projections < 1) {
            throw Checks.fail("--projections must be at least 1: %d", projections);
        }
        if (!(p >= 1 && p < Double.POSITIVE_INFINITY)) {
            throw Checks.fail("--p must be in [1, ∞): %s", p);
        }
        Double kappa = null;
        if (kind.startsWith("vmf:")) {
            try {
                kappa = Double.parseDouble(kind.substring(4));
            } catch (NumberFormatException e) {
                throw Checks.fail("--kind vmf:KAPPA needs a number KAPPA: %s", kind);
            }
            if (!(kappa >= 0 && kappa < Double.POSITIVE_INFINITY)) {
                throw Checks.fail("--kind vmf:KAPPA needs a finite KAPPA >= 0: %s", kind);
            }
        } else if (!kind.equals("sliced") && !kind.equals("max")) {
            throw Checks.fail("--kind must be sliced, max or vmf:KAPPA: %s", kind);
        }
        double[][] src = Inputs.readMatrix(xs);
        double[][] tgt = Inputs.readMatrix(xt);
        OtCommand.requireFinite("--xs", xs, src);
        OtCommand.requireFinite("--xt", xt, tgt);
        if (src[0].length != tgt[0].length) {
            throw Checks.fail("--xs and --xt differ in dimension: %d vs %d", src[0].length, tgt[0].length);
        }
        long start = System.nanoTime();
        EmpiricalDistribution x = EmpiricalDistribution.of(src);
        EmpiricalDistribution y = EmpiricalDistribution.of(tgt);
        double value;
        if (kind.equals("sliced")) {
            value = SlicedWasserstein.sliced(x, y, p, projections, Rng.seeded(seed));
        } else if (kind.equals("max")) {
            value = SlicedWasserstein.maxSliced(x, y, p, projections, Rng.seeded(seed));
        } else {
            value = SlicedWasserstein.vonMisesFisher(x, y, p, projections, kappa, Rng.seeded(seed));
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("value", value);
            o.put("kind", kind);
            o.put("p", p);
            o.put("projections", projections);
            o.put("seed", seed);
            o.put("seconds", seconds);
            spec.commandLine().getOut().println(Outputs.json(o));
        } else {
            spec.commandLine().getOut().println(String.format(Locale.ROOT, "%s SW_%s = %s", kind, p, value));
        }
        return Main.OK;
    }
}
