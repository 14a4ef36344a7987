package dev.entropic.bench;

import dev.entropic.core.DiscreteDistribution;
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
 * The pieces of {@code Divergence.between(double[], double[])} that do not depend on the kind:
 * building a {@code DiscreteDistribution} from a probability vector (validation, compensated total,
 * a normalised copy and {@code ln p_i} of every mass) and the defensive copy returned by
 * {@code probabilities()}; with a plain {@code clone()} and a plain sum as floors.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class DiscreteDistributionBenchmark {
    /** The support size. */
    @Param({"1000", "1000000"})
    public int n;

    private double[] p;
    private DiscreteDistribution distribution;

    /** Builds the seeded input. */
    @Setup
    public void setUp() {
        p = BenchData.pair(DiscreteDivergenceBenchmark.SEED, n)[0];
        distribution = DiscreteDistribution.ofProbabilities(p);
    }

    /** {@code DiscreteDistribution.ofProbabilities(p)}. */
    @Benchmark
    public DiscreteDistribution ofProbabilities() {
        return DiscreteDistribution.ofProbabilities(p);
    }

    /** {@code distribution.probabilities()} (a copy). */
    @Benchmark
    public double[] probabilities() {
        return distribution.probabilities();
    }

    /** Floor: {@code p.clone()}. */
    @Benchmark
    public double[] cloneBaseline() {
        return p.clone();
    }

    /** Floor: a plain uncompensated sum of {@code p}. */
    @Benchmark
    public double plainSumBaseline() {
        double s = 0;
        for (double x : p) {
            s += x;
        }
        return s;
    }
}
