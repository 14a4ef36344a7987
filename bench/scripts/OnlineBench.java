// Time per iteration of OnlineLogSinkhorn (cost on the fly, O(n) memory) with 1 and 2 threads.
//   java -cp <classes and commons-rng jars> bench/scripts/OnlineBench.java N D ITERATIONS
// Two seeded Gaussian clouds N(0, I) and N(1, I) in R^D, squared Euclidean cost, eps = 0.1.
import dev.entropic.core.EmpiricalDistribution;
import dev.entropic.core.Rng;
import dev.entropic.transport.GroundCost;
import dev.entropic.transport.OnlineLogSinkhorn;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

public class OnlineBench {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int iters = Integer.parseInt(args[2]);
        UniformRandomProvider rng = Rng.seeded(0);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] x = new double[n][d];
        double[][] y = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = g.sample();
                y[i][k] = g.sample() + 1;
            }
        }
        EmpiricalDistribution ex = EmpiricalDistribution.of(x);
        EmpiricalDistribution ey = EmpiricalDistribution.of(y);
        for (int threads : new int[] {1, 2}) {
            OnlineLogSinkhorn s = OnlineLogSinkhorn.withDefaults().withEpsilon(0.1).withMaxIterations(iters).withParallelism(threads);
            OnlineLogSinkhorn.Result r = s.solve(ex, ey, GroundCost.squaredEuclidean());
            // an iteration = two c-transforms; the run also has one initial pair and a final totals pass
            System.out.printf(Locale.ROOT, "n=%d d=%d threads=%d: %d iterations in %.2f s (%.3f s per iteration incl. setup), "
                    + "marginal error %.2e, memory O(n)%n", n, d, threads, r.iterations(), r.seconds(),
                    r.seconds() / (r.iterations() + 1.5), r.marginalError());
        }
    }
}
