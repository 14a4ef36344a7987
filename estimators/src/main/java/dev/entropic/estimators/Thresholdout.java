package dev.entropic.estimators;

import dev.entropic.core.Checks;
import java.util.function.ToDoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The reusable holdout: Thresholdout answers adaptively chosen statistical queries
 * \( \phi : \mathcal{X} \to [0, 1] \) with estimates of \( \mathbb{E}_P[\phi] \) that stay valid
 * however the queries were chosen, by reusing one holdout set \( S_h \) next to a training set
 * \( S_t \).
 *
 * <p>Algorithm (Dwork et al. 2015, Figure 1 of the CACM version). At construction draw
 * \( \gamma \sim \mathrm{Lap}(2\sigma) \) and set \( \hat T = T + \gamma \). For each query
 * \( \phi \):
 * <ol>
 *   <li>if the budget \( B < 1 \), refuse ({@link IllegalStateException} here);</li>
 *   <li>draw \( \eta \sim \mathrm{Lap}(4\sigma) \); if
 *       \( |\mathbb{E}_{S_h}[\phi] - \mathbb{E}_{S_t}[\phi]| > \hat T + \eta \), draw
 *       \( \xi \sim \mathrm{Lap}(\sigma) \) and a fresh \( \gamma \sim \mathrm{Lap}(2\sigma) \), set
 *       \( B \leftarrow B - 1 \), \( \hat T \leftarrow T + \gamma \) and answer
 *       \( \mathbb{E}_{S_h}[\phi] + \xi \);</li>
 *   <li>otherwise answer the training mean \( \mathbb{E}_{S_t}[\phi] \).</li>
 * </ol>
 * \( \mathrm{Lap}(b) \) is the Laplace law with density \( e^{-|x|/b}/(2b) \) (scale \( b \),
 * standard deviation \( \sqrt2\, b \)).
 *
 * <p>Parameters, as in the paper: the threshold \( T \) (the tolerated train–holdout gap, e.g.
 * 0.04 in the paper's experiment with \( n = 10\,000 \)), the noise scale \( \sigma \) (0.01 there)
 * and the overfitting budget \( B \) (the number of times a query may reveal the holdout). Theorem 9
 * of the CACM paper: for accuracy \( \tau \) with probability \( 1 - \beta \) over \( m \ge B \)
 * queries set \( T = 3\tau/4 \) and \( \sigma = \tau / (96 \ln(4m/\beta)) \), with a holdout of
 * size \( n \gtrsim \ln(m/\beta)\sqrt{B \ln(1/\beta)}/\tau^2 \) ({@link #theoremNineSigma} computes
 * \( \sigma \)). The guarantee assumes \( \phi \) takes values in \( [0, 1] \); other bounded
 * statistics are accepted but should be rescaled by the caller for the guarantee to apply.
 *
 * <p>The object is stateful (budget, current noisy threshold, random stream) and not thread-safe.
 * The caller's row arrays are read, never modified.
 *
 * <p>References: C. Dwork, V. Feldman, M. Hardt, T. Pitassi, O. Reingold, A. Roth, "The reusable
 * holdout: Preserving validity in adaptive data analysis", Science 349 (2015) 636–638;
 * "Preserving Statistical Validity in Adaptive Data Analysis", STOC 2015; "Guilt-free data reuse",
 * Communications of the ACM 60(4) (2017) 86–93.
 *
 * @param <T> the type of one data row
 */
public final class Thresholdout<T> {
    /** One answer: the value, whether the holdout was revealed, and the budget left after it. */
    public record Answer(double value, boolean usedHoldout, int remainingBudget,
                         double trainingMean, double holdoutMean) {
    }

    private final T[] training;
    private final T[] holdout;
    private final double threshold;
    private final double sigma;
    private final UniformRandomProvider rng;
    private int budget;
    private double noisyThreshold;
    private int queries;

    private Thresholdout(T[] training, T[] holdout, double threshold, double sigma, int budget,
                         UniformRandomProvider rng) {
        this.training = training;
        this.holdout = holdout;
        this.threshold = threshold;
        this.sigma = sigma;
        this.budget = budget;
        this.rng = rng;
        this.noisyThreshold = threshold + laplace(2 * sigma);
    }

    /**
     * A reusable holdout over {@code training} and {@code holdout} rows.
     *
     * @param threshold \( T \ge 0 \), finite
     * @param sigma     noise scale \( \sigma \ge 0 \), finite (0 disables noise: no guarantee)
     * @param budget    overfitting budget \( B \ge 1 \)
     * @param rng       random stream, e.g. {@code Rng.seeded(seed)}
     */
    public static <T> Thresholdout<T> of(T[] training, T[] holdout, double threshold, double sigma,
                                         int budget, UniformRandomProvider rng) {
        Checks.requireNonNull("training", training);
        Checks.requireNonNull("holdout", holdout);
        if (training.length == 0) {
            throw Checks.fail("training is empty");
        }
        if (holdout.length == 0) {
            throw Checks.fail("holdout is empty");
        }
        if (!(threshold >= 0 && threshold < Double.POSITIVE_INFINITY)) {
            throw Checks.fail("threshold must be non-negative and finite: %s", threshold);
        }
        if (!(sigma >= 0 && sigma < Double.POSITIVE_INFINITY)) {
            throw Checks.fail("sigma must be non-negative and finite: %s", sigma);
        }
        Checks.requirePositive("budget", budget);
        Checks.requireNonNull("rng", rng);
        return new Thresholdout<>(training.clone(), holdout.clone(), threshold, sigma, budget, rng);
    }

    /**
     * \( \sigma = \tau / (96 \ln(4m/\beta)) \) of Theorem 9 (CACM 2017) for accuracy \( \tau \),
     * failure probability \( \beta \) and \( m \) queries; the matching threshold is
     * \( T = 3\tau/4 \).
     */
    public static double theoremNineSigma(double tau, int queries, double beta) {
        Checks.requirePositiveFinite("tau", tau);
        Checks.requirePositive("queries", queries);
        if (!(beta > 0 && beta < 1)) {
            throw Checks.fail("beta must be in (0, 1): %s", beta);
        }
        return tau / (96 * Math.log(4.0 * queries / beta));
    }

    /**
     * Answers the query \( \phi \) (see the class documentation).
     *
     * @throws IllegalStateException    when the overfitting budget is exhausted
     * @throws IllegalArgumentException when \( \phi \) returns a non-finite value on some row
     */
    public Answer query(ToDoubleFunction<? super T> phi) {
        Checks.requireNonNull("phi", phi);
        if (budget < 1) {
            throw new IllegalStateException(Checks.format(
                "Thresholdout budget exhausted after %d queries: the holdout may no longer be reused", queries));
        }
        double trainMean = mean("training", training, phi);
        double holdMean = mean("holdout", holdout, phi);
        queries++;
        double eta = laplace(4 * sigma);
        if (Math.abs(holdMean - trainMean) > noisyThreshold + eta) {
            double xi = laplace(sigma);
            noisyThreshold = threshold + laplace(2 * sigma);
            budget--;
            return new Answer(holdMean + xi, true, budget, trainMean, holdMean);
        }
        return new Answer(trainMean, false, budget, trainMean, holdMean);
    }

    /** The overfitting budget left. */
    public int remainingBudget() {
        return budget;
    }

    /** The number of queries answered so far. */
    public int queries() {
        return queries;
    }

    private static <T> double mean(String name, T[] rows, ToDoubleFunction<? super T> phi) {
        double sum = 0;
        double c = 0;
        for (int i = 0; i < rows.length; i++) {
            double v = phi.applyAsDouble(rows[i]);
            if (!Double.isFinite(v)) {
                throw Checks.fail("phi is not finite on %s[%d]: %s", name, i, v);
            }
            double y = v - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        return sum / rows.length;
    }

    /** A Laplace(0, b) draw by inversion; 0 when b == 0. */
    private double laplace(double b) {
        if (b == 0) {
            return 0;
        }
        double u = rng.nextDouble() - 0.5;
        double a = 1 - 2 * Math.abs(u);
        if (a <= 0) {
            a = Double.MIN_NORMAL;
        }
        return -b * Math.signum(u) * Math.log(a);
    }
}
