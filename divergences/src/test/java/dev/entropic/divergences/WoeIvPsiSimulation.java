package dev.entropic.divergences;

import dev.entropic.core.Rng;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.GuideTableDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

/**
 * The seeded Monte Carlo experiments behind {@link WoeIvPsiSimulationTest}; {@link #main} prints
 * their figures:
 * {@code java -cp divergences/target/test-classes:divergences/target/classes:<deps> dev.entropic.divergences.WoeIvPsiSimulation}.
 */
final class WoeIvPsiSimulation {
    static final double[] GOOD = {0.10, 0.20, 0.30, 0.25, 0.15};
    static final double[] BAD = {0.20, 0.25, 0.25, 0.20, 0.10};

    private WoeIvPsiSimulation() {
    }

    /** Spread of IV over {@code reps} pairs of multinomial samples of {@code n} goods and {@code n} bads. */
    record IvSpread(double iv, double empiricalSd, double deltaSeAtTruth, double meanPlugInSe,
            double fixedWeightSeAtTruth) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "IV=%.5f empirical SD=%.6f delta SE(truth)=%.6f (ratio %.4f) mean plug-in SE=%.6f (ratio %.4f) "
                            + "fixed-weight SE=%.6f (ratio %.4f)",
                    iv, empiricalSd, deltaSeAtTruth, deltaSeAtTruth / empiricalSd, meanPlugInSe,
                    meanPlugInSe / empiricalSd, fixedWeightSeAtTruth, fixedWeightSeAtTruth / empiricalSd);
        }
    }

    static IvSpread ivSpread(long seed, int n, int reps) {
        UniformRandomProvider rng = Rng.seeded(seed);
        SharedStateDiscreteSampler good = GuideTableDiscreteSampler.of(rng, GOOD);
        SharedStateDiscreteSampler bad = GuideTableDiscreteSampler.of(rng, BAD);
        double[] iv = new double[reps];
        double meanPlugInSe = 0;
        for (int r = 0; r < reps; r++) {
            InformationValueResult res = InformationValue.withDefaults()
                    .compute(multinomial(good, n, GOOD.length), multinomial(bad, n, BAD.length));
            iv[r] = res.informationValue();
            meanPlugInSe += res.standardError() / reps;
        }
        InformationValueResult truth = InformationValue.withDefaults().compute(scale(GOOD, n), scale(BAD, n));
        return new IvSpread(truth.informationValue(), sd(iv), truth.standardError(), meanPlugInSe,
                truth.standardErrorFixedWeights());
    }

    /** Spread of PSI with a sampled baseline (both random) and with the baseline shares known. */
    record PsiSpread(double psi, double sdSampled, double seSampled, double sdKnown, double seKnown) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "PSI=%.5f sampled baseline: SD=%.6f SE=%.6f (ratio %.4f); known baseline: SD=%.6f SE=%.6f (ratio %.4f)",
                    psi, sdSampled, seSampled, seSampled / sdSampled, sdKnown, seKnown, seKnown / sdKnown);
        }
    }

    static PsiSpread psiSpread(long seed, int n, int reps) {
        UniformRandomProvider rng = Rng.seeded(seed);
        SharedStateDiscreteSampler expected = GuideTableDiscreteSampler.of(rng, GOOD);
        SharedStateDiscreteSampler actual = GuideTableDiscreteSampler.of(rng, BAD);
        double[] sampled = new double[reps];
        double[] known = new double[reps];
        PopulationStabilityIndex psi = PopulationStabilityIndex.withDefaults();
        for (int r = 0; r < reps; r++) {
            double[] a = multinomial(actual, n, BAD.length);
            sampled[r] = psi.compute(multinomial(expected, n, GOOD.length), a).psi();
            known[r] = psi.computeFromShares(GOOD, Double.POSITIVE_INFINITY, scale(a, 1.0 / n), n).psi();
        }
        PopulationStabilityResult truth = psi.compute(scale(GOOD, n), scale(BAD, n));
        return new PsiSpread(truth.psi(), sd(sampled), truth.standardError(), sd(known),
                truth.standardErrorKnownBaseline());
    }

    /** Rejection rates at {@code level} under the null (goods and bads, actual and baseline, share GOOD). */
    record Size(double rateIv, double ratePsiKnownBaseline, int reps) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "rejection rate at 5%%: J-divergence test (IV, N_G=4000, N_B=1000) %.4f; "
                            + "PSI with known baseline (N_A=1000) %.4f; binomial SD %.4f over %d replications",
                    rateIv, ratePsiKnownBaseline, Math.sqrt(0.05 * 0.95 / reps), reps);
        }
    }

    static Size size(long seed, double level, int reps) {
        UniformRandomProvider rng = Rng.seeded(seed);
        SharedStateDiscreteSampler s = GuideTableDiscreteSampler.of(rng, GOOD);
        int rejectIv = 0;
        int rejectPsi = 0;
        for (int r = 0; r < reps; r++) {
            double[] goods = multinomial(s, 4000, GOOD.length);
            double[] bads = multinomial(s, 1000, GOOD.length);
            if (InformationValue.withDefaults().compute(goods, bads).pValue() < level) {
                rejectIv++;
            }
            if (PopulationStabilityIndex.withDefaults()
                    .computeFromShares(GOOD, Double.POSITIVE_INFINITY, scale(bads, 1e-3), 1000).pValue() < level) {
                rejectPsi++;
            }
        }
        return new Size((double) rejectIv / reps, (double) rejectPsi / reps, reps);
    }

    static double[] multinomial(SharedStateDiscreteSampler s, int n, int k) {
        double[] counts = new double[k];
        for (int i = 0; i < n; i++) {
            counts[s.sample()]++;
        }
        return counts;
    }

    static double[] scale(double[] a, double m) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * m;
        }
        return out;
    }

    static double sd(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    /** Prints the figures of the test's seeds, and with {@code args = {reps}} a larger run. */
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : WoeIvPsiSimulationTest.REPLICATIONS;
        for (int n : new int[] {500, 5000}) {
            System.out.println("N=" + n + " per class, " + reps + " replications");
            System.out.println("  " + ivSpread(WoeIvPsiSimulationTest.IV_SEED, n, reps));
            System.out.println("  " + psiSpread(WoeIvPsiSimulationTest.PSI_SEED, n, reps));
        }
        System.out.println(size(WoeIvPsiSimulationTest.SIZE_SEED, 0.05, reps));
    }
}
