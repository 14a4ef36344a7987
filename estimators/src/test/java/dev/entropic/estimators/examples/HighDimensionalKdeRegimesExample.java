package dev.entropic.estimators.examples;

import dev.entropic.core.Rng;
import dev.entropic.estimators.HighDimensionalKdeDiagnostics;
import dev.entropic.estimators.HighDimensionalKdeDiagnostics.WeightSummary;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Reproduces the three regimes of Biroli &amp; Mézard (arXiv:2408.05807) numerically for Gaussian data
 * \( \rho = N(0, I_d) \), \( n = e^{\alpha d} \) points, Gaussian kernel of width h. For each h on a grid
 * it prints the predicted regime, the effective number of contributing points
 * \( N_\mathrm{eff} = (\sum w)^2/\sum w^2 \) and the largest share \( \max w/\sum w \) (means over query
 * points x ~ ρ), the relative fluctuation std/mean of \( \hat\rho_h(x) \) across independent data sets
 * at fixed x (median over x), and the held-out \( \frac1d \mathbb{E}_x[-\ln\hat\rho_h(x)] \), whose
 * minimiser is compared with {@link HighDimensionalKdeDiagnostics#klOptimalBandwidth}.
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -B -o -pl estimators -am install -DskipTests
 * CP=estimators/target/classes:estimators/target/test-classes:core/target/classes:$(find ~/.m2 -name 'commons-rng-*.jar' | tr '\n' ':')
 * java -cp $CP dev.entropic.estimators.examples.HighDimensionalKdeRegimesExample 30 9 20   # d, ln n, data sets (1.7 s)
 * java -cp $CP dev.entropic.estimators.examples.HighDimensionalKdeRegimesExample 40 12 4   # n = 162755 (~1 min)
 * </pre>
 * The relative fluctuation is the sample std/mean over the data sets (biased low with few sets).
 */
public final class HighDimensionalKdeRegimesExample {
    private HighDimensionalKdeRegimesExample() {
    }

    public static void main(String[] args) {
        int d = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        double lnN = args.length > 1 ? Double.parseDouble(args[1]) : 9;
        int datasets = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int n = (int) Math.round(Math.exp(lnN));
        int queries = 20;
        double alpha = HighDimensionalKdeDiagnostics.alpha(n, d);
        double hClt = HighDimensionalKdeDiagnostics.gaussianCentralLimitThreshold(alpha);
        double hG = HighDimensionalKdeDiagnostics.gaussianCondensationThreshold(alpha);
        double hKl = HighDimensionalKdeDiagnostics.klOptimalBandwidth(alpha);
        UniformRandomProvider rng = Rng.seeded(2408_05807L);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] xs = sample(gauss, queries, d);
        double[] hs = new double[17];
        for (int i = 0; i < hs.length; i++) {
            hs[i] = hClt * Math.pow(2, 1 - i / 6.0); // 2 h_CLT down to h_CLT / 2^{5/3}
        }
        double[][][] logSum = new double[hs.length][queries][datasets];
        double[] neff = new double[hs.length];
        double[] share = new double[hs.length];
        for (int m = 0; m < datasets; m++) {
            double[][] data = sample(gauss, n, d);
            for (int i = 0; i < hs.length; i++) {
                for (int q = 0; q < queries; q++) {
                    WeightSummary s = HighDimensionalKdeDiagnostics.weightsAt(xs[q], data, hs[i]);
                    logSum[i][q][m] = s.logSumWeights();
                    neff[i] += s.effectiveNumber() / (queries * datasets);
                    share[i] += s.largestShare() / (queries * datasets);
                }
            }
        }
        System.out.printf(Locale.ROOT, "d=%d n=%d alpha=%.4f h_CLT=%.4f h_G=%.4f h_KL(formula)=%.4f datasets=%d queries=%d%n",
            d, n, alpha, hClt, hG, hKl, datasets, queries);
        System.out.println("    h   h/h_CLT  regime          kappa   n_eff      (1/d)ln n_eff pred   max share  rel.fluct  (1/d)E[-ln rho_hat]");
        double best = Double.POSITIVE_INFINITY;
        double hBest = Double.NaN;
        for (int i = 0; i < hs.length; i++) {
            double h = hs[i];
            double[] rel = new double[queries];
            double nll = 0;
            for (int q = 0; q < queries; q++) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : logSum[i][q]) {
                    max = Math.max(max, v);
                }
                double s1 = 0;
                double s2 = 0;
                for (double v : logSum[i][q]) {
                    double e = Math.exp(v - max);
                    s1 += e;
                    s2 += e * e;
                    nll += (Math.log(n) + d * Math.log(h) + 0.5 * d * Math.log(2 * Math.PI) - v) / (d * queries * datasets);
                }
                double mean = s1 / datasets;
                rel[q] = Math.sqrt(Math.max(0, s2 / datasets - mean * mean)) / mean;
            }
            java.util.Arrays.sort(rel);
            double relMedian = 0.5 * (rel[queries / 2 - 1] + rel[queries / 2]);
            if (nll < best) {
                best = nll;
                hBest = h;
            }
            System.out.printf(Locale.ROOT, "%6.3f  %6.3f  %-14s  %6.3f  %10.1f  %7.3f %7.3f  %8.3f  %9.3f  %8.4f%n",
                h, h / hClt, HighDimensionalKdeDiagnostics.classify(h, alpha),
                HighDimensionalKdeDiagnostics.stableIndex(h, alpha), neff[i], Math.log(neff[i]) / d,
                HighDimensionalKdeDiagnostics.predictedLogEffectiveNumberRate(h, alpha), share[i], relMedian, nll);
        }
        System.out.printf(Locale.ROOT, "held-out NLL minimised at h=%.3f (grid), formula h_KL=%.3f; entropy of rho per dim = %.4f%n",
            hBest, hKl, 0.5 * Math.log(2 * Math.PI * Math.E));
    }

    private static double[][] sample(ZigguratSampler.NormalizedGaussian g, int n, int d) {
        double[][] y = new double[n][d];
        for (double[] row : y) {
            for (int j = 0; j < d; j++) {
                row[j] = g.sample();
            }
        }
        return y;
    }
}
