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
        double[][] x = Samples.read(data); // a single row is a 1-D sample
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
