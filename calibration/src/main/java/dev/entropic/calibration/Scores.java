package dev.entropic.calibration;

import dev.entropic.core.Checks;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Proper scores and accuracy of probabilistic predictions. Inputs are {@code [n][k]} probability
 * rows or {@code [n][1]} = P(y=1) with 0/1 labels; arrays are not modified.
 *
 * <ul>
 *   <li>Brier score \(\frac1n\sum_i\sum_j (p_{ij} - 1[y_i = j])^2\) (Brier 1950); for one column it is
 *       the binary \(\frac1n\sum_i (p_i - y_i)^2\), scikit-learn's {@code brier_score_loss}.</li>
 *   <li>Murphy's decomposition (Murphy 1973), per class \(j\) with the forecasts grouped by their
 *       distinct values \(f\) (\(n_f\) cases, outcome rate \(\bar o_f\), base rate \(\bar o\)):
 *       reliability \(\frac1n\sum_f n_f (f - \bar o_f)^2\), resolution
 *       \(\frac1n\sum_f n_f(\bar o_f - \bar o)^2\), uncertainty \(\bar o(1 - \bar o)\), summed over
 *       classes (one column: the class y = 1 only); then Brier = reliability − resolution +
 *       uncertainty exactly (up to rounding).</li>
 *   <li>NLL \(-\frac1n\sum_i \log p_{i y_i}\) (natural log; one column: \(\log p_i\) or
 *       \(\log(1 - p_i)\)); \(+\infty\) if a true class has probability 0.</li>
 *   <li>Accuracy: fraction with \(\arg\max_j p_{ij} = y_i\) (ties to the lowest index; one column:
 *       predicts 1 iff \(p_i > 1/2\)).</li>
 * </ul>
 *
 * <p>References: G. W. Brier, Monthly Weather Review 78, 1950; A. H. Murphy, "A New Vector
 * Partition of the Probability Score", J. Applied Meteorology 12, 1973.
 */
public final class Scores {
    private Scores() {
    }

    /** Reliability − resolution + uncertainty = brier. */
    public record MurphyDecomposition(double brier, double reliability, double resolution, double uncertainty) {
    }

    /** The Brier score. */
    public static double brier(double[][] probs, int[] labels) {
        int k = validate(probs, labels);
        double total = 0;
        for (int i = 0; i < probs.length; i++) {
            if (probs[i].length == 1) {
                double d = probs[i][0] - labels[i];
                total += d * d;
            } else {
                for (int j = 0; j < k; j++) {
                    double d = probs[i][j] - (labels[i] == j ? 1 : 0);
                    total += d * d;
                }
            }
        }
        return total / probs.length;
    }

    /** Murphy's decomposition of the Brier score. */
    public static MurphyDecomposition murphy(double[][] probs, int[] labels) {
        validate(probs, labels);
        int n = probs.length;
        int cols = probs[0].length;
        double rel = 0;
        double res = 0;
        double unc = 0;
        double[] f = new double[n];
        double[] o = new double[n];
        Integer[] order = new Integer[n];
        for (int j = 0; j < cols; j++) {
            int positive = cols == 1 ? 1 : j;
            double base = 0;
            for (int i = 0; i < n; i++) {
                f[i] = probs[i][j];
                o[i] = labels[i] == positive ? 1 : 0;
                base += o[i];
                order[i] = i;
            }
            base /= n;
            Arrays.sort(order, (a, b) -> Double.compare(f[a], f[b]));
            int t = 0;
            while (t < n) {
                int u = t;
                double hits = 0;
                while (u < n && f[order[u]] == f[order[t]]) {
                    hits += o[order[u]];
                    u++;
                }
                int count = u - t;
                double rate = hits / count;
                double fv = f[order[t]];
                rel += count * (fv - rate) * (fv - rate);
                res += count * (rate - base) * (rate - base);
                t = u;
            }
            unc += base * (1 - base);
        }
        return new MurphyDecomposition(brier(probs, labels), rel / n, res / n, unc);
    }

    /** Mean negative log-likelihood (natural log). */
    public static double negativeLogLikelihood(double[][] probs, int[] labels) {
        validate(probs, labels);
        double total = 0;
        for (int i = 0; i < probs.length; i++) {
            double p = probs[i].length == 1 ? (labels[i] == 1 ? probs[i][0] : 1 - probs[i][0]) : probs[i][labels[i]];
            total -= Math.log(p);
        }
        return total / probs.length;
    }

    /** Fraction of correct argmax predictions. */
    public static double accuracy(double[][] probs, int[] labels) {
        validate(probs, labels);
        int correct = 0;
        for (int i = 0; i < probs.length; i++) {
            double[] row = probs[i];
            int arg;
            if (row.length == 1) {
                arg = row[0] > 0.5 ? 1 : 0;
            } else {
                arg = 0;
                for (int j = 1; j < row.length; j++) {
                    if (row[j] > row[arg]) {
                        arg = j;
                    }
                }
            }
            if (arg == labels[i]) {
                correct++;
            }
        }
        return (double) correct / probs.length;
    }

    static int validate(double[][] probs, int[] labels) {
        Checks.requireNonNull("probs", probs);
        Checks.requireNonNull("labels", labels);
        if (probs.length == 0) {
            throw Checks.fail("probs is empty");
        }
        if (probs.length != labels.length) {
            throw Checks.fail("probs and labels differ in length: %d vs %d", probs.length, labels.length);
        }
        int cols = Checks.requireNonNull("probs[0]", probs[0]).length;
        if (cols == 0) {
            throw Checks.fail("probs[0] has no columns");
        }
        int k = cols == 1 ? 2 : cols;
        for (int i = 0; i < probs.length; i++) {
            double[] row = Checks.requireNonNull("probs[" + i + "]", probs[i]);
            if (row.length != cols) {
                throw Checks.fail("probs[%d] has %d columns, expected %d", i, row.length, cols);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                if (!(row[j] >= 0 && row[j] <= 1)) {
                    throw Checks.fail("probs[%d][%d] is not a probability in [0, 1]: %s", i, j, row[j]);
                }
                sum += row[j];
            }
            if (cols > 1 && !(Math.abs(sum - 1) <= Checks.PROBABILITY_SUM_TOLERANCE)) {
                throw Checks.fail("probs[%d] sums to %s, not 1", i, sum);
            }
            if (labels[i] < 0 || labels[i] >= k) {
                throw Checks.fail("labels[%d] is out of range 0..%d: %d", i, k - 1, labels[i]);
            }
        }
        return k;
    }

    /**
     * A seeded percentile bootstrap interval for any score of (probabilities, labels), such as
     * {@link #brier}, {@link #negativeLogLikelihood} or {@link #accuracy}: {@code resamples}
     * resamples of the rows with replacement; the interval holds the type-7 {@code (1−c)/2} and
     * {@code (1+c)/2} quantiles of the resampled scores ({@code confidence} is a fraction: 0.95 is a
     * 95% interval), the same convention as {@link CalibrationError#bootstrap}.
     */
    public static CalibrationError.Interval bootstrap(java.util.function.ToDoubleBiFunction<double[][], int[]> score,
            double[][] probs, int[] labels, int resamples, double confidence, UniformRandomProvider rng) {
        Checks.requireNonNull("score", score);
        Checks.requireNonNull("probs", probs);
        Checks.requireNonNull("labels", labels);
        Checks.requirePositive("resamples", resamples);
        if (!(confidence > 0 && confidence < 1)) {
            throw Checks.fail("confidence must be in (0, 1) (a fraction, not a percentage): %s", confidence);
        }
        Checks.requireNonNull("rng", rng);
        if (probs.length != labels.length || probs.length == 0) {
            throw Checks.fail("probs and labels must have the same positive length: %d vs %d", probs.length, labels.length);
        }
        double value = score.applyAsDouble(probs, labels);
        int n = probs.length;
        double[][] p = new double[n][];
        int[] y = new int[n];
        double[] draws = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                int j = rng.nextInt(n);
                p[i] = probs[j];
                y[i] = labels[j];
            }
            draws[r] = score.applyAsDouble(p, y);
        }
        Arrays.sort(draws);
        return new CalibrationError.Interval(value, CalibrationError.quantile(draws, (1 - confidence) / 2),
                CalibrationError.quantile(draws, (1 + confidence) / 2), confidence, resamples);
    }
}
