package dev.entropic.divergences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entropic.core.DiscreteDistribution;
import dev.entropic.divergences.DiscreteReference.Case;
import dev.entropic.divergences.DiscreteReference.Reference;
import dev.entropic.divergences.DiscreteReference.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Discrete divergences against {@code reference/discrete_divergences.json}: the mpmath 50-digit
 * truth (the textbook definitions on the exactly normalised inputs) and scipy 1.10.1. The cases
 * include exact zeros, masses down to 1e-300 and a subnormal, nearly disjoint supports, sizes 2 to
 * 1000, and p≈q pairs with relative perturbations 1e-3 … 1e-10. Figures are published with
 * {@link TestReporter} and written to {@code target/reference-agreement/discrete_divergences.txt}.
 */
class DiscreteReferenceTest {
    /** Relative agreement with the 50-digit truth required of every finite value. */
    static final double RELATIVE_TOLERANCE = 1e-9;
    /**
     * The inputs are doubles summing to 1 only within an ulp, η = |Σp − 1| + |Σq − 1| (computed
     * exactly per case); the truth normalises them exactly. Every kind but tv is a generalised
     * f-divergence (f(1) = f'(1) = 0), which moves by a relative η plus an absolute O(η²) under that
     * renormalisation; tv moves by up to η. The absolute floor is {@code NORMALISATION_FACTOR} times
     * η² (η for tv): in effect none except for tv on p≈q pairs.
     */
    static final double NORMALISATION_FACTOR = 4;
    /**
     * Absolute floor when comparing with scipy: its double formulas such as 1 − Σ√(pq) or
     * −ln Σq carry an absolute rounding error of a few ulps of 1.
     */
    static final double PEER_ABSOLUTE_TOLERANCE = 1e-15;

    private static Reference reference;

    @BeforeAll
    static void load() {
        reference = DiscreteReference.load();
    }

    /** The figures of the run, written to {@link #FIGURES} after the class (for the report). */
    private static final Map<String, String> figures = new java.util.concurrent.ConcurrentSkipListMap<>();
    /** Where the agreement figures are written (module-relative; surefire runs in the module). */
    static final java.nio.file.Path FIGURES = java.nio.file.Path.of("target", "reference-agreement", "discrete_divergences.txt");

    private static void figure(TestReporter reporter, String key, String value) {
        figures.put(key, value);
        reporter.publishEntry(key, value);
    }

    @AfterAll
    static void writeFigures() throws java.io.IOException {
        java.nio.file.Files.createDirectories(FIGURES.getParent());
        StringBuilder sb = new StringBuilder("# " + DiscreteReference.RESOURCE + " " + reference.versions() + "\n");
        figures.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        java.nio.file.Files.writeString(FIGURES, sb.toString());
    }

    /**
     * Absolute floor for a truth in (or near) the subnormal range, where doubles are spaced by
     * {@link Double#MIN_VALUE} (4.9e-324) and a sum of up to 10⁴ subnormal summands carries that
     * many spacings: values below about 5e-311 are checked to within 5e-320.
     */
    static final double SUBNORMAL_TOLERANCE = 1e4 * Double.MIN_VALUE;

    private static double floor(String kind, Case c) {
        double eta = c.normalisationError();
        return Math.max(SUBNORMAL_TOLERANCE, NORMALISATION_FACTOR * (kind.equals("tv") ? eta : eta * eta));
    }

    /**
     * The error relative to {@code max(|truth|, floor/RELATIVE_TOLERANCE)}: the plain relative error
     * except where the absolute floor governs; {@code ≤ RELATIVE_TOLERANCE} is agreement. An
     * infinite truth requires +∞ (error 0, else ∞).
     */
    private static double error(double value, double truth, double floor) {
        if (Double.isInfinite(truth)) {
            return value == truth ? 0 : Double.POSITIVE_INFINITY;
        }
        double err = Math.abs(value - truth) / Math.max(Math.abs(truth), floor / RELATIVE_TOLERANCE);
        return Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
    }

    private static double error(double value, Value v, Case c) {
        return error(value, v.truth(), floor(v.kind(), c));
    }

    @Test
    void inputsReachTheEngineUnchanged() {
        // The script makes every vector's compensated sum exactly 1, so normalisation is exact and
        // the truth (computed on these doubles) is the truth of what the engine sees.
        for (Case c : reference.cases()) {
            assertArrayEquals(c.p(), DiscreteDistribution.ofProbabilities(c.p()).probabilities(), 0, c.name());
            assertArrayEquals(c.q(), DiscreteDistribution.ofProbabilities(c.q()).probabilities(), 0, c.name());
        }
    }

    @Test
    void everyKindAgreesWithTheMpmathTruth(TestReporter reporter) {
        List<String> failures = new ArrayList<>();
        Map<String, Double> worstByKind = new TreeMap<>();
        int count = 0;
        for (Case c : reference.cases()) {
            for (Value v : c.values()) {
                double value = v.divergence().between(c.p(), c.q());
                double err = error(value, v, c);
                worstByKind.merge(v.label(), err, Math::max);
                count++;
                if (!(err <= RELATIVE_TOLERANCE)) {
                    failures.add(String.format(Locale.ROOT, "%s %s: entropic %s, truth %s, error %.3g",
                            c.name(), v.label(), value, v.truth(), err));
                }
            }
        }
        figure(reporter, "values checked against mpmath", Integer.toString(count));
        figure(reporter, "max relative error vs mpmath (absolute below the per-case floor)",
                String.format(Locale.ROOT, "%.3g", worstByKind.values().stream().mapToDouble(x -> x).max().orElse(0)));
        worstByKind.forEach((k, e) -> figure(reporter, "max error vs mpmath " + k, String.format(Locale.ROOT, "%.3g", e)));
        assertTrue(count > 1000, "too few reference values: " + count);
        assertTrue(failures.isEmpty(), failures.size() + " of " + count + " values disagree with mpmath "
                + reference.versions() + ":\n" + String.join("\n", failures));
    }

    /**
     * The peer: wherever scipy 1.10.1 returns a finite number on a case without p≈q perturbation
     * and without subnormal masses or supports disjoint up to a tiny leakage (where scipy's
     * intermediate p/q overflows, or Σ p^α q^(1−α) cancels; there its disagreements with the truth
     * are counted and published),
     * our value agrees with it within {@link #RELATIVE_TOLERANCE} (relative to scipy's value, with
     * the absolute floor {@link #PEER_ABSOLUTE_TOLERANCE}). Where scipy returns ±∞ or NaN and the truth differs (its
     * direct formulas overflow on subnormal masses, and power_divergence returns NaN on zero
     * observed masses with λ &lt; 0) the count is published. On p≈q pairs scipy's formulas cancel;
     * its error there is published, not asserted (see {@link #nearlyEqualPairsKeepTheirDigits}).
     */
    @Test
    void agreesWithScipyWhereScipyReturnsANumber(TestReporter reporter) {
        Map<String, Double> scipyWell = new TreeMap<>();
        Map<String, Double> scipyNear = new TreeMap<>();
        Map<String, Integer> scipyNotFinite = new TreeMap<>();
        Map<String, Integer> scipyOffOnHardInputs = new TreeMap<>();
        double worstOursVsScipy = 0;
        int compared = 0;
        List<String> failures = new ArrayList<>();
        for (Case c : reference.cases()) {
            boolean nearlyEqual = !Double.isNaN(c.perturbation());
            // Inputs outside the domain of scipy's double formulas: subnormal masses (p/q overflows)
            // and supports disjoint up to a leakage far below 1e-16 (Σ p^α q^(1−α) cancels).
            boolean hard = hasSubnormal(c.p()) || hasSubnormal(c.q()) || c.name().startsWith("disjoint up to leakage");
            for (Value v : c.values()) {
                double ours = v.divergence().between(c.p(), c.q());
                for (Map.Entry<String, Double> peer : v.peers().entrySet()) {
                    double s = peer.getValue();
                    String key = v.label() + " " + peer.getKey();
                    if (hard) {
                        if (!(error(s, v.truth(), PEER_ABSOLUTE_TOLERANCE) <= RELATIVE_TOLERANCE)) {
                            scipyOffOnHardInputs.merge(key, 1, Integer::sum);
                        }
                        continue;
                    }
                    if (!Double.isFinite(s)) {
                        if (s != v.truth()) {
                            scipyNotFinite.merge(key, 1, Integer::sum);
                        }
                        continue;
                    }
                    // Well-conditioned cases: scipy's error with the peer floor; p≈q: purely relative.
                    (nearlyEqual ? scipyNear : scipyWell).merge(key,
                            error(s, v.truth(), nearlyEqual ? floor(v.kind(), c) : PEER_ABSOLUTE_TOLERANCE), Math::max);
                    if (nearlyEqual) {
                        continue;
                    }
                    compared++;
                    double err = error(ours, s, PEER_ABSOLUTE_TOLERANCE);
                    worstOursVsScipy = Math.max(worstOursVsScipy, err);
                    if (!(err <= RELATIVE_TOLERANCE)) {
                        failures.add(String.format(Locale.ROOT, "%s %s: entropic %s, scipy %s, truth %s",
                                c.name(), key, ours, s, v.truth()));
                    }
                }
            }
        }
        figure(reporter, "values compared with scipy (cases without perturbation)", Integer.toString(compared));
        figure(reporter, "max relative error of entropic vs scipy", String.format(Locale.ROOT, "%.3g", worstOursVsScipy));
        figure(reporter, "max relative error of scipy vs mpmath, cases without perturbation",
                String.format(Locale.ROOT, "%.3g", scipyWell.values().stream().mapToDouble(x -> x).max().orElse(0)));
        figure(reporter, "max relative error of scipy vs mpmath, p~q cases",
                String.format(Locale.ROOT, "%.3g", scipyNear.values().stream().mapToDouble(x -> x).max().orElse(0)));
        scipyWell.forEach((k, e) -> figure(reporter, "scipy vs mpmath, well-conditioned: " + k, String.format(Locale.ROOT, "%.3g", e)));
        scipyNear.forEach((k, e) -> figure(reporter, "scipy vs mpmath, p~q: " + k, String.format(Locale.ROOT, "%.3g", e)));
        scipyOffOnHardInputs.forEach((k, n) -> figure(reporter, "scipy off the truth by more than 1e-9 on subnormal or leakage-disjoint inputs: " + k, Integer.toString(n)));
        scipyNotFinite.forEach((k, n) -> figure(reporter, "scipy NaN or infinite where the truth differs: " + k, Integer.toString(n)));
        assertTrue(compared > 500, "too few scipy comparisons: " + compared);
        assertTrue(failures.isEmpty(), failures.size() + " values disagree with scipy:\n" + String.join("\n", failures));
    }

    /**
     * On p≈q pairs (q_i = p_i(1 + d u_i), d = 1e-3 … 1e-10) KL is about d²/2 while each summand of
     * Σ p ln(p/q) is about d, so the naive sum cancels and its rounding of ln(p/q) (1 ulp of 1 per
     * term) leaves a relative error near 1e-16/d². The engine keeps its {@link #RELATIVE_TOLERANCE}
     * everywhere; the message shows what the naive formula would have given.
     */
    @Test
    void nearlyEqualPairsKeepTheirDigits() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        double worstNaive = 0;
        for (Case c : reference.cases()) {
            if (Double.isNaN(c.perturbation())) {
                continue;
            }
            for (Value v : c.values()) {
                if (!v.kind().equals("kl")) {
                    continue;
                }
                cases++;
                double ours = v.divergence().between(c.p(), c.q());
                double naive = naiveKl(c.p(), c.q());
                // Purely relative here: no absolute floor.
                double errOurs = Math.abs(ours - v.truth()) / v.truth();
                double errNaive = Math.abs(naive - v.truth()) / v.truth();
                worstNaive = Math.max(worstNaive, errNaive);
                if (!(errOurs <= RELATIVE_TOLERANCE)) {
                    failures.add(String.format(Locale.ROOT,
                            "%s: truth %s, entropic %s (relative error %.3g), naive sum p ln(p/q) %s (relative error %.3g)",
                            c.name(), v.truth(), ours, errOurs, naive, errNaive));
                }
                if (c.perturbation() <= 1e-8 && !(errNaive > 1e-3)) {
                    failures.add(String.format(Locale.ROOT,
                            "%s: the naive formula was expected to lose its digits here but has relative error %.3g;"
                                    + " the case does not exercise cancellation", c.name(), errNaive));
                }
            }
        }
        assertTrue(cases >= 15, "too few p≈q cases: " + cases);
        assertTrue(failures.isEmpty(), String.join("\n", failures)
                + String.format(Locale.ROOT, "%n(worst naive relative error over the p≈q cases: %.3g)", worstNaive));
    }

    private static boolean hasSubnormal(double[] x) {
        for (double v : x) {
            if (v > 0 && v < Double.MIN_NORMAL) {
                return true;
            }
        }
        return false;
    }

    /** The textbook Σ p ln(p/q) in plain double arithmetic, as a foil. */
    private static double naiveKl(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                s += p[i] * Math.log(p[i] / q[i]);
            }
        }
        return s;
    }
}
