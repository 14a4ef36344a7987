package dev.entropic.calibration;

import dev.entropic.core.Checks;

/**
 * The scaling-binning calibrator of Kumar, Liang and Ma (2019) for binary scores.
 *
 * <p><b>Three-way split</b> ({@link #fit(double[][], int[], double[][], double[][])}, the paper's
 * §4.1): fit a Platt map \(g\) on \(T_1\); build \(B\) equal-mass bins of \(g\)'s outputs on the
 * scores \(T_2\); output in each bin the mean of \(g\) over the scores \(T_3\) that fall in it (an
 * empty bin outputs the mean of \(g\) over the \(T_2\) values in it, so the map stays defined).
 *
 * <p><b>No split</b> ({@link #fit(double[][], int[])}, the reference library
 * {@code uncertainty-calibration}'s {@code PlattBinnerCalibrator}): \(g\) is the unpenalised
 * log-loss Platt fit on all the data (on \(\operatorname{logit} p\) with
 * {@link ScoreInput#PROBABILITY}); edges are the midpoints between consecutive chunks of
 * \(\lceil n/B\rceil\) sorted \(g\) values, then 1 (ties merge bins); bins are \((e_{j-1}, e_j]\);
 * each bin outputs the mean of \(g\) over the same data. (The reference fits Platt with
 * scikit-learn's {@code C=1e10}; ours is the exact unpenalised optimum.)
 *
 * <p>The output takes at most \(B\) distinct values and is non-decreasing in the score when
 * \(g\) is (slope ≥ 0).
 *
 * <p>References: A. Kumar, P. Liang, T. Ma, "Verified Uncertainty Calibration", NeurIPS 2019.
 */
public final class ScalingBinning {
    private final PlattScaling platt;
    private final int bins;

    private ScalingBinning(PlattScaling platt, int bins) {
        this.platt = platt;
        this.bins = bins;
    }

    /** 15 bins, Platt on real-valued scores. */
    public static ScalingBinning withDefaults() {
        return new ScalingBinning(PlattScaling.withDefaults(), 15);
    }

    /** Returns a copy with B bins. */
    public ScalingBinning withBins(int b) {
        return new ScalingBinning(platt, Checks.requirePositive("bins", b));
    }

    /** Returns a copy with the given input kind. */
    public ScalingBinning withInput(ScoreInput input) {
        return new ScalingBinning(platt.withInput(input), bins);
    }

    /** The reference library's no-split variant. */
    public BinnedModel fit(double[][] scores, int[] labels) {
        PlattModel g = platt.fit(scores, labels);
        double[][] gv = g.predict(scores);
        return build(g, column(gv), column(gv));
    }

    /** The paper's three-way split: Platt on (t1Scores, t1Labels), edges on t2, means on t3. */
    public BinnedModel fit(double[][] t1Scores, int[] t1Labels, double[][] t2Scores, double[][] t3Scores) {
        PlattModel g = platt.fit(t1Scores, t1Labels);
        return build(g, column(g.predict(t2Scores)), column(g.predict(t3Scores)));
    }

    private BinnedModel build(PlattModel g, double[] edgeValues, double[] meanValues) {
        double[] edges = BinnedModel.dropEmptyBins(BinnedModel.equalMassEdges(edgeValues, bins, 1.0), edgeValues);
        double[] sum = new double[edges.length];
        double[] cnt = new double[edges.length];
        for (double v : meanValues) {
            int b = BinnedModel.bin(edges, v);
            sum[b] += v;
            cnt[b]++;
        }
        double[] fallbackSum = new double[edges.length];
        double[] fallbackCnt = new double[edges.length];
        for (double v : edgeValues) {
            int b = BinnedModel.bin(edges, v);
            fallbackSum[b] += v;
            fallbackCnt[b]++;
        }
        double[] out = new double[edges.length];
        for (int b = 0; b < edges.length; b++) {
            out[b] = cnt[b] > 0 ? sum[b] / cnt[b] : fallbackSum[b] / fallbackCnt[b];
        }
        return BinnedModel.of(edges, out, g, g.input());
    }

    private static double[] column(double[][] a) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i][0];
        }
        return c;
    }
}
