package dev.entropic.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.entropic.calibration.CalibrationError.Binning;
import dev.entropic.calibration.CalibrationError.Estimator;
import dev.entropic.calibration.CalibrationError.Norm;
import dev.entropic.calibration.CalibrationError.Scope;
import dev.entropic.core.Rng;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** The equal-width bootstrap (bins found once) equals resampling rows and calling estimate. */
class BootstrapFastPathTest {
    @Test
    void widthBootstrapEqualsResampledEstimates() {
        UniformRandomProvider data = Rng.seeded(3);
        int n = 300;
        double[][] p = new double[n][3];
        double[][] b = new double[n][1];
        int[] y = new int[n];
        int[] yb = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = data.nextInt(3);
            yb[i] = data.nextInt(2);
            b[i][0] = data.nextDouble();
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                p[i][j] = data.nextDouble() + (j == y[i] ? 0.7 : 0);
                sum += p[i][j];
            }
            for (int j = 0; j < 3; j++) {
                p[i][j] /= sum;
            }
        }
        for (Scope scope : Scope.values()) {
            for (Norm norm : Norm.values()) {
                for (Estimator est : Estimator.values()) {
                    if (est == Estimator.DEBIASED && norm != Norm.L2) {
                        continue;
                    }
                    CalibrationError ce = CalibrationError.withDefaults().withBinning(Binning.WIDTH).withScope(scope)
                            .withNorm(norm).withEstimator(est).withBins(7);
                    check(ce, p, y);
                    check(ce, b, yb);
                }
            }
        }
    }

    private static void check(CalibrationError ce, double[][] p, int[] y) {
        int n = y.length;
        int resamples = 41;
        CalibrationError.Interval fast = ce.bootstrap(p, y, resamples, 0.8, Rng.seeded(17));
        UniformRandomProvider rng = Rng.seeded(17);
        double[] draws = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double[][] rp = new double[n][];
            int[] ry = new int[n];
            for (int t = 0; t < n; t++) {
                int i = rng.nextInt(n);
                rp[t] = p[i];
                ry[t] = y[i];
            }
            draws[r] = ce.estimate(rp, ry);
        }
        Arrays.sort(draws);
        double h = (resamples - 1) * 0.1;
        int lo = (int) Math.floor(h);
        double lower = draws[lo] + (h - lo) * (draws[lo + 1] - draws[lo]);
        String what = ce + " cols " + p[0].length;
        assertEquals(lower, fast.lower(), 1e-12, what);
        assertEquals(ce.estimate(p, y), fast.value(), 0, what);
    }
}
