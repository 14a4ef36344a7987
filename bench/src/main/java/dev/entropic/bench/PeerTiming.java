package dev.entropic.bench;

import dev.entropic.core.DiscreteDistribution;
import dev.entropic.divergences.Divergence;
import dev.entropic.divergences.DivergenceKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The Java side of {@code bench/scripts/divergence_vs_scipy.py}: reads two probability vectors from
 * {@code .npy} files, and for each requested kind warms the JIT up and then times
 * {@code Divergence.between} in-process, best of N, printing one JSON object on stdout.
 *
 * <p>Usage: {@code java -cp bench/target/entropic-bench.jar dev.entropic.bench.PeerTiming
 * --p p.npy --q q.npy [--kinds kl,js,...] [--alpha 0.5] [--repeats 20] [--warmup-seconds 2]}.
 *
 * <p>For each kind four timings are reported, in seconds, each the best of {@code repeats} single
 * calls measured with {@link System#nanoTime()}: {@code arrays} (the public
 * {@code between(double[], double[])}, validation and copies included, the like-for-like
 * comparison with a scipy call on arrays), {@code distributions} (on {@code DiscreteDistribution}s
 * built beforehand), {@code kernel} (the evaluation loop alone, see
 * {@link DiscreteDivergenceBenchmark}) and {@code naive} ({@link NaiveDivergence}). Reading the files,
 * JVM start-up and warm-up are excluded. Warm-up: before timing a kind, the four calls are
 * repeated in turn for {@code warmup-seconds} (and at least 5 rounds) so that they run C2-compiled
 * code; the kinds share one JVM, so later kinds run with the profile the earlier ones left (the
 * JMH benchmarks fork a fresh JVM per kind instead).
 */
public final class PeerTiming {
    /** Keeps the results alive so that the JIT cannot drop the timed calls. */
    private static volatile double sink;

    private PeerTiming() {
    }

    /** Runs the timings; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Path pFile = null;
        Path qFile = null;
        String kinds = null;
        double alpha = 0.5;
        int repeats = 20;
        double warmupSeconds = 2;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                usage("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--p":
                    pFile = Path.of(v);
                    break;
                case "--q":
                    qFile = Path.of(v);
                    break;
                case "--kinds":
                    kinds = v;
                    break;
                case "--alpha":
                    alpha = Double.parseDouble(v);
                    break;
                case "--repeats":
                    repeats = Integer.parseInt(v);
                    break;
                case "--warmup-seconds":
                    warmupSeconds = Double.parseDouble(v);
                    break;
                default:
                    usage("unknown option " + a);
            }
        }
        if (pFile == null || qFile == null) {
            usage("--p and --q are required");
        }
        if (repeats < 1) {
            usage("--repeats must be at least 1: " + repeats);
        }
        List<DivergenceKind> list = new ArrayList<>();
        if (kinds == null) {
            list.addAll(Arrays.asList(DivergenceKind.values()));
        } else {
            for (String k : kinds.split(",")) {
                list.add(DivergenceKind.fromName(k.trim()));
            }
        }
        double[] p = NpyVectors.read(pFile);
        double[] q = NpyVectors.read(qFile);
        System.out.println(run(p, q, list, alpha, repeats, warmupSeconds));
    }

    private static void usage(String message) {
        System.err.println("PeerTiming: " + message + "; usage: --p P.npy --q Q.npy [--kinds kl,js,...]"
                + " [--alpha A] [--repeats N] [--warmup-seconds S]");
        System.exit(2);
    }

    /** Times every kind of {@code kinds} on {@code p, q}; returns the JSON report. */
    static String run(double[] p, double[] q, List<DivergenceKind> kinds, double alpha, int repeats,
                      double warmupSeconds) {
        DiscreteDistribution pd = DiscreteDistribution.ofProbabilities(p);
        DiscreteDistribution qd = DiscreteDistribution.ofProbabilities(q);
        StringBuilder json = new StringBuilder();
        json.append("{\"n\":").append(p.length)
                .append(",\"java\":").append(quote(System.getProperty("java.version")))
                .append(",\"vm\":").append(quote(System.getProperty("java.vm.name")))
                .append(",\"repeats\":").append(repeats)
                .append(",\"warmupSeconds\":").append(number(warmupSeconds))
                .append(",\"results\":[");
        for (int k = 0; k < kinds.size(); k++) {
            DivergenceKind kind = kinds.get(k);
            Divergence d = kind.needsAlpha() ? Divergence.of(kind, alpha) : Divergence.of(kind);
            DoubleSupplier[] calls = {
                () -> d.between(p, q),
                () -> d.between(pd, qd),
                () -> DiscreteDivergenceBenchmark.kernel(d, p, q),
                () -> NaiveDivergence.evaluate(kind, alpha, p, q),
            };
            warmUp(calls, warmupSeconds);
            double[] best = new double[calls.length];
            double[] values = new double[calls.length];
            for (int c = 0; c < calls.length; c++) {
                best[c] = Double.POSITIVE_INFINITY;
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    double v = calls[c].getAsDouble();
                    long t1 = System.nanoTime();
                    sink += v;
                    values[c] = v;
                    best[c] = Math.min(best[c], (t1 - t0) * 1e-9);
                }
            }
            json.append(k == 0 ? "" : ",")
                    .append("{\"kind\":").append(quote(kind.cliName()))
                    .append(",\"alpha\":").append(kind.needsAlpha() ? number(alpha) : "null")
                    .append(",\"value\":").append(number(values[0]))
                    .append(",\"distributionsValue\":").append(number(values[1]))
                    .append(",\"naiveValue\":").append(number(values[3]))
                    .append(",\"arraysSeconds\":").append(number(best[0]))
                    .append(",\"distributionsSeconds\":").append(number(best[1]))
                    .append(",\"kernelSeconds\":").append(number(best[2]))
                    .append(",\"naiveSeconds\":").append(number(best[3]))
                    .append('}');
        }
        return json.append("]}").toString();
    }

    private static void warmUp(DoubleSupplier[] calls, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int rounds = 0;
        while (rounds < 5 || System.nanoTime() < end) {
            for (DoubleSupplier call : calls) {
                sink += call.getAsDouble();
            }
            rounds++;
        }
    }

    private static String number(double x) {
        if (Double.isNaN(x)) {
            return "\"NaN\"";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        }
        return Double.toString(x);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
