package dev.entropic.cli;

import dev.entropic.core.Checks;
import dev.entropic.estimators.KnnEntropy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code entropic entropy --estimator knn --data X [--k K] [--json]}: differential entropy from samples. */
@Command(name = "entropy", mixinStandardHelpOptions = true,
        description = {
            "Differential entropy (nats) of the samples in X (rows = points, columns = coordinates; CSV or .npy).",
            "knn: Kozachenko-Leonenko, H = psi(n) - psi(k) + ln V_d + (d/n) sum ln eps_i, eps_i = Euclidean "
                + "distance to the k-th nearest neighbour; points with k exact duplicates are rejected.",
            "JSON: {\"estimator\", \"k\", \"n\", \"dimension\", \"entropy\", \"seconds\"}."
        })
final class EntropyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--estimator", required = true, paramLabel = "NAME", description = "knn.")
    String estimator;

    @Option(names = "--data", required = true, paramLabel = "X", description = "Sample file (n rows × d columns).")
    String data;

    @Option(names = "--k", paramLabel = "K", defaultValue = "3", description = "Neighbour order. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (!"knn".equals(estimator)) {
            throw Checks.fail("--estimator %s is unknown (expected knn)", estimator);
        }
        double[][] x = Inputs.readMatrix(data);
        if (x.length == 1 && x[0].length > 1) { // a single row: a 1-D sample
            double[][] t = new double[x[0].length][1];
            for (int i = 0; i < t.length; i++) {
                t[i][0] = x[0][i];
            }
            x = t;
        }
        long start = System.nanoTime();
        double h = KnnEntropy.estimate(x, k);
        long end = System.nanoTime();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("estimator", "knn");
            o.put("k", k);
            o.put("n", x.length);
            o.put("dimension", x[0].length);
            o.put("entropy", h);
            o.put("seconds", (end - start) * 1e-9);
            spec.commandLine().getOut().println(Outputs.json(o));
        } else {
            spec.commandLine().getOut().println(h);
        }
        return Main.OK;
    }
}
