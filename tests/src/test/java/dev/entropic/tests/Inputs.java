package dev.entropic.tests;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.entropic.core.Numerics;
import dev.entropic.divergences.Divergence;
import dev.entropic.divergences.DivergenceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Random probability vectors for the property tests, built from QuickTheories generators (so
 * QuickTheories can shrink a failure), and the configuration every property runs with.
 *
 * <p>Supports have 2 to 10⁴ points, skewed to small: 2–10 (50%), 11–100 (30%), 101–1000 (15%),
 * 1001–10⁴ (5%). Each mass is drawn as exactly 0 (12%), near zero, m·10^e with e in [−320, −12]
 * so subnormals included (10%), or a cube of a uniform (78%, a spread of magnitudes); the
 * weights are then normalised. Pairs are independent (35%), a relative perturbation
 * {@code q_i = p_i(1 + δu_i)} with δ = 10^−k, k in 1..12 (30%), independent but with p's zeros
 * (15%), nearly disjoint (q has only a leakage 10^−k, k in 5..300, where p ≥ 1/n; 10%), or
 * identical (10%).
 *
 * <p>Every property runs with the seed {@code -DQT_SEED=…} (default {@link #DEFAULT_SEED}); a
 * failure prints QuickTheories' "Seed was …" line and the falsifying input with
 * {@link Vectors#toString()}, so it can be replayed with {@code ./mvnw -pl tests -am verify
 * -DQT_SEED=…}.
 */
final class Inputs {
    /** The default seed of every property (deterministic CI); override with -DQT_SEED. */
    static final long DEFAULT_SEED = 20261122L;
    /** Shrink cycles allowed after a failure (inputs can be large; keep the report fast). */
    static final int SHRINK_CYCLES = 200;

    private Inputs() {
    }

    /** {@code qt()} with the seed (from -DQT_SEED or the default) and {@code examples} tries. */
    static QuickTheory qt(int examples) {
        return QuickTheory.qt()
                .withFixedSeed(Long.getLong("QT_SEED", DEFAULT_SEED))
                .withExamples(examples)
                .withShrinkCycles(SHRINK_CYCLES);
    }

    /** Support sizes 2..10⁴, skewed to small. */
    static Gen<Integer> sizes() {
        return Generate.frequency(List.of(
                Pair.of(50, Generate.range(2, 10)),
                Pair.of(30, Generate.range(11, 100)),
                Pair.of(15, Generate.range(101, 1000)),
                Pair.of(5, Generate.range(1001, 10_000))));
    }

    /** One unnormalised mass: exactly zero, near zero (down to subnormal), or ordinary. */
    static Gen<Double> masses() {
        // One draw per mass (QuickTheories' draws dominate the run time): the low bits of a long in
        // [0, 2^53) pick the category, the rest the value. Shrinks towards 0, an exact zero.
        return Generate.longRange(0, (1L << 53) - 1).map(Inputs::mass);
    }

    /** Decodes a draw: x mod 100 &lt; 12 → 0; &lt; 22 → m·10^e, e in [−320, −12]; else u³, u uniform. */
    static double mass(long x) {
        int category = (int) (x % 100);
        long rest = x / 100; // about 2^46 values
        double u = (rest & ((1L << 40) - 1)) / (double) (1L << 40);
        if (category < 12) {
            return 0;
        }
        if (category < 22) {
            int e = -320 + (int) ((rest >>> 40) % 309);
            return (1 + 9 * u) * Math.pow(10, e);
        }
        return u * u * u;
    }

    /** A probability vector of size {@code n}. */
    static Gen<double[]> vectors(int n) {
        return lists().of(masses()).ofSize(n).map(Inputs::normalise);
    }

    static double[] normalise(List<Double> weights) {
        double[] w = new double[weights.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.get(i);
        }
        return normalise(w);
    }

    /** w / Σw (compensated sum); an all-zero w becomes a point mass at 0. */
    static double[] normalise(double[] w) {
        double total = Numerics.sum(w);
        double[] p = new double[w.length];
        if (!(total > 0)) {
            p[0] = 1;
            return p;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = w[i] / total;
        }
        return p;
    }

    /** q_i = p_i (1 + δ u_i), renormalised. */
    static double[] perturb(double[] p, double delta, List<Double> u) {
        double[] q = new double[p.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = p[i] * (1 + delta * u.get(i));
        }
        return normalise(q);
    }

    /** A vector related to {@code p}: independent, perturbed, independent on p's support, or p itself. */
    static Gen<Related> relatedTo(double[] p) {
        int n = p.length;
        Gen<Related> independent = vectors(n).map(q -> new Related(q, "independent"));
        Gen<Related> perturbed = Generate.range(1, 12).zip(lists().of(doubles().between(-1, 1)).ofSize(n),
                (k, u) -> new Related(perturb(p, Math.pow(10, -k), u), "perturbed q_i = p_i(1 + 1e-" + k + " u_i)"));
        Gen<Related> sharedZeros = vectors(n).map(q -> {
            double[] w = q.clone();
            for (int i = 0; i < n; i++) {
                if (p[i] == 0) {
                    w[i] = 0;
                }
            }
            return new Related(normalise(w), "independent with p's zeros");
        });
        Gen<Related> identical = Generate.constant(() -> new Related(p.clone(), "identical"));
        // Mass where p has little (below 1/n), and only a leakage 10^−k, k in 5..300, where p has much.
        Gen<Related> nearlyDisjoint = Generate.range(5, 300).zip(vectors(n), (k, w) -> {
            double leak = Math.pow(10, -k);
            double[] x = w.clone();
            for (int i = 0; i < n; i++) {
                if (p[i] >= 1.0 / n) {
                    x[i] *= leak;
                }
            }
            return new Related(normalise(x), "nearly disjoint from p (leakage 1e-" + k + " where p ≥ 1/n)");
        });
        return Generate.frequency(List.of(Pair.of(35, independent), Pair.of(30, perturbed),
                Pair.of(15, sharedZeros), Pair.of(10, nearlyDisjoint), Pair.of(10, identical)));
    }

    /** A vector and how it relates to the one it was drawn against. */
    record Related(double[] q, String how) {
    }

    /** Pairs (p, q) on a common support. */
    static Gen<Vectors> pairs() {
        return sizes().flatMap(n -> vectors(n).flatMap(p -> relatedTo(p).map(r -> new Vectors("q " + r.how(), p, r.q()))));
    }

    /** Triples (p, q, r): q related to p, r related to q. */
    static Gen<Vectors> triples() {
        return pairs().flatMap(pq -> relatedTo(pq.get(1)).map(r ->
                new Vectors(pq.description() + "; r " + r.how() + " (to q)", pq.get(0), pq.get(1), r.q())));
    }

    /** Two pairs (p1, q1), (p2, q2) on a common support. */
    static Gen<Vectors> twoPairs() {
        return sizes().flatMap(n -> vectors(n).flatMap(p1 -> relatedTo(p1).flatMap(q1 -> vectors(n).flatMap(p2 ->
                relatedTo(p2).map(q2 -> new Vectors("q1 " + q1.how() + "; q2 " + q2.how(), p1, q1.q(), p2, q2.q()))))));
    }

    /** A pair and a random merge of support points: point i goes to cell groups[i] of m cells. */
    static Gen<Merge> merges() {
        return pairs().flatMap(pq -> Generate.range(1, Math.max(1, pq.size() - 1)).flatMap(m ->
                lists().of(Generate.range(0, m - 1)).ofSize(pq.size()).map(g -> {
                    int[] groups = new int[g.size()];
                    for (int i = 0; i < groups.length; i++) {
                        groups[i] = g.get(i);
                    }
                    return new Merge(pq, m, groups);
                })));
    }

    /** A pair with a support merge; {@link #merge(double[])} applies it. */
    record Merge(Vectors pair, int cells, int[] groups) {
        double[] merge(double[] p) {
            // Compensated per cell: two running sums per cell.
            double[] s = new double[cells];
            double[] c = new double[cells];
            for (int i = 0; i < p.length; i++) {
                int j = groups[i];
                double t = s[j] + p[i];
                c[j] += Math.abs(s[j]) >= Math.abs(p[i]) ? (s[j] - t) + p[i] : (p[i] - t) + s[j];
                s[j] = t;
            }
            for (int j = 0; j < cells; j++) {
                s[j] += c[j];
            }
            return s;
        }

        @Override
        public String toString() {
            return pair + String.format(Locale.ROOT, "%n  merged into %d cells: groups=%s", cells, Vectors.brief(groups));
        }
    }

    /**
     * Probability vectors on a common support, with a readable description: how they were drawn,
     * the size, the counts of zero and near-zero (&lt; 1e-12) masses, and the vectors (all entries up
     * to 24 points; else the first and last 8, with the position and value of the smallest
     * positive mass).
     */
    record Vectors(String description, double[]... vectors) {
        double[] get(int i) {
            return vectors[i];
        }

        int size() {
            return vectors[0].length;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%n  %d points; %s", size(), description));
            String[] names = vectors.length == 2 ? new String[] {"p", "q"}
                    : vectors.length == 3 ? new String[] {"p", "q", "r"}
                    : vectors.length == 4 ? new String[] {"p1", "q1", "p2", "q2"} : null;
            for (int k = 0; k < vectors.length; k++) {
                double[] v = vectors[k];
                int zeros = 0;
                int tiny = 0;
                int argmin = -1;
                for (int i = 0; i < v.length; i++) {
                    if (v[i] == 0) {
                        zeros++;
                    } else {
                        if (v[i] < 1e-12) {
                            tiny++;
                        }
                        if (argmin < 0 || v[i] < v[argmin]) {
                            argmin = i;
                        }
                    }
                }
                sb.append(String.format(Locale.ROOT, "%n  %s (%d zeros, %d below 1e-12, smallest positive at [%d]: %s): %s",
                        names == null ? "v" + k : names[k], zeros, tiny, argmin, argmin < 0 ? "-" : Double.toString(v[argmin]), brief(v)));
            }
            return sb.toString();
        }

        static String brief(double[] v) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < v.length; i++) {
                if (v.length > 24 && i == 8) {
                    sb.append("… ").append(v.length - 16).append(" more …, ");
                    i = v.length - 8;
                }
                sb.append(v[i]).append(i + 1 < v.length ? ", " : "]");
            }
            return sb.toString();
        }

        static String brief(int[] v) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            return brief(d).replace(".0", "");
        }
    }

    /** Every kind, with the orders used for alpha (α in {−1, −0.5, 0, 0.5, 0.999, 1, 2, 3}) and renyi. */
    static List<Divergence> allDivergences() {
        List<Divergence> out = new ArrayList<>();
        for (DivergenceKind k : DivergenceKind.values()) {
            if (!k.needsAlpha()) {
                out.add(Divergence.of(k));
            }
        }
        for (double a : ALPHA_ORDERS) {
            out.add(Divergence.alpha(a));
        }
        for (double a : RENYI_ORDERS) {
            out.add(Divergence.renyi(a));
        }
        return out;
    }

    static final double[] ALPHA_ORDERS = {-1, -0.5, 0, 0.5, 0.999, 1, 2, 3};
    static final double[] RENYI_ORDERS = {0, 0.25, 0.5, 0.999, 1, 2, 5};
}
