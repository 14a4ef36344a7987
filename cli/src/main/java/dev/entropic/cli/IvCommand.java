package dev.entropic.cli;

import dev.entropic.divergences.InformationValue;
import dev.entropic.divergences.InformationValueResult;
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
 * {@code entropic iv --good G --bad B [--pseudo-count C] [--json]}: weight of evidence and
 * information value of a binned characteristic, with standard errors and the J-divergence test.
 */
@Command(name = "iv", mixinStandardHelpOptions = true,
        description = {
            "Weight of evidence and information value from per-bin counts of goods and bads.",
            "G and B are files (CSV or .npy, one row or one column) of non-negative integer counts, same length >= 2.",
            "WoE_i = ln(g_i/b_i) with g, b the bin shares of goods and bads; "
                + "IV = sum (g_i - b_i) WoE_i = Jeffreys divergence between bads and goods (natural log).",
            "standardError: delta method with both samples' shares random; standardErrorFixedWeights: WoE held fixed "
                + "(understates). chi2 = n_eff * IV with n_eff = N_B N_G/(N_B + N_G), pValue from chi2(k'-1), "
                + "k' = bins non-empty in at least one sample.",
            "A bin empty in one sample gives an infinite WoE and IV (written \"Infinity\"); use --pseudo-count.",
            "JSON: {\"iv\", \"standardError\", \"standardErrorFixedWeights\", \"chi2\", \"pValue\", "
                + "\"degreesOfFreedom\", \"effectiveSampleSize\", \"pseudoCount\", \"seconds\", "
                + "\"bins\": [{\"goodShare\", \"badShare\", \"woe\", \"contribution\"}, ...]}."
        })
final class IvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--good", required = true, paramLabel = "G", description = "File of per-bin counts of goods.")
    String good;

    @Option(names = "--bad", required = true, paramLabel = "B", description = "File of per-bin counts of bads.")
    String bad;

    @Option(names = "--pseudo-count", paramLabel = "C", defaultValue = "0",
            description = "Count added to every bin of both samples (e.g. 0.5). Default: ${DEFAULT-VALUE}.")
    double pseudoCount;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        double[] g = BinnedCounts.read("--good", good);
        double[] b = BinnedCounts.read("--bad", bad);
        BinnedCounts.requireBins("--good", g, "--bad", b);
        if (!(pseudoCount >= 0 && pseudoCount < Double.POSITIVE_INFINITY)) {
            throw dev.entropic.core.Checks.fail("--pseudo-count must be non-negative and finite: %s", pseudoCount);
        }
        long start = System.nanoTime();
        InformationValueResult r = InformationValue.withDefaults().withPseudoCount(pseudoCount).compute(g, b);
        long end = System.nanoTime();
        double[] gs = r.goodShares();
        double[] bs = r.badShares();
        double[] woe = r.weightsOfEvidence();
        double[] c = r.contributions();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("iv", r.informationValue());
            o.put("standardError", r.standardError());
            o.put("standardErrorFixedWeights", r.standardErrorFixedWeights());
            o.put("chi2", r.chiSquared());
            o.put("pValue", r.pValue());
            o.put("degreesOfFreedom", r.degreesOfFreedom());
            o.put("effectiveSampleSize", r.effectiveSampleSize());
            o.put("pseudoCount", pseudoCount);
            o.put("seconds", (end - start) * 1e-9);
            List<Map<String, Object>> bins = new ArrayList<>();
            for (int i = 0; i < gs.length; i++) {
                Map<String, Object> bin = new LinkedHashMap<>();
                bin.put("goodShare", gs[i]);
                bin.put("badShare", bs[i]);
                bin.put("woe", woe[i]);
                bin.put("contribution", c[i]);
                bins.add(bin);
            }
            o.put("bins", bins);
            spec.commandLine().getOut().println(Outputs.json(o));
        } else {
            var out = spec.commandLine().getOut();
            out.println(String.format(Locale.ROOT, "%4s %12s %12s %12s %12s", "bin", "goodShare", "badShare", "woe",
                    "contribution"));
            for (int i = 0; i < gs.length; i++) {
                out.println(String.format(Locale.ROOT, "%4d %12.6g %12.6g %12.6g %12.6g", i, gs[i], bs[i], woe[i], c[i]));
            }
            out.println(String.format(Locale.ROOT,
                    "IV = %s ± %s (delta method; fixed-weight %s); chi2 = %s, df = %d, p = %s",
                    r.informationValue(), r.standardError(), r.standardErrorFixedWeights(), r.chiSquared(),
                    r.degreesOfFreedom(), r.pValue()));
        }
        return Main.OK;
    }
}
