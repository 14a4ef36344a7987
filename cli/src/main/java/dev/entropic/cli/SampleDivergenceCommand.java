package dev.entropic.cli;

import dev.entropic.core.Checks;
import dev.entropic.estimators.CauchySchwarz;
import dev.entropic.estimators.KnnDivergence;
import dev.entropic.estimators.Mmd;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code entropic sample-divergence --kind kl|cs --p P --q Q [--k K] [--bandwidth S] [--json]}: a divergence from two samples. */
@Command(name = "sample-divergence", mixinStandardHelpOptions = true,
        description = {
            "Divergence D(P||Q) (nats) estimated from samples of P and of Q (rows = points, same number of "
                + "columns; CSV or .npy; a single row is a 1-D sample).",
            "kl: Wang-Kulkarni-Verdu k-NN estimator, D = (d/n) sum ln(nu_k(i)/rho_k(i)) + ln(m/(n-1)), "
                + "Euclidean distances; P's points with k duplicates (or equal to k of Q's) are rejected.",
            "cs: Cauchy-Schwarz divergence -ln[(int pq)^2/(int p^2 int q^2)] of the Gaussian Parzen estimates "
                + "(bandwidth --bandwidth, default the median pairwise distance of the pooled sample).",
            "JSON: {\"kind\", \"estimator\", \"value\", \"k\" (kl) or \"bandwidth\" (cs), \"n\", \"m\", \"dimension\", \"seconds\"}."
        })
final class SampleDivergenceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "kl or cs.")
    String kind;

    @Option(names = "--p", required = true, paramLabel = "P", description = "Sample of P (n rows × d columns), the first argument.")
    String pFile;

    @Option(names = "--q", required = true, paramLabel = "Q", description = "Sample of Q (m rows × d columns), the reference.")
    String qFile;

    @Option(names = "--k", paramLabel = "K", defaultValue = "3", description = "Neighbour order for kl. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--bandwidth", paramLabel = "SIGMA", description = "Gaussian kernel bandwidth for cs (default: median heuristic).")
    Double bandwidth;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        boolean kl = "kl".equals(kind);
        if (!kl && !"cs".equals(kind)) {
            throw Checks.fail("--kind %s is unknown (expected kl or cs)", kind);
        }
        if (kl && bandwidth != null) {
            throw Checks.fail("--bandwidth applies to --kind cs only");
        }
        if (bandwidth != null && !(bandwidth > 0 && bandwidth < Double.POSITIVE_INFINITY)) {
            throw Checks.fail("--bandwidth must be positive and finite: %s", bandwidth);
        }
        double[][] p = Samples.read(pFile);
        double[][] q = Samples.read(qFile);
        if (p[0].length != q[0].length) {
            throw Checks.fail("--p and --q differ in dimension: %d vs %d", p[0].length, q[0].length);
        }
        long start = System.nanoTime();
        double sigma = Double.NaN;
        if (!kl) {
            sigma = bandwidth != null ? bandwidth : Mmd.medianHeuristic(flat(p), flat(q), p[0].length);
        }
        double value = kl ? KnnDivergence.estimate(p, q, k) : CauchySchwarz.parzen(p, q, sigma);
        long end = System.nanoTime();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("kind", kind);
            o.put("estimator", kl ? "knn" : "parzen");
            o.put("value", value);
            if (kl) {
                o.put("k", k);
            } else {
                o.put("bandwidth", sigma);
            }
            o.put("n", p.length);
            o.put("m", q.length);
            o.put("dimension", p[0].length);
            o.put("seconds", (end - start) * 1e-9);
            spec.commandLine().getOut().println(Outputs.json(o));
        } else {
            spec.commandLine().getOut().println(value);
        }
        return Main.OK;
    }

    private static double[] flat(double[][] rows) {
        int d = rows[0].length;
        double[] f = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, f, i * d, d);
        }
        return f;
    }
}
