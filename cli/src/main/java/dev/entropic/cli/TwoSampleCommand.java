package dev.entropic.cli;

import dev.entropic.core.Checks;
import dev.entropic.core.Rng;
import dev.entropic.estimators.EnergyDistance;
import dev.entropic.estimators.Mmd;
import dev.entropic.estimators.TwoSampleResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code entropic two-sample --xs XS --xt XT --test mmd|energy [--permutations B] [--seed S] [--json]}. */
@Command(name = "two-sample", mixinStandardHelpOptions = true,
        description = {
            "Two-sample comparison of the samples XS and XT (rows = points, same number of columns; CSV or .npy; "
                + "a single row is a 1-D sample) with a seeded permutation test.",
            "mmd: unbiased MMD^2 with the Gaussian kernel exp(-|x-y|^2/(2 s^2)), s = --bandwidth or the median "
                + "pairwise distance of the pooled sample (on 1000 evenly spaced points when larger).",
            "energy: 2E|X-Y| - E|X-X'| - E|Y-Y'| over the empirical distributions (scipy.stats.energy_distance "
                + "returns its square root).",
            "p-value = (1 + #{permutations with statistic >= observed}) / (1 + B).",
            "JSON: {\"test\", \"statistic\", \"pValue\", \"permutations\", \"seed\", \"bandwidth\" (mmd), \"n\", \"m\", "
                + "\"dimension\", \"seconds\"}."
        })
final class TwoSampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--xs", required = true, paramLabel = "XS", description = "First sample (n rows × d columns).")
    String xsFile;

    @Option(names = "--xt", required = true, paramLabel = "XT", description = "Second sample (m rows × d columns).")
    String xtFile;

    @Option(names = "--test", required = true, paramLabel = "NAME", description = "mmd or energy.")
    String test;

    @Option(names = "--permutations", paramLabel = "B", defaultValue = "200",
            description = "Number of permutations (0: statistic only, p-value 1). Default: ${DEFAULT-VALUE}.")
    int permutations;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the permutations. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--bandwidth", paramLabel = "SIGMA", description = "Gaussian kernel bandwidth for mmd (default: median heuristic).")
    Double bandwidth;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (!"mmd".equals(test) && !"energy".equals(test)) {
            throw Checks.fail("--test %s is unknown (expected mmd or energy)", test);
        }
        if (permutations < 0) {
            throw Checks.fail("--permutations must be non-negative: %d", permutations);
        }
        if (bandwidth != null && "energy".equals(test)) {
            throw Checks.fail("--bandwidth applies to --test mmd only");
        }
        if (bandwidth != null && !(bandwidth > 0 && bandwidth < Double.POSITIVE_INFINITY)) {
            throw Checks.fail("--bandwidth must be positive and finite: %s", bandwidth);
        }
        double[][] xs = Samples.read(xsFile);
        double[][] xt = Samples.read(xtFile);
        if (xs[0].length != xt[0].length) {
            throw Checks.fail("--xs and --xt differ in dimension: %d vs %d", xs[0].length, xt[0].length);
        }
        long start = System.nanoTime();
        TwoSampleResult r = "mmd".equals(test)
                ? Mmd.test(xs, xt, bandwidth == null ? Double.NaN : bandwidth, permutations, Rng.seeded(seed))
                : EnergyDistance.test(xs, xt, permutations, Rng.seeded(seed));
        long end = System.nanoTime();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("test", test);
            o.put("statistic", r.statistic());
            o.put("pValue", r.pValue());
            o.put("permutations", permutations);
            o.put("seed", seed);
            if ("mmd".equals(test)) {
                o.put("bandwidth", r.bandwidth());
            }
            o.put("n", xs.length);
            o.put("m", xt.length);
            o.put("dimension", xs[0].length);
            o.put("seconds", (end - start) * 1e-9);
            spec.commandLine().getOut().println(Outputs.json(o));
        } else {
            spec.commandLine().getOut().println(r.statistic() + " " + r.pValue());
        }
        return Main.OK;
    }
}
