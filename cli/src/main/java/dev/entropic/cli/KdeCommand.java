package dev.entropic.cli;

import dev.entropic.core.Checks;
import dev.entropic.estimators.Bandwidth;
import dev.entropic.estimators.BandwidthMatrix;
import dev.entropic.estimators.MultivariateKernelDensity;
import java.io.PrintWriter;
import java.util.function.DoubleConsumer;
import java.util.function.Function;
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
 * [--method exact|fft|auto] [--json] [--out FILE] [--progress] [--plot FILE.png]}: a kernel density
 * estimate of 1-D or d-D data evaluated at Q.
 */
@Command(name = "kde", mixinStandardHelpOptions = true,
        description = {
            "Kernel density estimate of the data X evaluated at the points Q (CSV or .npy). 1-D data: one row or one "
                + "column; d-D data: one row per point, d columns (Q then needs d columns too).",
            "1-D bandwidths (h = the kernel's standard deviation, sd = data standard deviation with n-1, "
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
                + "(Botev's kde.m conventions; KDEpy's improved_sheather_jones uses another grid and scale); or a positive number h. "
                + "sj, sj-dpi, ucv, lcv, isj and the robust rules take unweighted data only.",
            "d-D bandwidth matrices H (the kernel's covariance; S = weighted data covariance): scott = n_eff^(-2/(d+4)) S, "
                + "silverman = (n_eff (d+2)/4)^(-2/(d+4)) S (both exactly scipy gaussian_kde); factor:F = F^2 S; "
                + "a number h = h^2 I; diagonal[:RULE] = per-column 1-D rule (default scott); "
                + "lcv = likelihood cross-validation, diagonal (statsmodels KDEMultivariate bw='cv_ml'). "
                + "factor:F, diagonal and lcv work in 1-D too.",
            "Kernels (all scaled to unit variance; d-D: product of 1-D kernels in the coordinates whitened by H): "
                + "gaussian, epanechnikov, biweight, triweight, triangular, cosine, uniform, laplace.",
            "JSON: {\"bandwidth\": h (d-D: scipy's factor, NaN when H is not factor^2 S), \"factor\": h/sd, "
                + "\"kernel\", [d-D: \"dimension\", \"bandwidthMatrix\": [[...]]], \"density\": [...], "
                + "\"seconds\": solve time}. --out FILE writes the densities as one CSV column instead.",
            "--method fft: linear binning + FFT (1-D and 2-D; <1e-3 of the maximal density on smooth data); "
                + "auto = fft when d <= 2 and n*m > 1e8. --progress prints the fraction done to stderr. "
                + "--plot FILE.png draws the estimate (1-D: curve and rug of the data; 2-D: heat image)."
        })
final class KdeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "X", description = "Data file (1-D: one row or column; d-D: rows = points).")
    String data;

    @Option(names = "--weights", paramLabel = "W", description = "Optional non-negative weights, one per data point.")
    String weights;

    @Option(names = "--bandwidth", required = true, paramLabel = "NAME|NUMBER",
            description = "1-D: scott, silverman, silverman-robust, scott-robust, sj, sj-dpi, ucv, lcv, isj; d-D (and 1-D): factor:F, diagonal[:RULE], lcv; or a positive number.")
    String bandwidth;

    @Option(names = "--kernel", paramLabel = "K", defaultValue = "gaussian", description = "Kernel. Default: ${DEFAULT-VALUE}.")
    String kernel;

    @Option(names = "--at", required = true, paramLabel = "Q", description = "File of query points (1-D: one row or column; d-D: rows of d values).")
    String at;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "auto",
            description = "exact, fft (linear binning, <1e-3 relative error on smooth data; 1-D and 2-D) or auto. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the densities as a CSV column to FILE.")
    String out;

    @Option(names = "--progress", description = "Print the fraction of the evaluation done to stderr (every 10%%).")
    boolean progress;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the estimate to a PNG file (1-D and 2-D data).")
    String plot;

    @Override
    public Integer call() {
        double[][] xm = readFinite("--data", data);
        boolean multi = xm.length > 1 && xm[0].length > 1;
        double[] w = weights == null ? null : Inputs.readVector(weights);
        Kernel k = Kernel.parse(kernel);
        KernelDensity.Method m = KernelDensity.Method.parse(method);
        if (plot != null && !plot.toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw Checks.fail("--plot %s: only .png files are written", plot);
        }
        return multi ? multivariate(xm, w, k, m) : univariate(w, k, m);
    }

    private DoubleConsumer progressPrinter() {
        if (!progress) {
            return null;
        }
        PrintWriter err = spec.commandLine().getErr();
        int[] last = {0};
        return f -> {
            int p = (int) Math.floor(f * 10 + 1e-9) * 10;
            if (p > last[0]) {
                last[0] = p;
                err.println("kde: " + p + "% done");
                err.flush();
            }
        };
    }

    private Integer univariate(double[] w, Kernel k, KernelDensity.Method m) {
        double[] x = readOneD("--data", data);
        double[] q = readOneD("--at", at);
        if (w != null && w.length != x.length) {
            throw Checks.fail("--weights and --data differ in length: %d vs %d", w.length, x.length);
        }
        Bandwidth bw = null;
        BandwidthMatrix bwm = null;
        try {
            bw = Bandwidth.parse(bandwidth);
        } catch (IllegalArgumentException e) {
            try {
                bwm = BandwidthMatrix.parse(bandwidth);
            } catch (IllegalArgumentException e2) {
                throw Checks.fail("bandwidth is neither a rule (scott, silverman, silverman-robust, scott-robust, sj, sj-dpi, "
                    + "ucv, lcv, isj, factor:F, diagonal[:RULE]) nor a positive number: %s", bandwidth);
            }
        }
        DoubleConsumer pp = progressPrinter();
        long start = System.nanoTime();
        double[][] column = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            column[i] = new double[] {x[i]};
        }
        double h;
        double factor;
        double[] d;
        Function<double[], double[]> curve;
        if (bw != null) {
            KernelDensity kde = KernelDensity.of(x, w, bw, k);
            h = kde.bandwidth();
            factor = kde.factor();
            if (pp != null && m != KernelDensity.Method.FFT && !(m == KernelDensity.Method.AUTO
                    && (double) x.length * q.length > KernelDensity.Method.AUTO_THRESHOLD)) {
                // exact evaluation with progress reports: the same sums by the d-D engine (d = 1)
                d = MultivariateKernelDensity.of(column, w, BandwidthMatrix.of(h), k).densities(asRows(q),
                    KernelDensity.Method.EXACT, pp);
            } else {
                d = kde.densities(q, m);
            }
            curve = g -> kde.densities(g, m);
        } else {
            MultivariateKernelDensity kde = MultivariateKernelDensity.of(column, w, bwm, k);
            h = Math.sqrt(kde.bandwidthMatrix()[0][0]);
            factor = kde.factor();
            d = kde.densities(asRows(q), m, pp);
            curve = g -> kde.densities(asRows(g), m);
        }
        long end = System.nanoTime();
        if (pp != null) {
            pp.accept(1);
        }
        byte[] png = null;
        if (plot != null) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : x) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            png = KdePlot.curve(x, lo - 3 * h, hi + 3 * h, curve,
                String.format(Locale.ROOT, "KDE (%s, %s, h = %.4g)", k.name().toLowerCase(Locale.ROOT), bandwidth, h));
        }
        writeFiles(d, png);
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("bandwidth", h);
            o.put("factor", factor);
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

    private Integer multivariate(double[][] x, double[] w, Kernel k, KernelDensity.Method m) {
        int dim = x[0].length;
        double[][] q = readFinite("--at", at);
        if (q[0].length != dim) {
            throw Checks.fail("--at (%s) has %d columns but --data (%s) has %d: query points need the data's dimension",
                at, q[0].length, data, dim);
        }
        if (w != null && w.length != x.length) {
            throw Checks.fail("--weights and --data differ in length: %d vs %d", w.length, x.length);
        }
        if (plot != null && dim > 2) {
            throw Checks.fail("--plot draws 1-D and 2-D data only, got dimension %d", dim);
        }
        if (m == KernelDensity.Method.FFT && dim > 2) {
            throw Checks.fail("--method fft supports 1-D and 2-D data, got dimension %d (use exact)", dim);
        }
        BandwidthMatrix bw = BandwidthMatrix.parse(bandwidth);
        DoubleConsumer pp = progressPrinter();
        long start = System.nanoTime();
        MultivariateKernelDensity kde = MultivariateKernelDensity.of(x, w, bw, k);
        double[] d = kde.densities(q, m, pp);
        long end = System.nanoTime();
        double[][] h = kde.bandwidthMatrix();
        byte[] png = null;
        if (plot != null) {
            double[] lo = new double[2];
            double[] hi = new double[2];
            for (int c = 0; c < 2; c++) {
                lo[c] = Double.POSITIVE_INFINITY;
                hi[c] = Double.NEGATIVE_INFINITY;
                for (double[] row : x) {
                    lo[c] = Math.min(lo[c], row[c]);
                    hi[c] = Math.max(hi[c], row[c]);
                }
                double s = 3 * Math.sqrt(h[c][c]);
                lo[c] -= s;
                hi[c] += s;
            }
            png = KdePlot.heat(lo[0], hi[0], lo[1], hi[1], g -> kde.densities(g, m),
                String.format(Locale.ROOT, "KDE (%s, %s)", k.name().toLowerCase(Locale.ROOT), bandwidth));
        }
        writeFiles(d, png);
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("bandwidth", kde.factor());
            o.put("factor", kde.factor());
            o.put("kernel", k.name().toLowerCase(Locale.ROOT));
            o.put("dimension", dim);
            o.put("bandwidthMatrix", h);
            if (out == null) {
                o.put("density", d);
            }
            o.put("seconds", (end - start) * 1e-9);
            spec.commandLine().getOut().println(Outputs.json(o));
        } else if (out == null) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < q.length; i++) {
                for (double v : q[i]) {
                    sb.append(v).append(',');
                }
                sb.append(d[i]).append('\n');
            }
            spec.commandLine().getOut().print(sb);
            spec.commandLine().getOut().flush();
        }
        return Main.OK;
    }

    /** Writes --out and --plot only once everything has been computed. */
    private void writeFiles(double[] d, byte[] png) {
        if (out != null) {
            Outputs.writeColumn(out, d);
        }
        if (png != null) {
            Outputs.writeAtomically(plot, png);
        }
    }

    private static double[][] asRows(double[] v) {
        double[][] r = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            r[i] = new double[] {v[i]};
        }
        return r;
    }

    private static double[][] readFinite(String option, String file) {
        double[][] mtx = Inputs.readMatrix(file);
        if (mtx.length == 0 || mtx[0].length == 0) {
            throw Checks.fail("%s (%s) is empty", option, file);
        }
        for (int i = 0; i < mtx.length; i++) {
            if (mtx[i].length != mtx[0].length) {
                throw Checks.fail("%s (%s): row %d has %d values, expected %d", option, file, i, mtx[i].length, mtx[0].length);
            }
            for (int c = 0; c < mtx[i].length; c++) {
                if (!Double.isFinite(mtx[i][c])) {
                    throw Checks.fail("%s (%s): row %d column %d is not finite: %s", option, file, i, c, mtx[i][c]);
                }
            }
        }
        return mtx;
    }

    private static double[] readOneD(String option, String file) {
        double[][] mtx = Inputs.readMatrix(file);
        if (mtx.length > 1 && mtx[0].length > 1) {
            throw Checks.fail("%s (%s) has %d columns but the data are 1-D", option, file, mtx[0].length);
        }
        double[] v = Inputs.readVector(file);
        if (v.length == 0) {
            throw Checks.fail("%s (%s) is empty", option, file);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw Checks.fail("%s (%s): value %d is not finite: %s", option, file, i, v[i]);
            }
        }
        return v;
    }
}
