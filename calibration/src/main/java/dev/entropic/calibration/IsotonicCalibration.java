package dev.entropic.calibration;

import dev.entropic.core.Checks;
import java.util.Arrays;

/**
 * Isotonic-regression calibration for binary scores (Zadrozny and Elkan 2002): the non-decreasing
 * step function \(f\) minimising \(\sum_i (y_i - f(s_i))^2\), found by pool-adjacent-violators.
 *
 * <p>Conventions (scikit-learn's {@code IsotonicRegression(out_of_bounds='clip')}): equal scores
 * are first merged into one point with the mean label and their count as weight; PAV is run on the
 * merged points in increasing score order; a new score is mapped by linear interpolation between
 * the fitted points \((x_j, f_j)\), and clipped to \(f_1\) below \(x_1\) and to \(f_m\) above
 * \(x_m\). Interior points of constant runs are dropped (this does not change the map).
 * Scores are real values; with {@link ScoreInput#PROBABILITY} the logit of the probability is used
 * (a monotone change of variable, which changes only the interpolation between fitted points).
 *
 * <p>References: B. Zadrozny, C. Elkan, "Transforming Classifier Scores into Accurate Multiclass
 * Probability Estimates", KDD 2002; R. E. Barlow et al., "Statistical Inference under Order
 * Restrictions", 1972.
 */
public final class IsotonicCalibration {
    private final ScoreInput input;

    private IsotonicCalibration(ScoreInput input) {
        this.input = input;
    }

    /** Real-valued scores. */
    public static IsotonicCalibration withDefaults() {
        return new IsotonicCalibration(ScoreInput.SCORE);
    }

    /** Returns a copy with the given input kind. */
    public IsotonicCalibration withInput(ScoreInput newInput) {
        return new IsotonicCalibration(Checks.requireNonNull("input", newInput));
    }

    /** Fits on {@code [n][1]} scores and 0/1 labels; not modified. */
    public IsotonicModel fit(double[][] scores, int[] labels) {
        Logits z = Logits.of(scores, labels, input);
        if (!z.binary) {
            throw Checks.fail("scores must have one column for isotonic calibration, got %d", scores[0].length);
        }
        int n = z.n;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = z.values[2 * i + 1];
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[a], s[b]));
        // Merge ties: x unique, value = mean label, weight = count.
        double[] x = new double[n];
        double[] v = new double[n];
        double[] w = new double[n];
        int m = 0;
        for (int t = 0; t < n; t++) {
            int i = order[t];
            if (m > 0 && s[i] == x[m - 1]) {
                v[m - 1] += labels[i];
                w[m - 1] += 1;
            } else {
                x[m] = s[i];
                v[m] = labels[i];
                w[m] = 1;
                m++;
            }
        }
        for (int j = 0; j < m; j++) {
            v[j] /= w[j];
        }
        // PAV with a block stack.
        double[] bv = new double[m];
        double[] bw = new double[m];
        int[] bEnd = new int[m];
        int blocks = 0;
        for (int j = 0; j < m; j++) {
            bv[blocks] = v[j];
            bw[blocks] = w[j];
            bEnd[blocks] = j;
            blocks++;
            while (blocks > 1 && bv[blocks - 2] >= bv[blocks - 1]) {
                double nw = bw[blocks - 2] + bw[blocks - 1];
                bv[blocks - 2] = (bw[blocks - 2] * bv[blocks - 2] + bw[blocks - 1] * bv[blocks - 1]) / nw;
                bw[blocks - 2] = nw;
                bEnd[blocks - 2] = bEnd[blocks - 1];
                blocks--;
            }
        }
        double[] fitted = new double[m];
        int start = 0;
        for (int b = 0; b < blocks; b++) {
            for (int j = start; j <= bEnd[b]; j++) {
                fitted[j] = bv[b];
            }
            start = bEnd[b] + 1;
        }
        // Keep the ends of each constant run.
        double[] kx = new double[m];
        double[] ky = new double[m];
        int kept = 0;
        for (int j = 0; j < m; j++) {
            boolean interior = j > 0 && j < m - 1 && fitted[j - 1] == fitted[j] && fitted[j + 1] == fitted[j];
            if (!interior) {
                kx[kept] = x[j];
                ky[kept] = fitted[j];
                kept++;
            }
        }
        return IsotonicModel.of(Arrays.copyOf(kx, kept), Arrays.copyOf(ky, kept), input);
    }
}
