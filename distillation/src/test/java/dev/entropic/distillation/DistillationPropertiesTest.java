package dev.entropic.distillation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.entropic.core.Rng;
import dev.entropic.divergences.Divergence;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

/** Laws of the distillation losses (QuickTheories reports the failing seed for replay). */
class DistillationPropertiesTest {
    private static final List<String> LOSSES = List.of("kd", "forward-kl", "reverse-kl", "js",
            "skew-kl:0.3", "skew-reverse-kl:0.3", "tv", "pld", "f:chi2", "f:neyman-chi2",
            "f:squared-hellinger", "f:jeffreys", "f:triangular", "f:js", "f:kl", "f:reverse-kl",
            "f:alpha:0.5", "f:alpha:2", "f:alpha:0");
    /** Central differences with step 1e-5 on O(1) losses: truncation ~1e-10, rounding ~1e-11. */
    private static final double FD_TOLERANCE = 2e-7;
    private static final double FD_STEP = 1e-5;
    private static final double FD_LOSS_SCALED = 1e-8;
    /** Rounding of the shifted log-softmax. */
    private static final double SHIFT_TOLERANCE = 1e-11;
    /** Per class and per unit of Σ|g|: the centring q(G − ΣqG) rounds at this level. */
    private static final double ROW_SUM_TOLERANCE = 1e-15;
    private static final int EXAMPLES = 40;

    /** A random problem: B ∈ [1,4], C ∈ [2,9], logits N(0, 2²), τ ∈ [0.5, 4], labels, weights. */
    record Problem(int b, int c, double tau, double[] t, double[] s, int[] labels, double[] weights) {
        static Problem of(long seed) {
            UniformRandomProvider rng = Rng.seeded(seed);
            ZigguratSampler.NormalizedGaussian n = ZigguratSampler.NormalizedGaussian.of(rng);
            int b = 1 + rng.nextInt(4);
            int c = 2 + rng.nextInt(8);
            double[] t = new double[b * c];
            double[] s = new double[b * c];
            for (int i = 0; i < t.length; i++) {
                t[i] = 2 * n.sample();
                s[i] = 2 * n.sample();
            }
            int[] labels = new int[b];
            double[] w = new double[b];
            for (int i = 0; i < b; i++) {
                labels[i] = rng.nextInt(c);
                w[i] = 0.1 + rng.nextDouble();
            }
            return new Problem(b, c, 0.5 + 3.5 * rng.nextDouble(), t, s, labels, w);
        }

        double value(DistillationLoss l, double[] student, double[] g) {
            boolean useLabels = l.kind() == LossKind.PLD || l.labelWeight() > 0;
            return l.compute(t, student, b, c, useLabels ? labels : null, weights, g);
        }
    }

    private static DistillationLoss loss(int index, double tau) {
        DistillationLoss l = DistillationLoss.parse(LOSSES.get(index % LOSSES.size())).withTemperature(tau);
        // every other kd example mixes in cross-entropy on the labels
        return l.kind() == LossKind.KD && index >= LOSSES.size() ? l.withLabelWeight(0.4) : l;
    }

    @Test
    void gradientMatchesCentralDifferences() {
        qt().withExamples(EXAMPLES * 4).forAll(longs().all(), integers().between(0, 2 * LOSSES.size() - 1))
                .checkAssert((seed, k) -> {
                    Problem p = Problem.of(seed);
                    DistillationLoss l = loss(k, p.tau());
                    double[] g = new double[p.t().length];
                    double value = p.value(l, p.s(), g);
                    double[] s = p.s().clone();
                    for (int i = 0; i < s.length; i++) {
                        double x = s[i];
                        s[i] = x + FD_STEP;
                        double up = p.value(l, s, null);
                        s[i] = x - FD_STEP;
                        double down = p.value(l, s, null);
                        s[i] = x;
                        double fd = (up - down) / (2 * FD_STEP);
                        double err = Math.abs(fd - g[i]);
                        // truncation and rounding of the difference quotient grow with the loss's
                        // size (chi2 at small τ reaches 1e4): the second term covers both
                        assertTrue(err <= FD_TOLERANCE * Math.max(1, Math.abs(fd)) + FD_LOSS_SCALED * Math.abs(value),
                                l + " seed " + seed + " grad[" + i + "] " + g[i] + " vs fd " + fd);
                    }
                });
    }

    @Test
    void divergenceLossesAreNonNegativeAndZeroAtEquality() {
        qt().withExamples(EXAMPLES * 4).forAll(longs().all(), integers().between(0, LOSSES.size() - 1))
                .checkAssert((seed, k) -> {
                    DistillationLoss l = loss(k, 1);
                    if (l.kind() == LossKind.PLD) {
                        return; // not a divergence: PLD(t, t) > 0
                    }
                    Problem p = Problem.of(seed);
                    l = l.withTemperature(p.tau());
                    assertTrue(p.value(l, p.s(), null) >= 0, l + " seed " + seed);
                    double[] g = new double[p.t().length];
                    double same = l.compute(p.t(), p.t(), p.b(), p.c(), null, p.weights(), g);
                    assertTrue(Math.abs(same) <= 1e-15, l + " D(p,p) = " + same);
                    for (double v : g) {
                        assertTrue(Math.abs(v) <= 1e-15, l + " gradient at equality " + v);
                    }
                });
    }

    @Test
    void invariantToAddingAConstantToARow() {
        qt().withExamples(EXAMPLES * 2).forAll(longs().all(), integers().between(0, 2 * LOSSES.size() - 1))
                .checkAssert((seed, k) -> {
                    Problem p = Problem.of(seed);
                    DistillationLoss l = loss(k, p.tau());
                    double[] g = new double[p.t().length];
                    double v = p.value(l, p.s(), g);
                    double[] t2 = p.t().clone();
                    double[] s2 = p.s().clone();
                    for (int i = 0; i < p.b(); i++) {
                        double ct = 3.25 * (i + 1);
                        double cs = -7.5 * (i + 1);
                        for (int j = 0; j < p.c(); j++) {
                            t2[i * p.c() + j] += ct;
                            s2[i * p.c() + j] += cs;
                        }
                    }
                    Problem q = new Problem(p.b(), p.c(), p.tau(), t2, s2, p.labels(), p.weights());
                    double[] g2 = new double[g.length];
                    double v2 = q.value(l, s2, g2);
                    assertEquals(v, v2, SHIFT_TOLERANCE * Math.max(1, Math.abs(v)), l + " seed " + seed);
                    for (int i = 0; i < g.length; i++) {
                        assertEquals(g[i], g2[i], SHIFT_TOLERANCE * Math.max(1, Math.abs(g[i])), l + " seed " + seed + " grad " + i);
                    }
                });
    }

    @Test
    void gradientRowsSumToZero() {
        qt().withExamples(EXAMPLES * 2).forAll(longs().all(), integers().between(0, 2 * LOSSES.size() - 1))
                .checkAssert((seed, k) -> {
                    Problem p = Problem.of(seed);
                    DistillationLoss l = loss(k, p.tau());
                    double[] g = new double[p.t().length];
                    double value = p.value(l, p.s(), g);
                    for (int i = 0; i < p.b(); i++) {
                        double sum = 0;
                        double abs = 0;
                        for (int j = 0; j < p.c(); j++) {
                            sum += g[i * p.c() + j];
                            abs += Math.abs(g[i * p.c() + j]);
                        }
                        // centring subtracts S = Σ q G, of the order of the loss (neyman-chi2 at small τ
                        // reaches 1e3): its rounding enters through Σ q = 1 ± Cε
                        double centre = p.b() * Math.abs(value) / p.tau();
                        assertTrue(Math.abs(sum) <= ROW_SUM_TOLERANCE * p.c() * (1 + abs + centre),
                                l + " seed " + seed + " row " + i + " sums to " + sum);
                    }
                });
    }

    /**
     * Hinton's high-temperature limit: {@code τ²KL(softmax(t/τ)‖softmax(s/τ)) → (1/2C) Σ (d − d̄)²}
     * with {@code d = t − s}, and forward KL itself vanishes like {@code 1/τ²}.
     */
    @Test
    void highTemperatureLimitIsLogitMatching() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            Problem p = Problem.of(seed);
            double tau = 1e4;
            double kd = DistillationLoss.kd().withTemperature(tau)
                    .compute(p.t(), p.s(), p.b(), p.c(), null, null, null);
            double expected = 0;
            for (int i = 0; i < p.b(); i++) {
                double mean = 0;
                for (int j = 0; j < p.c(); j++) {
                    mean += (p.t()[i * p.c() + j] - p.s()[i * p.c() + j]) / p.c();
                }
                for (int j = 0; j < p.c(); j++) {
                    double d = p.t()[i * p.c() + j] - p.s()[i * p.c() + j] - mean;
                    expected += d * d / (2 * p.c()) / p.b();
                }
            }
            // relative error O(max|d|/τ) ≈ 1e-3; the KL itself is ~1e-8 so rounding adds ~1e-8 relative
            assertEquals(expected, kd, 2e-3 * expected + 1e-9, "seed " + seed);
            double fkl = DistillationLoss.forwardKl().withTemperature(tau)
                    .compute(p.t(), p.s(), p.b(), p.c(), null, null, null);
            assertEquals(kd / (tau * tau), fkl, 1e-12 * kd / (tau * tau) + 1e-300);
        });
    }

    /** With two classes the ranking is (y, other) and PLD is p_y · CE(s/τ, y). */
    @Test
    void pldIsWeightedCrossEntropyWithTwoClasses() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            UniformRandomProvider rng = Rng.seeded(seed);
            double tau = 0.5 + 3 * rng.nextDouble();
            double[] t = {6 * rng.nextDouble() - 3, 6 * rng.nextDouble() - 3};
            double[] s = {6 * rng.nextDouble() - 3, 6 * rng.nextDouble() - 3};
            int y = rng.nextInt(2);
            double pld = DistillationLoss.pld().withTemperature(tau).compute(t, s, 1, 2, new int[] {y}, null, null);
            double py = 1 / (1 + Math.exp((t[1 - y] - t[y]) / tau));
            double ce = Math.log1p(Math.exp((s[1 - y] - s[y]) / tau));
            assertEquals(py * ce, pld, 1e-14 * Math.max(1, pld), "seed " + seed);
        });
    }

    /**
     * The f-distill weight: {@code G(r) = f(r) − r f'(r)} used in the gradient satisfies
     * {@code G'(r) = −h(r)/r} with the divergences module's {@code h(r) = r² f''(r)}.
     */
    @Test
    void fWeightDerivativeIsTheFDistillWeight() {
        List<Divergence> ds = List.of(Divergence.of(dev.entropic.divergences.DivergenceKind.KL),
                Divergence.of(dev.entropic.divergences.DivergenceKind.REVERSE_KL),
                Divergence.of(dev.entropic.divergences.DivergenceKind.JS),
                Divergence.of(dev.entropic.divergences.DivergenceKind.SQUARED_HELLINGER),
                Divergence.of(dev.entropic.divergences.DivergenceKind.CHI2),
                Divergence.of(dev.entropic.divergences.DivergenceKind.NEYMAN_CHI2),
                Divergence.of(dev.entropic.divergences.DivergenceKind.JEFFREYS),
                Divergence.of(dev.entropic.divergences.DivergenceKind.TRIANGULAR),
                Divergence.alpha(0.5), Divergence.alpha(-1.5), Divergence.alpha(3));
        qt().withExamples(EXAMPLES * 2).forAll(integers().between(0, ds.size() - 1), integers().between(1, 1000))
                .checkAssert((i, m) -> {
                    Divergence d = ds.get(i);
                    double r = m / 100.0;
                    double h = 1e-6 * r;
                    double fd = (DistillationLoss.fWeight(d, r + h) - DistillationLoss.fWeight(d, r - h)) / (2 * h);
                    double expected = -d.gradientWeight(r) / r;
                    assertEquals(expected, fd, 1e-6 * Math.max(1, Math.abs(expected)), d + " at r = " + r);
                });
    }

    /** The float kernels' exponential: relative error ≤ 1e-10 on [−700, 0], exact 1 at 0. */
    @Test
    void fastExponentialIsAccurate() {
        qt().withExamples(2000).forAll(org.quicktheories.generators.SourceDSL.doubles().between(-700, 0))
                .checkAssert(x -> {
                    double e = Math.exp(x);
                    assertEquals(e, DistillationLoss.expNonPositive(x), 1e-10 * e, "x = " + x);
                });
        assertEquals(1.0, DistillationLoss.expNonPositive(0));
        assertEquals(Math.exp(-700), DistillationLoss.expNonPositive(-1e6), 1e-10 * Math.exp(-700));
    }
}
