package dev.entropic.cli;

import dev.entropic.core.Checks;
import dev.entropic.estimators.MaximumLikelihood;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code entropic mle --family F --data X [--epsilon E] [--json]}: maximum-likelihood fit of a core
 * family, and for exponential families the estimation risk to the information projection with the
 * p–n criterion ({@link MaximumLikelihood#risk(MaximumLikelihood.Family, double[])},
 * {@link MaximumLikelihood#pnCriterion(MaximumLikelihood.Family, double[], double)}).
 */
@Command(name = "mle", mixinStandardHelpOptions = true,
        description = {
            "Maximum-likelihood fit of a 1-D sample X (one row or one column; CSV or .npy) to a family "
                + "(scipy fit conventions, location fixed at 0 where scipy has one to spare).",
            "For the exponential families (normal, exponential, gamma, beta, lognormal) also the estimation risk "
                + "E KL(p_theta* || p_theta_hat) = c1/n + c2/n^2 with sample moments of the sufficient statistic, "
                + "and the p-n criterion: acceptable when the risk is <= 8 epsilon^2 (then the fitted law and the "
                + "information projection cannot be told apart with Bayes error below 1/2 - epsilon).",
            "JSON: {\"family\", \"n\", \"distribution\", \"logLikelihood\", \"converged\", \"parameters\", "
                + "[\"risk\": {\"c1\", \"c2\", \"total\"}, \"pnCriterion\": {\"epsilon\", \"riskBound\", \"acceptable\", "
                + "\"minimumSampleSize\"}], \"seconds\"}."
        })
final class MleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--family", required = true, paramLabel = "F",
            description = "normal, exponential, gamma, beta, lognormal, laplace or uniform.")
    String family;

    @Option(names = "--data", required = true, paramLabel = "X", description = "1-D sample file.")
    String data;

    @Option(names = "--epsilon", paramLabel = "E", defaultValue = "0.05",
            description = "Level of the p-n criterion, in (0, 1/2]. Default: ${DEFAULT-VALUE}.")
    double epsilon;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        MaximumLikelihood.Family f;
        try {
            f = MaximumLikelihood.Family.valueOf(family.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Checks.fail("--family %s is unknown (expected normal, exponential, gamma, beta, lognormal, laplace "
                    + "or uniform)", family);
        }
        double[][] rows = Samples.read(data);
        if (rows[0].length != 1) {
            throw Checks.fail("--data must be a 1-D sample (one row or one column), got %d columns", rows[0].length);
        }
        double[] x = new double[rows.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows[i][0];
        }
        long start = System.nanoTime();
        MaximumLikelihood.Fit fit = MaximumLikelihood.fit(f, x);
        MaximumLikelihood.PnCriterion pn = f.isExponentialFamily() ? MaximumLikelihood.pnCriterion(f, x, epsilon) : null;
        long end = System.nanoTime();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("family", f.name().toLowerCase(Locale.ROOT));
            o.put("n", x.length);
            o.put("distribution", fit.distribution().toString());
            o.put("logLikelihood", fit.logLikelihood());
            o.put("converged", fit.converged());
            o.put("parameters", f.parameters());
            if (pn != null) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("c1", pn.risk().c1());
                r.put("c2", pn.risk().c2());
                r.put("total", pn.risk().total());
                o.put("risk", r);
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("epsilon", pn.epsilon());
                c.put("riskBound", pn.riskBound());
                c.put("acceptable", pn.acceptable());
                c.put("minimumSampleSize", pn.minimumSampleSize());
                o.put("pnCriterion", c);
            }
            o.put("seconds", (end - start) * 1e-9);
            spec.commandLine().getOut().println(Outputs.json(o));
        } else {
            StringBuilder sb = new StringBuilder();
            sb.append(fit.distribution()).append("  log-likelihood ").append(fit.logLikelihood());
            if (pn != null) {
                sb.append(String.format(Locale.ROOT, "%nrisk %.6g (c1 %.6g, c2 %.6g, n %d); p-n criterion at epsilon %s: %s "
                        + "(bound %.6g, minimum n %d)", pn.risk().total(), pn.risk().c1(), pn.risk().c2(), x.length,
                        pn.epsilon(), pn.acceptable() ? "acceptable" : "not acceptable", pn.riskBound(),
                        pn.minimumSampleSize()));
            }
            spec.commandLine().getOut().println(sb);
        }
        return Main.OK;
    }
}
