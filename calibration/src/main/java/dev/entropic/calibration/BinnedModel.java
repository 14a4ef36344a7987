package dev.entropic.calibration;

import dev.entropic.core.Checks;
import java.util.Arrays;

/**
 * A fitted piecewise-constant map of binary scores: upper bin edges \(e_1 < \dots < e_B\) and one
 * output per bin. A score \(s\) falls in the first bin \(j\) with \(s \le e_j\) (intervals
 * \((e_{j-1}, e_j]\), {@code bisect_left}); scores above \(e_B\) go to the last bin. Equal-mass
 * edges whose bin would be empty on the fitting data (ties straddling a chunk boundary) are dropped,
 * merging the empty bin into its neighbour (the reference library would output NaN there). Used by
 * {@link HistogramBinning} and {@link ScalingBinning}.
 *
 * <p>For {@link HistogramBinning} the edges live on the score scale (after the input transform);
 * for {@link ScalingBinning} they live on the scale of the fitted Platt map's output, which is
 * applied first ({@code platt} non-null).
 */
public final class BinnedModel implements CalibrationModel {
    private final double[] edges;
    private final double[] outputs;
    private final PlattModel platt;
    private final ScoreInput input;

    private BinnedModel(double[] edges, double[] outputs, PlattModel platt, ScoreInput input) {
        this.edges = edges;
        this.outputs = outputs;
        this.platt = platt;
        this.input = input;
    }

    /** Validates and copies: strictly increasing edges, outputs in [0, 1], equal non-zero length. */
    public static BinnedModel of(double[] edges, double[] outputs, PlattModel platt, ScoreInput input) {
        Checks.requireNonNull("edges", edges);
        Checks.requireNonNull("outputs", outputs);
        Checks.requireNonNull("input", input);
        if (edges.length == 0 || edges.length != outputs.length) {
            throw Checks.fail("edges and outputs must be non-empty and equally long: %d vs %d", edges.length,
                    outputs.length);
        }
        for (int j = 0; j < edges.length; j++) {
            if (Double.isNaN(edges[j]) || (j > 0 && !(edges[j] > edges[j - 1]))) {
                throw Checks.fail("edges[%d] is not above edges[%d]: %s", j, j - 1, edges[j]);
            }
            Checks.requireInRange("outputs[" + j + "]", outputs[j], 0, 1);
        }
        return new BinnedModel(edges.clone(), outputs.clone(), platt, input);
    }

    /** A copy of the upper bin edges. */
    public double[] edges() {
        return edges.clone();
    }

    /** A copy of the per-bin outputs. */
    public double[] outputs() {
        return outputs.clone();
    }

    /** The scaling map applied before binning, or null for plain histogram binning. */
    public PlattModel platt() {
        return platt;
    }

    /** What the scores are. */
    @Override
    public ScoreInput input() {
        return input;
    }

    /** Calibrated {@code [n][1]} = P(y=1) for {@code [n][1]} scores. */
    @Override
    public double[][] predict(double[][] scores) {
        double[][] g = platt != null ? platt.predict(scores) : null;
        Logits z = g != null ? null : Logits.of(scores, input);
        if (z != null && !z.binary) {
            throw Checks.fail("scores must have one column, got %d", scores[0].length);
        }
        double[][] out = new double[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            double v = g != null ? g[i][0] : z.values[2 * i + 1];
            out[i] = new double[] {outputs[bin(edges, v)]};
        }
        return out;
    }

    static int bin(double[] edges, double v) {
        int j = Arrays.binarySearch(edges, v);
        if (j < 0) {
            j = -j - 1;
        }
        return Math.min(j, edges.length - 1);
    }

    /**
     * Drops the edges of bins that hold none of {@code values} (possible when ties straddle a chunk
     * boundary): an empty bin merges into the next one, an empty last bin into the previous one.
     */
    static double[] dropEmptyBins(double[] edges, double[] values) {
        int[] cnt = new int[edges.length];
        for (double v : values) {
            cnt[bin(edges, v)]++;
        }
        double[] kept = new double[edges.length];
        int m = 0;
        for (int j = 0; j < edges.length - 1; j++) {
            if (cnt[j] > 0) {
                kept[m++] = edges[j];
            }
        }
        kept[m++] = edges[edges.length - 1];
        if (cnt[edges.length - 1] == 0 && m > 1) {
            kept[m - 2] = kept[m - 1];
            m--;
        }
        return Arrays.copyOf(kept, m);
    }

    /**
     * Equal-mass upper edges of {@code values}: chunks of \(\lceil n/B\rceil\) sorted values,
     * midpoints between chunks, then {@code last}; equal edges merged.
     */
    static double[] equalMassEdges(double[] values, int bins, double last) {
        int n = values.length;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int parts = Math.min(bins, n);
        int size = (n + parts - 1) / parts;
        double[] e = new double[parts + 1];
        int m = 0;
        for (int end = size; end < n; end += size) {
            double mid = (sorted[end - 1] + sorted[end]) / 2;
            if (m == 0 || mid != e[m - 1]) {
                e[m++] = mid;
            }
        }
        if (m == 0 || e[m - 1] != last) {
            e[m++] = last;
        }
        return Arrays.copyOf(e, m);
    }
}
