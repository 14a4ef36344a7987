package dev.entropic.cli;

import dev.entropic.core.Checks;
import dev.entropic.estimators.KnnMutualInformation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code entropic mutual-info --estimator knn --x X --y Y [--k K] [--json]}: mutual information from paired samples. */
@Command(name = "mutual-info", mixinStandardHelpOptions = true,
        description = {
            "Mutual information I(X;Y) (nats) of paired samples: row i of X goes with row i of Y "
                + "(rows = samples, columns = coordinates; CSV or .npy; a single row is a 1-D sample).",
            "knn: Kraskov-Stoegbauer-Grassberger algorithm 1, I = psi(k) + psi(n) - <psi(n_x+1) + psi(n_y+1)>, "
                + "max-norm, n_x counts points strictly closer than the k-th joint neighbour; no noise added, "
                + "no clipping at 0; samples with k exact duplicates are rejected.",
            "JSON: {\"value\", \"estimator\", \"k\", \"n\", \"dimensionX\", \"dimensionY\", \"seconds\"}."
        })
final class MutualInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--estimator", required = true, paramLabel = "NAME", description = "knn.")
    String estimator;

    @Option(names = "--x", required = true, paramLabel = "X", description = "Samples of X (n rows × d_x columns).")
    String xFile;

    @Option(names = "--y", required = true, paramLabel = "Y", description = "Samples of Y (n rows × d_y columns).")
    String yFile;

    @Option(names = "--k", paramLabel = "K", defaultValue = "3", description = "Neighbour order. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (!"knn".equals(estimator)) {
            throw Checks.fail("--estimator %s is unknown (expected knn)", estimator);
        }
        double[][] x = Samples.read(xFile);
        double[][] y = Samples.read(yFile);
        long start = System.nanoTime();
        double mi = KnnMutualInformation.estimate(x, y, k);
        long end = System.nanoTime();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("value", mi);
            o.put("estimator", "knn");
            o.put("k", k);
            o.put("n", x.length);
            o.put("dimensionX", x[0].length);
            o.put("dimensionY", y[0].length);
            o.put("seconds", (end - start) * 1e-9);
            spec.commandLine().getOut().println(Outputs.json(o));
        } else {
            spec.commandLine().getOut().println(mi);
        }
        return Main.OK;
    }
}
