package dev.entropic.bench;

import dev.entropic.core.Rng;
import dev.entropic.estimators.BandwidthMatrix;
import dev.entropic.estimators.Kernel;
import dev.entropic.estimators.KernelDensity;
import dev.entropic.estimators.MultivariateKernelDensity;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact d-D gaussian KDE (scott bandwidth) of {@code n} standard-normal points at {@code m}
 * queries: {@link #exact} ({@link MultivariateKernelDensity}, blocked log-sum-exp with the table
 * exponential, parallel over query blocks, fit included) against {@link #naive}, the textbook
 * double loop {@code Σ_i exp(-½‖L⁻¹(q - x_i)‖²)} with {@code Math.exp} on one thread over the
 * same whitened arrays (the form of scipy's {@code gaussian_kernel_estimate}), and {@link #fft}
 * (2-D binned, d = 2 only). The peer comparison with scipy is bench/scripts/kde_multi_vs_scipy.py.
 *
 * <p>Run: {@code java -jar bench/target/entropic-bench.jar MultivariateKernelDensityBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class MultivariateKernelDensityBenchmark {
    /** The dimension. */
    @Param({"2", "5"})
    public int d;

    /** The number of data points. */
    @Param({"20000"})
    public int n;

    /** The number of queries. */
    @Param({"2000"})
    public int m;

    private double[][] x;
    private double[][] q;
    private double[] zx;
    private double[] zq;

    /** Seeded inputs and, for the baseline, the whitened arrays. */
    @Setup
    public void setup() {
        UniformRandomProvider rng = Rng.seeded(20261123L);
        x = new double[n][d];
        q = new double[m][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = normal(rng);
            }
        }
        for (double[] row : q) {
            for (int k = 0; k < d; k++) {
                row[k] = normal(rng);
            }
        }
        double[][] h = BandwidthMatrix.scott().select(x, null);
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = h[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        zx = whiten(x, l);
        zq = whiten(q, l);
    }

    private static double normal(UniformRandomProvider rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static double[] whiten(double[][] a, double[][] l) {
        int d = l.length;
        double[] z = new double[a.length * d];
        for (int r = 0; r < a.length; r++) {
            for (int i = 0; i < d; i++) {
                double s = a[r][i];
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * z[r * d + k];
                }
                z[r * d + i] = s / l[i][i];
            }
        }
        return z;
    }

    /** entropic, exact, fit included. */
    @Benchmark
    public double[] exact() {
        return MultivariateKernelDensity.of(x, null, BandwidthMatrix.scott(), Kernel.GAUSSIAN)
            .densities(q, KernelDensity.Method.EXACT);
    }

    /** entropic, 2-D FFT binned (d = 2; for d = 5 it returns the exact densities, not measured meaningfully). */
    @Benchmark
    public double[] fft() {
        MultivariateKernelDensity kde = MultivariateKernelDensity.of(x, null, BandwidthMatrix.scott(), Kernel.GAUSSIAN);
        return kde.densities(q, d <= 2 ? KernelDensity.Method.FFT : KernelDensity.Method.EXACT);
    }

    /** The naive single-threaded double loop (unnormalised sums) over pre-whitened arrays. */
    @Benchmark
    public double[] naive() {
        double[] out = new double[m];
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double r = 0;
                for (int k = 0; k < d; k++) {
                    double u = zq[j * d + k] - zx[i * d + k];
                    r += u * u;
                }
                s += Math.exp(-0.5 * r);
            }
            out[j] = s;
        }
        return out;
    }
}
