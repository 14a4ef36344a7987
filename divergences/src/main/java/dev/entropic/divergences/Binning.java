package dev.entropic.divergences;

import dev.entropic.core.Checks;
import java.util.Arrays;

/**
 * Bins for raw scores, fitted on a baseline sample and applied to any sample, so that
 * {@link PopulationStabilityIndex} (or {@link InformationValue}) can start from scores.
 *
 * <p>A binning is a strictly increasing list of cut points {@code c_1 < … < c_{k−1}}; the bins are
 * the right-closed intervals {@code (−∞, c_1], (c_1, c_2], …, (c_{k−1}, +∞)}, so bin {@code j}
 * (0-based) holds {@code x} when {@code c_j < x ≤ c_{j+1}} and every real value, including values of
 * the current sample outside the baseline's range, falls in exactly one bin. (This is
 * {@code numpy.searchsorted(cuts, x, side='left')}.) Scores must be finite; NaN is rejected.
 *
 * <ul>
 * <li>{@link #equalWidth(double[], int)}: {@code c_j = min + j (max − min)/k}, {@code j = 1..k−1},
 *     over the baseline's range.</li>
 * <li>{@link #quantiles(double[], int)}: {@code c_j} = the baseline's {@code j/k} quantile with
 *     linear interpolation between order statistics (Hyndman–Fan type 7, numpy's default
 *     {@code numpy.quantile(x, j/k)}). Tied quantiles (a baseline with repeated values) are merged, so
 *     there may be fewer than {@code k} bins; {@link #bins()} tells how many.</li>
 * <li>{@link #ofCutPoints(double...)}: cut points of your own.</li>
 * </ul>
 * A constant baseline is rejected (it has no spread to bin).
 */
public final class Binning {
    private final double[] cuts;

    private Binning(double[] cuts) {
        this.cuts = cuts;
    }

    /** A binning with the given cut points: finite, strictly increasing, at least one. */
    public static Binning ofCutPoints(double... cutPoints) {
        Checks.requireFiniteArray("cutPoints", cutPoints);
        for (int i = 1; i < cutPoints.length; i++) {
            if (!(cutPoints[i] > cutPoints[i - 1])) {
                throw Checks.fail("cutPoints must be strictly increasing: cutPoints[%d] = %s, cutPoints[%d] = %s",
                        i - 1, cutPoints[i - 1], i, cutPoints[i]);
            }
        }
        return new Binning(cutPoints.clone());
    }

    /** {@code k} equal-width bins over {@code [min, max]} of the baseline ({@code k ≥ 2}). */
    public static Binning equalWidth(double[] baseline, int k) {
        Checks.requireFiniteArray("baseline", baseline);
        requireBinCount(k);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : baseline) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        if (!(max > min)) {
            throw Checks.fail("baseline is constant (%s): it yields a single bin", min);
        }
        double width = (max - min) / k;
        double[] c = new double[k - 1];
        for (int j = 1; j < k; j++) {
            c[j - 1] = min + j * width;
        }
        return new Binning(dedupe(c));
    }

    /** Bins at the baseline's {@code j/k} quantiles (numpy's linear interpolation), ties merged ({@code k ≥ 2}). */
    public static Binning quantiles(double[] baseline, int k) {
        Checks.requireFiniteArray("baseline", baseline);
        requireBinCount(k);
        double[] x = baseline.clone();
        Arrays.sort(x);
        int n = x.length;
        if (!(x[n - 1] > x[0])) {
            throw Checks.fail("baseline is constant (%s): it yields a single bin", x[0]);
        }
        double[] c = new double[k - 1];
        for (int j = 1; j < k; j++) {
            double q = (double) j / k;
            double h = (n - 1) * q;
            int lo = (int) Math.floor(h);
            if (lo >= n - 1) {
                c[j - 1] = x[n - 1];
                continue;
            }
            double t = h - lo;
            double a = x[lo];
            double b = x[lo + 1];
            double diff = b - a;
            // numpy's _lerp: symmetric form, exact at both ends.
            c[j - 1] = t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
        }
        double[] cuts = dedupe(c);
        return new Binning(cuts);
    }

    private static void requireBinCount(int k) {
        if (k < 2) {
            throw Checks.fail("k (the number of bins) must be at least 2: %d", k);
        }
    }

    private static double[] dedupe(double[] sorted) {
        int m = 0;
        double[] out = new double[sorted.length];
        for (double v : sorted) {
            if (m == 0 || v > out[m - 1]) {
                out[m++] = v;
            }
        }
        return Arrays.copyOf(out, m);
    }

    /** The number of bins, {@code cutPoints().length + 1}. */
    public int bins() {
        return cuts.length + 1;
    }

    /** The cut points {@code c_1 < … < c_{k−1}} (a copy). */
    public double[] cutPoints() {
        return cuts.clone();
    }

    /** The 0-based bin of {@code x}: the number of cut points strictly below {@code x}. */
    public int binOf(double x) {
        if (Double.isNaN(x)) {
            throw Checks.fail("x is NaN");
        }
        return lowerBound(x);
    }

    private int lowerBound(double x) {
        int lo = 0;
        int hi = cuts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cuts[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The per-bin counts of {@code values} (finite, non-empty). */
    public double[] counts(double[] values) {
        return counts("values", values);
    }

    double[] counts(String name, double[] values) {
        Checks.requireFiniteArray(name, values);
        double[] out = new double[bins()];
        for (double v : values) {
            out[lowerBound(v)]++;
        }
        return out;
    }

    @Override
    public String toString() {
        return "Binning" + Arrays.toString(cuts);
    }
}
