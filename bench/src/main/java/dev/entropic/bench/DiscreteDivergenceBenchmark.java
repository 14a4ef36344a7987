package dev.entropic.bench;

import dev.entropic.core.DiscreteDistribution;
import dev.entropic.core.Rng;
import dev.entropic.divergences.Divergence;
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
 * The exact discrete divergence engine, {@code Divergence.between}, for every kind and support size,
 * against a naive one-pass baseline. Four benchmarks per (kind, n, shape), from most to least work:
 * <ul>
 *   <li>{@link #arrays}: {@code between(double[], double[])}, the public entry on raw vectors:
 *       validates both, copies and normalises them into {@code DiscreteDistribution}s (which also
 *       compute every {@code ln p_i}), then evaluates;</li>
 *   <li>{@link #distributions}: {@code between(DiscreteDistribution, DiscreteDistribution)} on
 *       laws built once in the setup, the path of callers that hold distributions;</li>
 *   <li>{@link #kernel}: the evaluation loop alone, the compensated sum of
 *       {@code Divergence.term(p_i, q_i)} followed by {@code fromSum}, on the raw arrays (no
 *       validation, no copies): the cost of the careful, cancellation-free summands;</li>
 *   <li>{@link #naive}: {@link NaiveDivergence}, the textbook formula in one plain loop (for kl the
 *       naive {@code Σ p ln(p/q)}), the speed floor.</li>
 * </ul>
 * So {@code arrays − distributions} is the price of validation and copying,
 * {@code distributions − kernel} the copies that {@code between} makes of the probability vectors,
 * and {@code kernel / naive} the price of the numerics.
 *
 * <p>Inputs ({@code shape}): {@code independent} draws p and q independently from Dirichlet(1, …, 1)
 * (seeded, see {@link BenchData}); {@code close} draws p and sets {@code q ∝ p·(1 + 0.01 u)} with
 * {@code u} uniform on [−1, 1], so every ratio p/q is within 1% of 1 and the small-argument series
 * (kl, js, jeffreys, alpha, renyi) are the branch taken. The order {@code alpha} is used by the
 * alpha and renyi kinds only.
 *
 * <p>Run: {@code java -jar bench/target/entropic-bench.jar DiscreteDivergenceBenchmark -p n=1000000}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class DiscreteDivergenceBenchmark {
    /** The seed of the inputs. */
    static final long SEED = 20261122L;

    /** The kind, by its command-line name. */
    @Param({"kl", "reverse-kl", "js", "squared-hellinger", "hellinger", "tv", "chi2", "neyman-chi2",
            "jeffreys", "triangular", "alpha", "renyi"})
    public String kind;

    /** The support size. */
    @Param({"1000", "1000000"})
    public int n;

    /** {@code independent} or {@code close} (p/q within 1% of 1). */
    @Param({"independent", "close"})
    public String shape;

    /** The order of alpha and renyi (ignored by the other kinds). */
    @Param({"0.5"})
    public double alpha;

    private Divergence divergence;
    private double[] p;
    private double[] q;
    private DiscreteDistribution pDistribution;
    private DiscreteDistribution qDistribution;

    /** Builds the seeded inputs. */
    @Setup
    public void setUp() {
        divergence = Divergence.of(kind, alpha);
        double[][] pq = inputs(shape, SEED, n);
        p = pq[0];
        q = pq[1];
        pDistribution = DiscreteDistribution.ofProbabilities(p);
        qDistribution = DiscreteDistribution.ofProbabilities(q);
    }

    /** The inputs of {@code shape} ({@code independent} or {@code close}); see the class comment. */
    static double[][] inputs(String shape, long seed, int n) {
        switch (shape) {
            case "independent":
                return BenchData.pair(seed, n);
            case "close": {
                UniformRandomProvider rng = Rng.seeded(seed);
                double[] p = BenchData.dirichlet(rng, n);
                double[] w = new double[n];
                for (int i = 0; i < n; i++) {
                    w[i] = p[i] * (1 + 0.01 * (2 * rng.nextDouble() - 1));
                }
                return new double[][] {p, DiscreteDistribution.ofWeights(w).probabilities()};
            }
            default:
                throw new IllegalArgumentException("shape must be independent or close: " + shape);
        }
    }

    /** {@code Divergence.between(double[], double[])}: validation, copies, evaluation. */
    @Benchmark
    public double arrays() {
        return divergence.between(p, q);
    }

    /** {@code Divergence.between(DiscreteDistribution, DiscreteDistribution)} on prebuilt laws. */
    @Benchmark
    public double distributions() {
        return divergence.between(pDistribution, qDistribution);
    }

    /** The evaluation loop alone: compensated {@code Σ term(p_i, q_i)}, then {@code fromSum}. */
    @Benchmark
    public double kernel() {
        return kernel(divergence, p, q);
    }

    /** The naive textbook loop. */
    @Benchmark
    public double naive() {
        return NaiveDivergence.evaluate(divergence.kind(), alpha, p, q);
    }

    /**
     * The loop of {@code Divergence.between} (Neumaier-compensated sum of the summands, stopping at
     * +∞), without its validation and copies. It mirrors the general path of the engine; renyi of
     * order 0, which the engine evaluates separately, is not covered.
     */
    static double kernel(Divergence d, double[] p, double[] q) {
        double s = 0;
        double c = 0;
        for (int i = 0; i < p.length; i++) {
            double x = d.term(p[i], q[i]);
            if (x == Double.POSITIVE_INFINITY) {
                return Double.POSITIVE_INFINITY;
            }
            double t = s + x;
            c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
            s = t;
        }
        return d.fromSum(s + c);
    }
}
