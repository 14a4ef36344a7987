package dev.entropic.cli;

import dev.entropic.core.Checks;
import dev.entropic.core.DiscreteDistribution;
import dev.entropic.core.UnivariateDistribution;
import dev.entropic.divergences.Divergence;
import dev.entropic.divergences.DivergenceKind;
import dev.entropic.divergences.DivergenceMethod;
import dev.entropic.divergences.DivergenceValue;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code entropic divergence --kind KIND [--alpha A] --p P --q Q [--json]}: a divergence between two
 * probability vectors (files) or two named distributions.
 */
@Command(name = "divergence", mixinStandardHelpOptions = true,
        description = {
            "Computes D(P||Q) for a divergence of the f-family.",
            "P and Q are files holding probability vectors (CSV or .npy, one row or one column) or named "
                + "distributions: " + NamedDistributions.FORMS + ".",
            "Kinds: kl, reverse-kl, js, squared-hellinger, hellinger, tv, chi2, neyman-chi2, jeffreys, "
                + "triangular, alpha (needs --alpha), renyi (needs --alpha). Natural logarithms.",
            "JSON: {\"kind\", \"value\", \"method\": exact|closed-form|quadrature|monte-carlo, ...}; "
                + "+Infinity is written as \"Infinity\"."
        })
final class DivergenceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "The divergence kind.")
    String kind;

    @Option(names = "--alpha", paramLabel = "A", description = "The order, for alpha and renyi.")
    Double alpha;

    @Option(names = "--p", required = true, paramLabel = "P", description = "File or named distribution (first argument).")
    String p;

    @Option(names = "--q", required = true, paramLabel = "Q", description = "File or named distribution (reference).")
    String q;

    @Option(names = "--normalize", description = "Files hold non-negative weights (e.g. counts) to normalise, "
            + "instead of probabilities that must sum to 1.")
    boolean normalize;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "auto",
            description = "For named distributions: auto (closed form if known, else quadrature), closed-form, "
                    + "quadrature or monte-carlo. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "100000",
            description = "Monte Carlo sample size. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Monte Carlo seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        DivergenceKind k = DivergenceKind.fromName(kind);
        Divergence d;
        if (k.needsAlpha()) {
            if (alpha == null) {
                throw Checks.fail("--kind %s needs --alpha", kind);
            }
            d = Divergence.of(k, alpha);
        } else {
            if (alpha != null) {
                throw Checks.fail("--kind %s takes no --alpha", kind);
            }
            d = Divergence.of(k);
        }
        boolean pNamed = NamedDistributions.looksNamed(p) && !java.nio.file.Files.exists(java.nio.file.Path.of(p));
        boolean qNamed = NamedDistributions.looksNamed(q) && !java.nio.file.Files.exists(java.nio.file.Path.of(q));
        if (pNamed != qNamed) {
            throw Checks.fail("--p and --q must both be files or both be named distributions: got '%s' and '%s'", p, q);
        }
        DivergenceValue result;
        long start;
        long end;
        if (pNamed) {
            UnivariateDistribution pd = NamedDistributions.parse(p);
            UnivariateDistribution qd = NamedDistributions.parse(q);
            if (samples <= 0) {
                throw Checks.fail("--samples must be positive: %d", samples);
            }
            start = System.nanoTime();
            result = ContinuousRoute.compute(d, pd, qd, method, seed, samples);
            end = System.nanoTime();
        } else {
            if (!method.equals("auto") && !method.equals("exact")) {
                throw Checks.fail("--method %s does not apply to files (their divergence is exact)", method);
            }
            DiscreteDistribution pd = readDiscrete("--p", p);
            DiscreteDistribution qd = readDiscrete("--q", q);
            if (pd.size() != qd.size()) {
                throw Checks.fail("--p and --q differ in length: %d vs %d", pd.size(), qd.size());
            }
            start = System.nanoTime();
            double v = d.between(pd, qd);
            end = System.nanoTime();
            result = DivergenceValue.exact(d, v, DivergenceMethod.EXACT);
        }
        if (Double.isNaN(result.value())) {
            throw new IllegalStateException("the divergence evaluated to NaN");
        }
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("kind", k.cliName());
            if (k.needsAlpha()) {
                o.put("alpha", alpha);
            }
            o.put("value", result.value());
            o.put("method", result.method().label());
            if (result.method() == DivergenceMethod.MONTE_CARLO || result.method() == DivergenceMethod.QUADRATURE) {
                o.put("standardError", result.standardError());
            }
            if (result.evaluations() > 0) {
                o.put("evaluations", result.evaluations());
            }
            o.put("seconds", (end - start) * 1e-9);
            spec.commandLine().getOut().println(Outputs.json(o));
        } else {
            String extra = result.method() == DivergenceMethod.MONTE_CARLO
                    ? String.format(Locale.ROOT, " ± %.3g (standard error)", result.standardError()) : "";
            spec.commandLine().getOut().println(String.format(Locale.ROOT, "%s = %s%s  [%s]",
                    d, result.value(), extra, result.method().label()));
        }
        return Main.OK;
    }

    private DiscreteDistribution readDiscrete(String option, String file) {
        double[] v = Inputs.readVector(file);
        String name = option + " (" + file + ")";
        if (normalize) {
            Checks.requireWeights(name, v);
            return DiscreteDistribution.ofWeights(v);
        }
        Checks.requireProbabilities(name, v);
        return DiscreteDistribution.ofProbabilities(v);
    }
}
