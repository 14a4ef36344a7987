package dev.entropic.cli;

import dev.entropic.core.Checks;
import dev.entropic.estimators.Bandwidth;
import dev.entropic.estimators.Kernel;
import dev.entropic.estimators.KernelDensity;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code entropic kde --data X [--weights W] --bandwidth NAME|NUMBER [--kernel K] --at Q
 * [--method exact|fft|auto] [--json] [--out FILE]}: a 1-D kernel density estimate evaluated at Q.
 */
@Command(name = "kde", mixinStandardHelpOptions = true,
        description = {
            "Kernel density estimate of the 1-D data X (one row or column, CSV or .npy), evaluated at the points Q.",
            "Bandwidths (h = the kernel's standard deviation, sd = data standard deviation with n-1, "
                + "n_eff = (sum w)^2 / sum w^2): scott = n_eff^(-1/5) sd (scipy gaussian_kde 'scott'); "
                + "silverman = (3 n_eff / 4)^(-1/5) sd (scipy gaussian_kde 'silverman'); "
                + "silverman-robust = 0.9 min(sd, IQR/1.34) n^(-1/5) (R bw.nrd0); "
                + "scott-robust = 1.06 min(sd, IQR/1.34) n^(-1/5) (R bw.nrd); "
                + "sj = Sheather-Jones solve-the-equation, the root of h = (1/(2 sqrt(pi) n phi4(alpha2 h^(5/7))))^(1/5) "
                + "with R's binned functionals (R bw.SJ); sj-dpi = Sheather-Jones direct plug-in (R bw.SJ method='dpi'); "
                + "ucv = least-squares cross-validation, the minimiser of int f^2 - (2/n) sum f_-i(x_i) over "
                + "[0.1, 1] x 1.144 sd n^(-1/5) (R bw.ucv); "
                + "lcv = likelihood cross-validation, the maximiser of sum_i log f_-i(x_i) with the gaussian kernel "
                + "(statsmodels KDEMultivariate bw='cv_ml'); "
                + "isj = Botev's improved Sheather-Jones, h = sqrt(t*) 2R with t* the fixed point of t = xi gamma^[7](t) "
                + "from the DCT of the data binned on 2^14 points over [min - R/2, max + R/2], R = max - min "
                + "(KDEpy improved_sheather_jones conventions); or a positive number h. "
                + "sj, sj-dpi, ucv, lcv, isj and the robust rules take unweighted data only.",
            "Kernels (all scaled to unit variance): gaussian, epanechnikov, biweight, triweight, triangular, "
                + "cosine, uniform, laplace.",
            "JSON: {\"bandwidth\": h, \"factor\": h/sd, \"density\": [...], \"seconds\": solve time}. "
                + "--out FILE writes the densities as one CSV column instead.",
            "Only 1-D data are supported so far."
        })
final class KdeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "X", description = "Data file (one row or column).")
    String data;

    @Option(names = "--weights", paramLabel = "W", description = "Optional non-negative weights, one per data point.")
    String weights;

    @Option(names = "--bandwidth", required = true, paramLabel = "NAME|NUMBER",
            description = "scott, silverman, silverman-robust, scott-robust, sj, sj-dpi, ucv, lcv, isj or a positive number.")
    String bandwidth;

    @Option(names = "--kernel", paramLabel = "K", defaultValue = "gaussian", description = "Kernel. Default: ${DEFAULT-VALUE}.")
    String kernel;

    @Option(names = "--at", required = true, paramLabel = "Q", description = "File of query points (one row or column).")
    String at;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "auto",
            description = "exact, fft (linear binning, <1e-3 relative error on smooth data) or auto. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the densities as a CSV column to FILE.")
    String out;

    @Override
    public Integer call() {
        double[] x = readOneD("--data", data);
        double[] w = weights == null ? null : Inputs.readVector(weights);
        double[] q = readOneD("--at", at);
        if (w != null && w.length != x.length) {
            throw Checks.fail("--weights and --data differ in length: %d vs %d", w.length, x.length);
        }
        Bandwidth bw = Bandwidth.parse(bandwidth);
        Kernel k = Kernel.parse(kernel);
        KernelDensity.Method m = KernelDensity.Method.parse(method);
        long start = System.nanoTime();
        KernelDensity kde = KernelDensity.of(x, w, bw, k);
        double[] d = kde.densities(q, m);
        long end = System.nanoTime();
        if (out != null) {
            Outputs.writeColumn(out, d);
        }
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("bandwidth", kde.bandwidth());
            o.put("factor", kde.factor());
            o.put("kernel", k.name().toLowerCase(Locale.ROOT));
            if (out == null) {
                o.put("density", d);
            }
            o.put("seconds", (end - start) * 1e-9);
            spec.commandLine().getOut().println(Outputs.json(o));
        } else if (out == null) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < q.length; i++) {
                sb.append(q[i]).append(',').append(d[i]).append('\n');
            }
            spec.commandLine().getOut().print(sb);
            spec.commandLine().getOut().flush();
        }
        return Main.OK;
    }

    private static double[] readOneD(String option, String file) {
        double[][] mtx = Inputs.readMatrix(file);
        if (mtx.length > 1 && mtx[0].length > 1) {
            throw Checks.fail("%s (%s) has %d columns: only 1-D KDE is supported so far", option, file, mtx[0].length);
        }
        double[] v = Inputs.readVector(file);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw Checks.fail("%s (%s): value %d is not finite: %s", option, file, i, v[i]);
            }
        }
        return v;
    }
}
