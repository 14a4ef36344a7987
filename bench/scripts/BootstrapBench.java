import dev.entropic.calibration.CalibrationError;
import dev.entropic.core.Rng;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Bootstrap ECE (top-label, L1, 15 equal-width bins) on n = 10^6 binary-or-multiclass predictions
 * with 1000 resamples. Build first:
 *   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -o -q -pl calibration -am install -DskipTests
 * Run from the repository root:
 *   $JAVA_HOME/bin/java -cp calibration/target/classes:core/target/classes:$HOME/.m2/repository/org/apache/commons/commons-rng-client-api/1.6/commons-rng-client-api-1.6.jar:$HOME/.m2/repository/org/apache/commons/commons-rng-core/1.6/commons-rng-core-1.6.jar:$HOME/.m2/repository/org/apache/commons/commons-rng-simple/1.6/commons-rng-simple-1.6.jar bench/scripts/BootstrapBench.java [n] [resamples] [k]
 * Prints seconds for one bootstrap (after one warm-up with 20 resamples) and the interval.
 */
public class BootstrapBench {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int resamples = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        UniformRandomProvider rng = Rng.seeded(1);
        double[][] p = new double[n][k];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(k);
            double sum = 0;
            for (int j = 0; j < k; j++) {
                p[i][j] = rng.nextDouble() + (j == y[i] ? 1.0 : 0);
                sum += p[i][j];
            }
            for (int j = 0; j < k; j++) {
                p[i][j] /= sum;
            }
        }
        CalibrationError ce = CalibrationError.withDefaults();
        ce.bootstrap(p, y, 20, 0.9, Rng.seeded(2));
        long t0 = System.nanoTime();
        CalibrationError.Interval iv = ce.bootstrap(p, y, resamples, 0.9, Rng.seeded(3));
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("n=%d k=%d resamples=%d seconds=%.2f %s%n", n, k, resamples, s, iv);
    }
}
