package dev.entropic.divergences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generator {@code f}, its convex conjugate {@code f*} and the gradient weight
 * {@code h(r) = r² f''(r)}, checked against their definitions numerically: {@code f*(t) =
 * sup_{r≥0}(tr − f(r))} by a grid plus golden-section search of the concave {@code tr − f(r)};
 * Fenchel–Young {@code f(r) + f*(t) ≥ rt}; equality {@code f*(f'(r)) = r f'(r) − f(r)} on the
 * graph of {@code f'}; {@code h} by Richardson-extrapolated second differences.
 */
class GeneratorConjugateTest {
    /** Agreement of f* with the numerical supremum, relative to 1 + |f*| (search to ~1e-13). */
    static final double SUP_TOLERANCE = 1e-9;
    /** Slack of the Fenchel–Young inequality, relative to the magnitudes involved (rounding only). */
    static final double FENCHEL_YOUNG_SLACK = 1e-12;
    /** f*(f'(r)) against r f'(r) − f(r): only second-order in the finite-difference error of f'. */
    static final double EQUALITY_TOLERANCE = 1e-9;
    /** r² f''(r) by 4th-order second differences (truncation ~1e-8), plus their rounding. */
    static final double WEIGHT_TOLERANCE = 1e-6;

    private static final double[] T = {-5, -3, -2.5, -1, -0.6, -0.5, -0.2, 0, 0.2, 0.3, 0.45, 0.9, 1.5, 3};
    private static final double[] R = {0, 1e-6, 1e-3, 0.1, 0.5, 1, 2, 7, 50, 1e3};

    static Stream<Divergence> divergences() {
        List<Divergence> out = new ArrayList<>();
        for (DivergenceKind k : DivergenceKind.values()) {
            if (!k.needsAlpha()) {
                out.add(Divergence.of(k));
            }
        }
        for (double a : new double[] {-0.5, 0, 0.5, 0.999, 1, 2, 3}) {
            out.add(Divergence.alpha(a));
        }
        out.add(Divergence.renyi(0.5));
        out.add(Divergence.renyi(2));
        return out.stream();
    }

    private static double g(Divergence d, double t, double r) {
        return t * r - d.generator(r);
    }

    /** sup_{r ≥ 0} (tr − f(r)) by a log grid on [1e-12, 1e9] plus r = 0, refined by golden section. */
    private static double numericalSup(Divergence d, double t) {
        int n = 2100;
        double best = g(d, t, 0);
        double bestR = 0;
        int bestK = -1;
        double[] r = new double[n];
        for (int k = 0; k < n; k++) {
            r[k] = Math.pow(10, -12 + 21.0 * k / (n - 1));
            double v = g(d, t, r[k]);
            if (v > best) {
                best = v;
                bestR = r[k];
                bestK = k;
            }
        }
        if (bestK < 0 || bestR == r[n - 1]) {
            return best;
        }
        double lo = bestK == 0 ? 0 : r[bestK - 1];
        double hi = bestK == n - 1 ? r[n - 1] : r[bestK + 1];
        final double phi = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - phi * (hi - lo);
        double x2 = lo + phi * (hi - lo);
        double g1 = g(d, t, x1);
        double g2 = g(d, t, x2);
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
            if (g1 < g2) {
                lo = x1;
                x1 = x2;
                g1 = g2;
                x2 = lo + phi * (hi - lo);
                g2 = g(d, t, x2);
            } else {
                hi = x2;
                x2 = x1;
                g2 = g1;
                x1 = hi - phi * (hi - lo);
                g1 = g(d, t, x1);
            }
        }
        return Math.max(best, Math.max(g1, g2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divergences")
    void generatorIsConvexAndVanishesAtOne(Divergence d) {
        assertEquals(0, d.generator(1), 0, "f(1)");
        for (int k = 1; k < 400; k++) {
            double r = Math.pow(10, -6 + 12.0 * k / 400);
            double h = 1e-2 * r;
            double second = d.generator(r + h) - 2 * d.generator(r) + d.generator(r - h);
            assertTrue(second >= -1e-12 * (Math.abs(d.generator(r)) + 1), () -> d + " not convex at " + r);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divergences")
    void conjugateIsTheSupremum(Divergence d) {
        List<String> failures = new ArrayList<>();
        for (double t : T) {
            double fstar = d.conjugate(t);
            double sup = numericalSup(d, t);
            if (fstar == Double.POSITIVE_INFINITY) {
                // Unbounded: tr − f(r) keeps growing along the grid's far end.
                if (!(g(d, t, 1e9) > g(d, t, 1e6) + 1)) {
                    failures.add(String.format(Locale.ROOT, "t=%s: f*=+inf but tr - f(r) is bounded (sup ~ %s)", t, sup));
                }
            } else if (!(Math.abs(fstar - sup) <= SUP_TOLERANCE * (1 + Math.abs(fstar)))) {
                failures.add(String.format(Locale.ROOT, "t=%s: f*=%s, numerical sup=%s", t, fstar, sup));
            }
        }
        assertTrue(failures.isEmpty(), d + ":\n" + String.join("\n", failures));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divergences")
    void fenchelYoungInequality(Divergence d) {
        for (double r : R) {
            for (double t : T) {
                double f = d.generator(r);
                double fstar = d.conjugate(t);
                double lhs = f + fstar;
                double slack = FENCHEL_YOUNG_SLACK * (Math.abs(f) + Math.abs(fstar) + Math.abs(r * t) + 1);
                assertTrue(lhs >= r * t - slack,
                        () -> String.format(Locale.ROOT, "%s: f(%s) + f*(%s) = %s < rt = %s", d, r, t, lhs, r * t));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divergences")
    void conjugateAtTheDerivativeIsAttained(Divergence d) {
        for (double r : new double[] {1e-3, 0.1, 0.5, 2, 7, 50}) {
            double t;
            if (d.kind() == DivergenceKind.TV) {
                t = r > 1 ? 0.5 : -0.5;
            } else {
                double h = 1e-5 * r;
                // Central difference, Richardson-extrapolated: error O(h⁴) plus rounding.
                double d1 = (d.generator(r + h) - d.generator(r - h)) / (2 * h);
                double d2 = (d.generator(r + h / 2) - d.generator(r - h / 2)) / h;
                t = (4 * d2 - d1) / 3;
            }
            double expected = r * t - d.generator(r);
            double actual = d.conjugate(t);
            assertEquals(expected, actual, EQUALITY_TOLERANCE * (1 + Math.abs(expected) + Math.abs(r * t)),
                    () -> String.format(Locale.ROOT, "%s at r=%s, t=f'(r)=%s", d, r, t));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divergences")
    void gradientWeightIsRSquaredTimesTheSecondDerivative(Divergence d) {
        for (double r : new double[] {1e-3, 0.05, 0.5, 0.9, 1, 1.7, 7, 50, 400}) {
            if (d.kind() == DivergenceKind.TV && r == 1) {
                continue; // f'' is a Dirac mass there; the weight is 0 elsewhere
            }
            double h = 1e-2 * r;
            double s1 = (d.generator(r + h) - 2 * d.generator(r) + d.generator(r - h)) / (h * h);
            double h2 = h / 2;
            double s2 = (d.generator(r + h2) - 2 * d.generator(r) + d.generator(r - h2)) / (h2 * h2);
            double numeric = r * r * (4 * s2 - s1) / 3;
            double weight = d.gradientWeight(r);
            // Plus the rounding of the differences: a few ulps of f, divided by h², times r².
            double rounding = r * r * 64 * Math.ulp(1.0) * (Math.abs(d.generator(r)) + Math.abs(d.generator(r + h)) + 1e-300)
                    / (h2 * h2);
            assertEquals(numeric, weight, WEIGHT_TOLERANCE * Math.abs(weight) + rounding,
                    () -> String.format(Locale.ROOT, "%s: h(%s)", d, r));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divergences")
    void termIsTheReferenceWeightedGenerator(Divergence d) {
        // term(p, q) = q f(p/q) + λ (q − p), λ = 1 for kl and −1 for reverse-kl (the generalised
        // summands, whose linear part sums to zero when Σp = Σq), λ = 0 otherwise.
        double lambda = d.kind() == DivergenceKind.KL ? 1 : d.kind() == DivergenceKind.REVERSE_KL ? -1 : 0;
        double[][] pairs = {{0.3, 0.1}, {0.1, 0.3}, {0.25, 0.25}, {1e-5, 0.4}, {0.4, 1e-5}, {0.7, 0.69}};
        for (double[] pq : pairs) {
            double p = pq[0];
            double q = pq[1];
            double expected = q * d.generator(p / q) + lambda * (q - p);
            assertEquals(expected, d.term(p, q), 1e-12 * (Math.abs(expected) + q),
                    () -> String.format(Locale.ROOT, "%s: term(%s, %s)", d, p, q));
        }
    }
}
