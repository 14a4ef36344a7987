package dev.entropic.calibration;

import dev.entropic.core.Checks;

/**
 * The binary reliability curve (scikit-learn's {@code calibration_curve(strategy="uniform")}):
 * predictions P(y = 1) in B equal-width bins {@code (e_{j−1}, e_j]}, {@code e_j = j/B} (the first bin
 * also takes 0), and per non-empty bin the mean prediction and the fraction of positives. Empty
 * bins are left out, as scikit-learn does. (scikit-learn's edges are {@code j(1 + 1e-8)/B}; values
 * within 1e-8 of an edge may fall in the neighbouring bin there.)
 *
 * @param meanPredicted    mean prediction per non-empty bin, increasing
 * @param fractionPositive fraction of label 1 per non-empty bin
 * @param counts           points per non-empty bin
 * @param bins             index (0..B−1) of each non-empty bin
 */
public record ReliabilityCurve(double[] meanPredicted, double[] fractionPositive, int[] counts, int[] bins) {
    /** Copies (accessors return the arrays themselves: treat them as read-only). */
    public ReliabilityCurve {
        bins = bins.clone();
        meanPredicted = meanPredicted.clone();
        fractionPositive = fractionPositive.clone();
        counts = counts.clone();
    }

    /**
     * The curve of binary predictions.
     *
     * @param probability P(y = 1) per point, in [0, 1]
     * @param labels      0 or 1 per point
     * @param bins        B ≥ 1
     */
    public static ReliabilityCurve of(double[] probability, int[] labels, int bins) {
        Checks.requireNonNull("probability", probability);
        Checks.requireNonNull("labels", labels);
        Checks.requirePositive("bins", bins);
        if (probability.length != labels.length || probability.length == 0) {
            throw Checks.fail("probability and labels must have the same positive length: %d vs %d",
                    probability.length, labels.length);
        }
        double[] sumP = new double[bins];
        double[] sumY = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < probability.length; i++) {
            double p = probability[i];
            if (!(p >= 0 && p <= 1)) {
                throw Checks.fail("probability[%d] is not in [0, 1]: %s", i, p);
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw Checks.fail("labels[%d] must be 0 or 1: %d", i, labels[i]);
            }
            int b = CalibrationError.widthBin(p, bins);
            sumP[b] += p;
            sumY[b] += labels[i];
            count[b]++;
        }
        int m = 0;
        for (int c : count) {
            m += c > 0 ? 1 : 0;
        }
        double[] mp = new double[m];
        double[] fp = new double[m];
        int[] n = new int[m];
        int[] at = new int[m];
        for (int b = 0, t = 0; b < bins; b++) {
            if (count[b] > 0) {
                mp[t] = sumP[b] / count[b];
                fp[t] = sumY[b] / count[b];
                at[t] = b;
                n[t++] = count[b];
            }
        }
        return new ReliabilityCurve(mp, fp, n, at);
    }
}
