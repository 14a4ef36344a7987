package dev.entropic.calibration;

import dev.entropic.core.Checks;

/**
 * A diagnostic for the failure mode of "On the Limitations of Temperature Scaling for
 * Distributions with Overlaps" (M. Chidambaram, R. Ge, ICLR 2024): where the classes overlap, the
 * Bayes-optimal confidence is well below 1 in some regions and near 1 elsewhere; a model trained to
 * low training loss is confident in both, and one shared temperature cannot lower its confidence
 * only where the classes overlap.
 *
 * <p><b>Estimates</b> (k nearest neighbours in a feature space, Euclidean, leave-one-out; by
 * default the logits themselves): for each point i the neighbour label frequencies
 * {@code η̂_i(c)}; the kNN estimate of the Bayes error {@code mean_i (1 − max_c η̂_i(c))}; the
 * overlap fraction, the share of points whose neighbourhood holds more than one label; and, from the
 * model's probabilities, the confidence gap {@code mean over overlapping points of
 * (max_c p_i(c) − max_c η̂_i(c))}, how much more confident the model is than its neighbourhood
 * where the classes overlap.
 *
 * <p><b>Warning</b> (a heuristic, thresholds are ours, not the paper's): temperature scaling is not
 * expected to calibrate when at least {@value #OVERLAP_THRESHOLD} of the points lie in overlapping
 * neighbourhoods and the confidence gap there is at least {@value #GAP_THRESHOLD}. The kNN
 * frequencies are themselves noisy (a k-point average), so small gaps are not evidence.
 */
public final class OverlapDiagnostic {
    /** Overlap fraction from which the warning can fire. */
    public static final double OVERLAP_THRESHOLD = 0.05;
    /** Confidence gap from which the warning can fire. */
    public static final double GAP_THRESHOLD = 0.1;

    /**
     * The diagnostic.
     *
     * @param bayesErrorEstimate kNN estimate of the Bayes error
     * @param overlapFraction    share of points whose k neighbours carry more than one label
     * @param confidenceGap      mean model confidence minus neighbourhood confidence over those points (0 if none)
     * @param k                  neighbours used
     * @param warning            whether temperature scaling is not expected to calibrate (see the class comment)
     */
    public record Result(double bayesErrorEstimate, double overlapFraction, double confidenceGap, int k,
                         boolean warning) {
    }

    private OverlapDiagnostic() {
    }

    /**
     * Runs the diagnostic with the logits as features.
     *
     * @param logits {@code [n][k]} logits (k ≥ 2), also the feature space
     * @param labels labels 0..k−1
     * @param neighbours the number of neighbours, 1 ≤ neighbours &lt; n
     */
    public static Result of(double[][] logits, int[] labels, int neighbours) {
        Logits z = Logits.of(logits, labels, ScoreInput.SCORE);
        if (z.binary) {
            throw Checks.fail("logits must have at least 2 columns, got 1");
        }
        double[][] p = new TemperatureScalingModel(1, ScoreInput.SCORE, false, 0, true).predict(logits); // softmax
        return of(logits, p, labels, neighbours);
    }

    /**
     * Runs the diagnostic in a given feature space with the model's probabilities.
     *
     * @param features   {@code [n][d]} points (e.g. embeddings or logits)
     * @param probs      {@code [n][k]} model probabilities
     * @param labels     labels 0..k−1
     * @param neighbours the number of neighbours, 1 ≤ neighbours &lt; n
     */
    public static Result of(double[][] features, double[][] probs, int[] labels, int neighbours) {
        Checks.requireNonNull("features", features);
        Checks.requireNonNull("probs", probs);
        Checks.requireNonNull("labels", labels);
        int n = features.length;
        if (n < 2 || probs.length != n || labels.length != n) {
            throw Checks.fail("features, probs and labels must have the same length >= 2: %d, %d, %d", n,
                    probs.length, labels.length);
        }
        if (neighbours < 1 || neighbours >= n) {
            throw Checks.fail("neighbours must be in [1, n - 1] = [1, %d]: %d", n - 1, neighbours);
        }
        int d = features[0].length;
        int k = probs[0].length;
        for (int i = 0; i < n; i++) {
            if (features[i].length != d) {
                throw Checks.fail("features[%d] has %d columns, expected %d", i, features[i].length, d);
            }
            for (double v : features[i]) {
                Checks.requireFinite("features[" + i + "]", v);
            }
            if (labels[i] < 0 || labels[i] >= k) {
                throw Checks.fail("labels[%d] is out of range 0..%d: %d", i, k - 1, labels[i]);
            }
        }
        double[] bayes = new double[n];
        double[] gap = new double[n];
        boolean[] mixed = new boolean[n];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            double[] dist = new double[neighbours];
            int[] who = new int[neighbours];
            java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double u = features[i][t] - features[j][t];
                    s += u * u;
                }
                if (s < dist[neighbours - 1]) { // insertion into the sorted k best (ties keep the lower index)
                    int at = neighbours - 1;
                    while (at > 0 && dist[at - 1] > s) {
                        dist[at] = dist[at - 1];
                        who[at] = who[at - 1];
                        at--;
                    }
                    dist[at] = s;
                    who[at] = j;
                }
            }
            int[] count = new int[k];
            int best = 0;
            for (int m = 0; m < neighbours; m++) {
                best = Math.max(best, ++count[labels[who[m]]]);
            }
            double eta = (double) best / neighbours;
            bayes[i] = 1 - eta;
            mixed[i] = best < neighbours;
            double conf = 0;
            for (double v : probs[i]) {
                conf = Math.max(conf, v);
            }
            gap[i] = conf - eta;
        });
        double b = 0;
        double g = 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            b += bayes[i];
            if (mixed[i]) {
                m++;
                g += gap[i];
            }
        }
        double overlap = (double) m / n;
        double confidenceGap = m == 0 ? 0 : g / m;
        return new Result(b / n, overlap, confidenceGap, neighbours,
                overlap >= OVERLAP_THRESHOLD && confidenceGap >= GAP_THRESHOLD);
    }
}
