package dev.entropic.calibration;

import dev.entropic.core.Checks;

/**
 * Histogram binning (Zadrozny and Elkan 2001) for binary scores with \(B\) equal-mass bins: the
 * edges are the midpoints between consecutive chunks of \(\lceil n/B\rceil\) sorted scores (ties
 * merge bins, so there may be fewer than \(B\)), the last edge is \(+\infty\), bins are
 * \((e_{j-1}, e_j]\), and the output of a bin is its fraction of positive labels. The output takes
 * at most \(B\) distinct values; it need not be monotone in the score.
 *
 * <p>References: B. Zadrozny, C. Elkan, "Obtaining calibrated probability estimates from decision
 * trees and naive Bayesian classifiers", ICML 2001.
 */
public final class HistogramBinning {
    private final ScoreInput input;
    private final int bins;

    private HistogramBinning(ScoreInput input, int bins) {
        this.input = input;
        this.bins = bins;
    }

    /** 15 bins, real-valued scores. */
    public static HistogramBinning withDefaults() {
        return new HistogramBinning(ScoreInput.SCORE, 15);
    }

    /** Returns a copy with B bins. */
    public HistogramBinning withBins(int b) {
        return new HistogramBinning(input, Checks.requirePositive("bins", b));
    }

    /** Returns a copy with the given input kind. */
    public HistogramBinning withInput(ScoreInput newInput) {
        return new HistogramBinning(Checks.requireNonNull("input", newInput), bins);
    }

    /** Fits on {@code [n][1]} scores and 0/1 labels. */
    public BinnedModel fit(double[][] scores, int[] labels) {
        Logits z = Logits.of(scores, labels, input);
        if (!z.binary) {
            throw Checks.fail("scores must have one column for histogram binning, got %d", scores[0].length);
        }
        double[] s = new double[z.n];
        for (int i = 0; i < z.n; i++) {
            s[i] = z.values[2 * i + 1];
        }
        double[] edges = BinnedModel.dropEmptyBins(BinnedModel.equalMassEdges(s, bins, Double.POSITIVE_INFINITY), s);
        double[] pos = new double[edges.length];
        double[] cnt = new double[edges.length];
        for (int i = 0; i < z.n; i++) {
            int b = BinnedModel.bin(edges, s[i]);
            pos[b] += labels[i];
            cnt[b]++;
        }
        for (int b = 0; b < edges.length; b++) {
            pos[b] /= cnt[b];
        }
        return BinnedModel.of(edges, pos, null, input);
    }
}
