package dev.entropic.cli;

import dev.entropic.core.Checks;
import dev.entropic.transport.CostMatrix;
import dev.entropic.transport.GroundCost;
import dev.entropic.transport.LogSinkhorn;
import dev.entropic.transport.NetworkSimplex;
import dev.entropic.transport.Sinkhorn;
import dev.entropic.transport.SinkhornNewtonSparse;
import dev.entropic.transport.TransportProblem;
import dev.entropic.transport.TransportResult;
import dev.entropic.transport.TransportSolver;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code entropic ot (--cost C | --xs XS --xt XT [--metric M]) [--a A --b B] --method METHOD
 * [--reg EPS] [--tol T] [--max-iter N] [--plan-out FILE] [--json]}: exact or entropic optimal
 * transport between two weighted point clouds or under an explicit cost matrix.
 */
@Command(name = "ot", mixinStandardHelpOptions = true,
        subcommands = {OtSlicedCommand.class},
        description = {
            "Optimal transport between weighted point clouds (--xs, --xt: one point per row) or under an explicit "
                + "cost matrix (--cost: n rows, m columns). Files are CSV or .npy.",
            "Weights --a, --b (vectors, non-negative, equal total mass) default to uniform.",
            "Methods: emd (exact, network simplex), sinkhorn (scaling domain), sinkhorn-log (stabilised log "
                + "domain), sns (Sinkhorn-Newton-Sparse). Entropic methods solve min <P,C> + EPS KL(P || a b^T) "
                + "(same minimiser as POT's -EPS H(P) form) and stop when the L1 marginal error <= T.",
            "JSON: {\"method\", \"cost\" (<P,C>), \"objective\", \"iterations\", \"marginalError\", \"converged\", "
                + "\"seconds\"}; sns adds \"newtonIterations\" (\"iterations\" counts its Sinkhorn warm-up). "
                + "\"seconds\" is the solve time including the cost matrix, excluding file reading."
        })
final class OtCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cost", paramLabel = "C", description = "Explicit cost matrix file (instead of --xs/--xt).")
    String cost;

    @Option(names = "--xs", paramLabel = "XS", description = "Source points, one per row.")
    String xs;

    @Option(names = "--xt", paramLabel = "XT", description = "Target points, one per row.")
    String xt;

    @Option(names = "--metric", paramLabel = "M", defaultValue = "sqeuclidean",
            description = "Ground cost for points: sqeuclidean, euclidean or minkowski:P. Default: ${DEFAULT-VALUE}.")
    String metric;

    @Option(names = "--a", paramLabel = "A", description = "Source weights (default uniform).")
    String a;

    @Option(names = "--b", paramLabel = "B", description = "Target weights (default uniform).")
    String b;

    // not picocli-required, so that "ot sliced" does not need it; checked in call()
    @Option(names = "--method", paramLabel = "METHOD", description = "emd, sinkhorn, sinkhorn-log or sns (required).")
    String method;

    @Option(names = "--reg", paramLabel = "EPS", description = "Entropic regularisation (required for entropic methods).")
    Double reg;

    @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-9",
            description = "L1 marginal-error tolerance. Default: ${DEFAULT-VALUE}.")
    double tol;

    @Option(names = "--max-iter", paramLabel = "N",
            description = "Iteration cap (Sinkhorn iterations; Newton steps for sns; pivots for emd).")
    Integer maxIter;

    @Option(names = "--warm-up", paramLabel = "N1",
            description = "sns: Sinkhorn warm-up iterations before the Newton stage (default 20, the paper's N1).")
    Integer warmUp;

    @Option(names = "--warm-up-scaling", paramLabel = "S", defaultValue = "0",
            description = "sns: run the warm-up through S epsilon-scaling stages (eps*2^S, ..., eps); 0 (default) "
                    + "is the paper's plain warm-up; 4 typically halves the Newton steps at small eps.")
    int warmUpScaling;

    @Option(names = "--plan-out", paramLabel = "FILE", description = "Write the dense n x m plan (CSV or .npy).")
    String planOut;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        TransportSolver solver = solver();
        boolean fromPoints = cost == null;
        if (fromPoints == (xs == null) || (xs == null) != (xt == null)) {
            throw Checks.fail("give either --cost or both --xs and --xt");
        }
        double[][] costRows = null;
        double[][] src = null;
        double[][] tgt = null;
        GroundCost ground = null;
        int n;
        int m;
        if (fromPoints) {
            ground = parseMetric(metric);
            src = Inputs.readMatrix(xs);
            tgt = Inputs.readMatrix(xt);
            requireFinite("--xs", xs, src);
            requireFinite("--xt", xt, tgt);
            if (src[0].length != tgt[0].length) {
                throw Checks.fail("--xs and --xt differ in dimension: %d vs %d", src[0].length, tgt[0].length);
            }
            n = src.length;
            m = tgt.length;
        } else {
            if (!metric.equals("sqeuclidean")) {
                throw Checks.fail("--metric applies to --xs/--xt, not to --cost");
            }
            costRows = Inputs.readMatrix(cost);
            requireFinite("--cost", cost, costRows);
            n = costRows.length;
            m = costRows[0].length;
        }
        double[] wa = weights("--a", a, n);
        double[] wb = weights("--b", b, m);
        long start = System.nanoTime();
        CostMatrix c;
        if (fromPoints) {
            c = CostMatrix.between(flatten(src), flatten(tgt), src[0].length, ground);
        } else {
            c = CostMatrix.of(costRows);
        }
        TransportResult r = solver.solve(TransportProblem.of(wa, wb, c));
        double seconds = (System.nanoTime() - start) * 1e-9;
        if (planOut != null) {
            double[] flat = r.plan().toDenseArray();
            double[][] rows = new double[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = Arrays.copyOfRange(flat, i * m, (i + 1) * m);
            }
            Outputs.writeMatrix(planOut, rows);
        }
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("method", method);
            o.put("cost", r.cost());
            o.put("objective", r.objective());
            o.put("iterations", r.iterations());
            if (method.equals("sns")) {
                o.put("newtonIterations", r.newtonIterations());
            }
            o.put("marginalError", r.marginalError());
            o.put("converged", r.converged());
            o.put("seconds", seconds);
            spec.commandLine().getOut().println(Outputs.json(o));
        } else {
            String newton = method.equals("sns") ? String.format(Locale.ROOT, " newtonIterations=%d", r.newtonIterations()) : "";
            spec.commandLine().getOut().println(String.format(Locale.ROOT,
                    "%s: cost=%s objective=%s iterations=%d%s marginalError=%s converged=%b seconds=%.3f",
                    method, r.cost(), r.objective(), r.iterations(), newton, r.marginalError(), r.converged(), seconds));
        }
        return Main.OK;
    }

    private TransportSolver solver() {
        if (method == null) {
            throw Checks.fail("--method is required: emd, sinkhorn, sinkhorn-log or sns");
        }
        boolean entropic;
        switch (method) {
            case "emd":
                entropic = false;
                break;
            case "sinkhorn":
            case "sinkhorn-log":
            case "sns":
                entropic = true;
                break;
            default:
                throw Checks.fail("--method must be emd, sinkhorn, sinkhorn-log or sns: %s", method);
        }
        if (maxIter != null && maxIter < 1) {
            throw Checks.fail("--max-iter must be at least 1: %d", maxIter);
        }
        if (!(tol > 0 && tol < Double.POSITIVE_INFINITY)) {
            throw Checks.fail("--tol must be positive and finite: %s", tol);
        }
        if (!method.equals("sns") && (warmUp != null || warmUpScaling != 0)) {
            throw Checks.fail("--warm-up and --warm-up-scaling apply to --method sns only");
        }
        if (warmUp != null && warmUp < 1) {
            throw Checks.fail("--warm-up must be at least 1: %d", warmUp);
        }
        if (!entropic) {
            if (reg != null) {
                throw Checks.fail("--method emd takes no --reg");
            }
            return maxIter == null ? NetworkSimplex.withDefaults() : NetworkSimplex.withDefaults().withMaxIterations(maxIter);
        }
        if (reg == null) {
            throw Checks.fail("--method %s needs --reg", method);
        }
        if (!(reg > 0 && reg < Double.POSITIVE_INFINITY)) {
            throw Checks.fail("--reg must be positive and finite: %s", reg);
        }
        switch (method) {
            case "sinkhorn":
                return Sinkhorn.withDefaults().withEpsilon(reg).withTolerance(tol)
                        .withMaxIterations(maxIter == null ? 100_000 : maxIter);
            case "sinkhorn-log":
                return LogSinkhorn.withDefaults().withEpsilon(reg).withTolerance(tol)
                        .withMaxIterations(maxIter == null ? 100_000 : maxIter);
            default:
                SinkhornNewtonSparse s = SinkhornNewtonSparse.withDefaults().withEpsilon(reg).withTolerance(tol)
                        .withWarmUpEpsilonScaling(warmUpScaling);
                if (warmUp != null) {
                    s = s.withWarmUpIterations(warmUp);
                }
                return maxIter == null ? s : s.withMaxNewtonIterations(maxIter);
        }
    }

    static GroundCost parseMetric(String metric) {
        if (metric.equals("sqeuclidean")) {
            return GroundCost.squaredEuclidean();
        }
        if (metric.equals("euclidean")) {
            return GroundCost.euclidean();
        }
        if (metric.startsWith("minkowski:")) {
            double p;
            try {
                p = Double.parseDouble(metric.substring("minkowski:".length()));
            } catch (NumberFormatException e) {
                throw Checks.fail("--metric minkowski:P needs a number P: %s", metric);
            }
            return GroundCost.minkowski(p);
        }
        throw Checks.fail("--metric must be sqeuclidean, euclidean or minkowski:P: %s", metric);
    }

    static void requireFinite(String option, String file, double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw Checks.fail("%s (%s): row %d column %d is not finite: %s", option, file, i + 1, j + 1, m[i][j]);
                }
            }
        }
    }

    static double[] flatten(double[][] rows) {
        int d = rows[0].length;
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * d, d);
        }
        return out;
    }

    private static double[] weights(String option, String file, int size) {
        if (file == null) {
            double[] w = new double[size];
            Arrays.fill(w, 1.0 / size);
            return w;
        }
        double[] w = Inputs.readVector(file);
        if (w.length != size) {
            throw Checks.fail("%s (%s) has %d weights, expected %d (one per point)", option, file, w.length, size);
        }
        Checks.requireWeights(option + " (" + file + ")", w);
        return w;
    }
}
