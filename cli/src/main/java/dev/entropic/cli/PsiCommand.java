package dev.entropic.cli;

import dev.entropic.core.Checks;
import dev.entropic.divergences.Binning;
import dev.entropic.divergences.PopulationStabilityIndex;
import dev.entropic.divergences.PopulationStabilityResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code entropic psi --expected E --actual A [--json]}: the population stability index between a
 * baseline and a current binned distribution, with standard errors and the χ² drift test.
 */
@Command(name = "psi", mixinStandardHelpOptions = true,
        description = {
            "Population stability index between expected (baseline) and actual (current) per-bin counts.",
            "E and A are files (CSV or .npy, one row or one column) of non-negative integer counts, same length >= 2; "
                + "with --scores they hold raw scores, binned on the baseline (right-closed bins).",
            "PSI = sum (a_i - e_i) ln(a_i/e_i) (natural log), the Jeffreys divergence; per bin woe = ln(a_i/e_i).",
            "standardError: delta method, both samples random; standardErrorKnownBaseline: baseline shares fixed; "
                + "standardErrorFixedWeights: log-ratios fixed (understates). chi2 = n_eff * PSI, "
                + "n_eff = N_E N_A/(N_E + N_A), pValue from chi2(k'-1).",
            "level: rule of thumb, stable (< 0.1), moderate-shift (< 0.25), significant-shift.",
            "JSON: {\"psi\", \"standardError\", \"standardErrorKnownBaseline\", \"standardErrorFixedWeights\", "
                + "\"chi2\", \"pValue\", \"degreesOfFreedom\", \"effectiveSampleSize\", \"level\", \"pseudoCount\", "
                + "[\"cutPoints\",] \"seconds\", \"bins\": [{\"expectedShare\", \"actualShare\", \"woe\", "
                + "\"contribution\"}, ...]}."
        })
final class PsiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--expected", required = true, paramLabel = "E", description = "File of baseline per-bin counts (or scores).")
    String expected;

    @Option(names = "--actual", required = true, paramLabel = "A", description = "File of current per-bin counts (or scores).")
    String actual;

    @Option(names = "--pseudo-count", paramLabel = "C", defaultValue = "0",
            description = "Count added to every bin of both samples. Default: ${DEFAULT-VALUE}.")
    double pseudoCount;

    @Option(names = "--scores", description = "The files hold raw scores; bin them on the baseline.")
    boolean scores;

    @Option(names = "--bins", paramLabel = "K", defaultValue = "10",
            description = "With --scores: the number of bins. Default: ${DEFAULT-VALUE}.")
    int bins;

    @Option(names = "--binning", paramLabel = "METHOD", defaultValue = "quantiles",
            description = "With --scores: quantiles (of the baseline, ties merged) or equal-width. Default: ${DEFAULT-VALUE}.")
    String binning;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (!(pseudoCount >= 0 && pseudoCount < Double.POSITIVE_INFINITY)) {
            throw Checks.fail("--pseudo-count must be non-negative and finite: %s", pseudoCount);
        }
        double[] e;
        double[] a;
        Binning b = null;
        if (scores) {
            if (bins < 2) {
                throw Checks.fail("--bins must be at least 2: %d", bins);
            }
            double[] es = Inputs.readVector(expected);
            double[] as = Inputs.readVector(actual);
            Checks.requireFiniteArray("--expected (" + expected + ")", es);
            Checks.requireFiniteArray("--actual (" + actual + ")", as);
            switch (binning) {
                case "quantiles":
                    b = Binning.quantiles(es, bins);
                    break;
                case "equal-width":
                    b = Binning.equalWidth(es, bins);
                    break;
                default:
                    throw Checks.fail("--binning must be quantiles or equal-width: '%s'", binning);
            }
            e = b.counts(es);
            a = b.counts(as);
        } else {
            e = BinnedCounts.read("--expected", expected);
            a = BinnedCounts.read("--actual", actual);
            BinnedCounts.requireBins("--expected", e, "--actual", a);
        }
        long start = System.nanoTime();
        PopulationStabilityResult r = PopulationStabilityIndex.withDefaults().withPseudoCount(pseudoCount).compute(e, a);
        long end = System.nanoTime();
        double[] es = r.expectedShares();
        double[] as = r.actualShares();
        double[] lr = r.logRatios();
        double[] c = r.contributions();
        String level = r.level().name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("psi", r.psi());
            o.put("standardError", r.standardError());
            o.put("standardErrorKnownBaseline", r.standardErrorKnownBaseline());
            o.put("standardErrorFixedWeights", r.standardErrorFixedWeights());
            o.put("chi2", r.chiSquared());
            o.put("pValue", r.pValue());
            o.put("degreesOfFreedom", r.degreesOfFreedom());
            o.put("effectiveSampleSize", r.effectiveSampleSize());
            o.put("level", level);
            o.put("pseudoCount", pseudoCount);
            if (b != null) {
                o.put("cutPoints", b.cutPoints());
            }
            o.put("seconds", (end - start) * 1e-9);
            List<Map<String, Object>> list = new ArrayList<>();
            for (int i = 0; i < es.length; i++) {
                Map<String, Object> bin = new LinkedHashMap<>();
                bin.put("expectedShare", es[i]);
                bin.put("actualShare", as[i]);
                bin.put("woe", lr[i]);
                bin.put("contribution", c[i]);
                list.add(bin);
            }
            o.put("bins", list);
            spec.commandLine().getOut().println(Outputs.json(o));
        } else {
            var out = spec.commandLine().getOut();
            out.println(String.format(Locale.ROOT, "%4s %14s %14s %12s %12s", "bin", "expectedShare", "actualShare",
                    "ln(a/e)", "contribution"));
            for (int i = 0; i < es.length; i++) {
                out.println(String.format(Locale.ROOT, "%4d %14.6g %14.6g %12.6g %12.6g", i, es[i], as[i], lr[i], c[i]));
            }
            out.println(String.format(Locale.ROOT,
                    "PSI = %s ± %s (delta method; known baseline %s, fixed-weight %s); chi2 = %s, df = %d, p = %s; %s",
                    r.psi(), r.standardError(), r.standardErrorKnownBaseline(), r.standardErrorFixedWeights(),
                    r.chiSquared(), r.degreesOfFreedom(), r.pValue(), level));
        }
        return Main.OK;
    }
}
