package dev.entropic.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entropic.core.Rng;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

/**
 * The overfitting experiment of Dwork et al. (Science 2015, Fig. 2) in small: features and labels
 * are independent, so every classifier has true accuracy 0.5. Features are selected with the help
 * of the holdout; reusing the holdout naively reports an accuracy well above 0.5, Thresholdout
 * (with the paper's T = 0.04, σ = 0.01) reports one near 0.5.
 */
class ThresholdoutTest {
    static final int N = 2000;
    static final int D = 1000;
    static final int K = 50;

    /** Rows of D standard normal features followed by a ±1 label, all independent. */
    static double[][] data(UniformRandomProvider rng, int n) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] rows = new double[n][D + 1];
        for (double[] row : rows) {
            for (int j = 0; j < D; j++) {
                row[j] = g.sample();
            }
            row[D] = rng.nextBoolean() ? 1 : -1;
        }
        return rows;
    }

    static double corr(double[][] rows, int j) {
        double s = 0;
        for (double[] r : rows) {
            s += r[j] * r[D];
        }
        return s / rows.length;
    }

    interface HoldoutOracle {
        double mean(java.util.function.ToDoubleFunction<double[]> phi);
    }

    /** Runs the analyst; returns {reported holdout accuracy, fresh accuracy}. */
    static double[] analyst(double[][] train, HoldoutOracle holdout, double[][] fresh) {
        double cut = 1 / Math.sqrt(N);
        double[] ct = new double[D];
        double[] ch = new double[D];
        List<Integer> chosen = new ArrayList<>();
        for (int j = 0; j < D; j++) {
            final int jj = j;
            ct[j] = corr(train, j);
            ch[j] = holdout.mean(r -> r[jj] * r[D]);
            if (Math.abs(ct[j]) > cut && Math.abs(ch[j]) > cut && Math.signum(ct[j]) == Math.signum(ch[j])) {
                chosen.add(j);
            }
        }
        chosen.sort(Comparator.comparingDouble(j -> -Math.abs(ct[j])));
        int[] feats = chosen.stream().limit(K).mapToInt(Integer::intValue).toArray();
        java.util.function.ToDoubleFunction<double[]> correct = r -> {
            double s = 0;
            for (int j : feats) {
                s += Math.signum(ct[j]) * r[j];
            }
            return Math.signum(s) == r[D] ? 1 : 0;
        };
        double reported = holdout.mean(correct);
        double freshAcc = IntStream.range(0, fresh.length).mapToDouble(i -> correct.applyAsDouble(fresh[i])).average().orElseThrow();
        return new double[] {reported, freshAcc};
    }

    @Test
    void naiveReuseOverfitsThresholdoutDoesNot() {
        int reps = 4;
        double naive = 0;
        double thresholdout = 0;
        double freshNaive = 0;
        double freshT = 0;
        for (int rep = 0; rep < reps; rep++) {
            UniformRandomProvider rng = Rng.seeded(20150806L + rep);
            double[][] train = data(rng, N);
            double[][] hold = data(rng, N);
            double[][] fresh = data(rng, N);
            double[] a = analyst(train, phi -> {
                double s = 0;
                for (double[] r : hold) {
                    s += phi.applyAsDouble(r);
                }
                return s / hold.length;
            }, fresh);
            Thresholdout<double[]> t = Thresholdout.of(train, hold, 0.04, 0.01, 10 * D, Rng.seeded(rep));
            double[] b = analyst(train, phi -> t.query(phi::applyAsDouble).value(), fresh);
            naive += a[0] / reps;
            freshNaive += a[1] / reps;
            thresholdout += b[0] / reps;
            freshT += b[1] / reps;
        }
        System.out.printf(java.util.Locale.ROOT,
            "naive holdout acc %.3f (fresh %.3f); thresholdout acc %.3f (fresh %.3f)%n",
            naive, freshNaive, thresholdout, freshT);
        // True accuracy is 0.5; fresh data confirms it (sd of the 4-rep mean is about 0.006).
        assertEquals(0.5, freshNaive, 0.025);
        assertEquals(0.5, freshT, 0.025);
        assertTrue(naive > 0.55, "naive reuse should overfit: " + naive);
        assertEquals(0.5, thresholdout, 0.03, "thresholdout should stay near 0.5");
    }

    @Test
    void answersTrainingMeanWhenSetsAgreeAndIsReproducible() {
        Double[] train = {0.0, 1.0, 0.0, 1.0};
        Double[] hold = {1.0, 0.0, 1.0, 0.0};
        Thresholdout<Double> t = Thresholdout.of(train, hold, 0.5, 0.0, 3, Rng.seeded(1));
        Thresholdout.Answer a = t.query(x -> x);
        assertEquals(0.5, a.value(), 0.0);
        assertFalse(a.usedHoldout());
        assertEquals(3, a.remainingBudget());
    }

    @Test
    void budgetExhaustionThrowsIllegalState() {
        Double[] train = {1.0, 1.0};
        Double[] hold = {0.0, 0.0};
        Thresholdout<Double> t = Thresholdout.of(train, hold, 0.1, 0.0, 2, Rng.seeded(1));
        Thresholdout.Answer a = t.query(x -> x);
        assertTrue(a.usedHoldout());
        assertEquals(0.0, a.value(), 0.0);
        t.query(x -> x);
        assertEquals(0, t.remainingBudget());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.query(x -> x));
        assertTrue(e.getMessage().contains("budget exhausted"));
    }

    @Test
    void sameSeedSameAnswers() {
        Double[] train = {0.0, 1.0, 1.0, 1.0};
        Double[] hold = {0.0, 0.0, 0.0, 1.0};
        for (int i = 0; i < 5; i++) {
            Thresholdout<Double> x = Thresholdout.of(train, hold, 0.3, 0.1, 100, Rng.seeded(i));
            Thresholdout<Double> y = Thresholdout.of(train, hold, 0.3, 0.1, 100, Rng.seeded(i));
            for (int q = 0; q < 10; q++) {
                assertEquals(x.query(v -> v).value(), y.query(v -> v).value(), 0.0);
            }
        }
    }

    @Test
    void rejectsBadParameters() {
        Double[] s = {1.0};
        assertThrows(IllegalArgumentException.class, () -> Thresholdout.of(s, new Double[0], 0.1, 0.1, 1, Rng.seeded(1)));
        assertThrows(IllegalArgumentException.class, () -> Thresholdout.of(s, s, -0.1, 0.1, 1, Rng.seeded(1)));
        assertThrows(IllegalArgumentException.class, () -> Thresholdout.of(s, s, 0.1, Double.NaN, 1, Rng.seeded(1)));
        assertThrows(IllegalArgumentException.class, () -> Thresholdout.of(s, s, 0.1, 0.1, 0, Rng.seeded(1)));
        Thresholdout<Double> t = Thresholdout.of(s, s, 0.1, 0.1, 1, Rng.seeded(1));
        assertThrows(IllegalArgumentException.class, () -> t.query(x -> Double.NaN));
        assertEquals(0.01 / (96 * Math.log(4 * 100 / 0.05)), Thresholdout.theoremNineSigma(0.01, 100, 0.05), 1e-15);
    }
}
