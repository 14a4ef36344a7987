// Java side of ot_vs_pot.py: single-file program, run with
//   java -cp transport/target/classes:core/target/classes:<commons-rng jars> bench/scripts/OtBench.java METHOD FILE EPS TOL REPEATS
//        [sns: SPARSITY MAX_DROPPED_MASS WARM_UP_ITERATIONS WARM_UP_EPSILON_SCALING_STAGES]
// FILE holds "n m d" then the n·d source and m·d target coordinates (whitespace separated).
// The cost is squared Euclidean scaled to max 1 (as in the Performance section); weights uniform.
// Prints one line per repeat: seconds cost iterations newtonIterations marginalError converged.
import dev.entropic.transport.CostMatrix;
import dev.entropic.transport.GroundCost;
import dev.entropic.transport.LogSinkhorn;
import dev.entropic.transport.NetworkSimplex;
import dev.entropic.transport.Sinkhorn;
import dev.entropic.transport.SinkhornNewtonSparse;

import dev.entropic.transport.TransportProblem;
import dev.entropic.transport.TransportResult;
import dev.entropic.transport.TransportSolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

public class OtBench {
    public static void main(String[] args) throws Exception {
        String method = args[0];
        String[] tok = Files.readString(Path.of(args[1])).trim().split("\\s+");
        double eps = Double.parseDouble(args[2]);
        double tol = Double.parseDouble(args[3]);
        int repeats = Integer.parseInt(args[4]);
        int n = Integer.parseInt(tok[0]);
        int m = Integer.parseInt(tok[1]);
        int d = Integer.parseInt(tok[2]);
        double[] x = new double[n * d];
        double[] y = new double[m * d];
        int k = 3;
        for (int i = 0; i < x.length; i++) {
            x[i] = Double.parseDouble(tok[k++]);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = Double.parseDouble(tok[k++]);
        }
        TransportSolver solver;
        switch (method) {
            case "emd": solver = NetworkSimplex.withDefaults(); break;
            case "sinkhorn": solver = Sinkhorn.withDefaults().withEpsilon(eps).withTolerance(tol).withMaxIterations(1_000_000); break;
            case "sinkhorn-log": solver = LogSinkhorn.withDefaults().withEpsilon(eps).withTolerance(tol).withMaxIterations(1_000_000); break;
            case "sinkhorn-log-scaling": solver = LogSinkhorn.withDefaults().withEpsilon(eps).withTolerance(tol).withMaxIterations(1_000_000).withEpsilonScaling(0.5); break;

            case "sns": solver = SinkhornNewtonSparse.withDefaults().withEpsilon(eps).withTolerance(tol)
                    .withSparsity(args.length > 5 ? Double.parseDouble(args[5]) : SinkhornNewtonSparse.withDefaults().sparsity())
                    .withMaxDroppedMass(args.length > 6 ? Double.parseDouble(args[6]) : SinkhornNewtonSparse.withDefaults().maxDroppedMass())
                    .withWarmUpIterations(args.length > 7 ? Integer.parseInt(args[7]) : SinkhornNewtonSparse.withDefaults().warmUpIterations())
                    .withWarmUpEpsilonScaling(args.length > 8 ? Integer.parseInt(args[8]) : 0); break;
            default: throw new IllegalArgumentException(method);
        }
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            CostMatrix c = CostMatrix.between(x, y, d, GroundCost.squaredEuclidean()).normalizedByMax();
            TransportResult res = solver.solve(TransportProblem.uniform(c));
            double s = (System.nanoTime() - t0) * 1e-9;
            System.out.printf(Locale.ROOT, "%.6f %.17g %d %d %.3e %b%n", s, res.cost(), res.iterations(),
                    res.newtonIterations(), res.marginalError(), res.converged());
        }
    }
}
