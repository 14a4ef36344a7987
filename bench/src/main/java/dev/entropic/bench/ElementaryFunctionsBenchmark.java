package dev.entropic.bench;

import dev.entropic.core.Numerics;
import java.util.concurrent.TimeUnit;
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
 * The per-element price of the functions that divergence summands are built from, each summed over
 * a seeded array of {@code n} ratios {@code r = p/q} of two Dirichlet(1) vectors (so the arguments
 * are those the engine sees): {@code Math.log}, {@code Math.log1p}, {@code Math.exp},
 * {@code Math.pow} (a general exponent and 0.5), {@code Math.sqrt}, a division, and core's
 * {@code Numerics.onePlusXLogOnePlusXMinusX} (the kl summand). Divide the score by {@code n} for
 * nanoseconds per call; {@link #sum} is the floor of the loop itself.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ElementaryFunctionsBenchmark {
    /** The number of arguments. */
    @Param({"1000000"})
    public int n;

    private double[] r;
    private double exponent = 0.3;
    private double half = 0.5;

    /** Builds the ratios. */
    @Setup
    public void setUp() {
        double[][] pq = BenchData.pair(DiscreteDivergenceBenchmark.SEED, n);
        r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = pq[0][i] / pq[1][i];
        }
    }

    /** Floor: a plain sum of the ratios. */
    @Benchmark
    public double sum() {
        double s = 0;
        for (double x : r) {
            s += x;
        }
        return s;
    }

    /** Σ 1/r. */
    @Benchmark
    public double divide() {
        double s = 0;
        for (double x : r) {
            s += 1 / x;
        }
        return s;
    }

    /** Σ √r. */
    @Benchmark
    public double sqrt() {
        double s = 0;
        for (double x : r) {
            s += Math.sqrt(x);
        }
        return s;
    }

    /** Σ ln r. */
    @Benchmark
    public double log() {
        double s = 0;
        for (double x : r) {
            s += Math.log(x);
        }
        return s;
    }

    /** Σ ln(1 + (r − 1)) via {@code log1p}. */
    @Benchmark
    public double log1p() {
        double s = 0;
        for (double x : r) {
            s += Math.log1p(x - 1);
        }
        return s;
    }

    /** Σ exp(−r). */
    @Benchmark
    public double exp() {
        double s = 0;
        for (double x : r) {
            s += Math.exp(-x);
        }
        return s;
    }

    /** Σ r^0.3 via {@code pow} (a general exponent, read from a field). */
    @Benchmark
    public double pow() {
        double s = 0;
        double e = exponent;
        for (double x : r) {
            s += Math.pow(x, e);
        }
        return s;
    }

    /**
     * Σ r^0.5 via {@code pow}: HotSpot's pow stub turns an exponent of 0.5 into a square root (as
     * numpy's {@code **0.5} does), so α = 0.5 is the cheapest order for alpha and renyi.
     */
    @Benchmark
    public double powHalf() {
        double s = 0;
        double e = half;
        for (double x : r) {
            s += Math.pow(x, e);
        }
        return s;
    }

    /** Σ φ(r − 1), the kl summand {@code (1+x)ln(1+x) − x} of core. */
    @Benchmark
    public double klSummand() {
        double s = 0;
        for (double x : r) {
            s += Numerics.onePlusXLogOnePlusXMinusX(x - 1);
        }
        return s;
    }
}
