// Reproduces the headline of Tang et al. (ICLR 2024, arXiv:2401.12253) on their random assignment
// problem: n = 500, cost C_ij i.i.d. uniform on [0, 1], uniform marginals, η = 1/ε = 1200.
// Run (after ./mvnw -pl transport -am install -DskipTests):
//   java -cp transport/target/classes:core/target/classes:<commons-rng-client-api jar> bench/scripts/SnsRandomAssignment.java [n] [eta] [seed] [tol]
// Prints Sinkhorn (stabilised log-domain) and SNS iteration counts, times and the agreement of the two solutions.
import dev.entropic.core.Rng;
import dev.entropic.transport.CostMatrix;
import dev.entropic.transport.LogSinkhorn;
import dev.entropic.transport.SinkhornNewtonSparse;
import dev.entropic.transport.TransportProblem;
import dev.entropic.transport.TransportResult;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;

public class SnsRandomAssignment {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        double eta = args.length > 1 ? Double.parseDouble(args[1]) : 1200;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        double tol = args.length > 3 ? Double.parseDouble(args[3]) : 1e-9;
        UniformRandomProvider rng = Rng.seeded(seed);
        double[] c = new double[n * n];
        for (int k = 0; k < c.length; k++) {
            c[k] = rng.nextDouble();
        }
        TransportProblem p = TransportProblem.uniform(CostMatrix.of(c, n, n));
        double eps = 1 / eta;
        TransportResult sns = SinkhornNewtonSparse.withDefaults().withEpsilon(eps).withTolerance(tol).solve(p);
        TransportResult sk = LogSinkhorn.withDefaults().withEpsilon(eps).withTolerance(tol).withMaxIterations(1_000_000).solve(p);
        System.out.printf(Locale.ROOT, "random assignment n=%d eta=%.0f tol=%.0e (L1 marginal error)%n", n, eta, tol);
        System.out.printf(Locale.ROOT, "%-28s %10s %8s %10s %12s %22s%n", "method", "sinkhorn", "newton", "seconds", "marg.err", "cost <P,C>");
        print("Sinkhorn (log, stabilised)", sk);
        print("Sinkhorn-Newton-Sparse", sns);
        double[] a = sk.plan().toDenseArray();
        double[] b = sns.plan().toDenseArray();
        double d = 0;
        for (int k = 0; k < a.length; k++) {
            d += Math.abs(a[k] - b[k]);
        }
        System.out.printf(Locale.ROOT, "L1 distance between the two plans: %.3e; |cost difference| %.3e%n", d, Math.abs(sk.cost() - sns.cost()));
    }

    static void print(String name, TransportResult r) {
        System.out.printf(Locale.ROOT, "%-28s %10d %8d %10.3f %12.3e %22.15f %s%n", name, r.iterations(), r.newtonIterations(), r.seconds(),
                r.marginalError(), r.cost(), r.converged() ? "" : "(NOT converged)");
    }
}
