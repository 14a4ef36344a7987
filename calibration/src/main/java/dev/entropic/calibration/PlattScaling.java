package dev.entropic.calibration;

import dev.entropic.core.Checks;

/**
 * Platt scaling for binary scores: \(P(y = 1 \mid s) = \sigma(a s + b)\), with \((a, b)\) the
 * plain maximum-likelihood logistic fit (no regularisation) minimising
 * \[ -\sum_i \big[t_i \log \sigma(a s_i + b) + (1 - t_i) \log(1 - \sigma(a s_i + b))\big], \]
 * where the targets are \(t_i = y_i\) by default. With {@link #withTargetSmoothing(boolean)} they
 * are Platt's (1999) smoothed targets \(t_+ = (N_+ + 1)/(N_+ + 2)\), \(t_- = 1/(N_- + 2)\), which
 * keep the fit finite on separable data.
 *
 * <p>The fit is Newton's method with the exact 2×2 Hessian and step halving until the loss does
 * not increase; it stops when the Newton decrement \(\nabla^\top H^{-1} \nabla / 2\) falls below
 * {@link #withTolerance tolerance} per point (default \(10^{-15}\)). On separable data without
 * smoothing the maximum-likelihood estimate does not exist (a class is absent, or a threshold on
 * \(s\) separates the classes); the fit is then returned with {@code converged = false}.
 *
 * <p>Scores: a single column \(s\) ({@link ScoreInput#SCORE}), or a probability \(p\) mapped to
 * \(s = \operatorname{logit} p\) ({@link ScoreInput#PROBABILITY}, as {@code uncertainty-calibration}
 * does). Matches scikit-learn's {@code LogisticRegression(penalty='none')} on the single feature.
 *
 * <p>References: J. Platt, "Probabilistic Outputs for Support Vector Machines and Comparisons to
 * Regularized Likelihood Methods", Advances in Large Margin Classifiers, 1999.
 */
public final class PlattScaling {
    private static final double DEFAULT_TOLERANCE = 1e-15;
    private static final int DEFAULT_MAX_ITERATIONS = 100;
    private static final int MAX_HALVINGS = 60;

    private final ScoreInput input;
    private final boolean targetSmoothing;
    private final double tolerance;
    private final int maxIterations;

    private PlattScaling(ScoreInput input, boolean targetSmoothing, double tolerance, int maxIterations) {
        this.input = input;
        this.targetSmoothing = targetSmoothing;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** Plain ML fit on real-valued scores. */
    public static PlattScaling withDefaults() {
        return new PlattScaling(ScoreInput.SCORE, false, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
    }

    /** Returns a copy with the given input kind. */
    public PlattScaling withInput(ScoreInput newInput) {
        return new PlattScaling(Checks.requireNonNull("input", newInput), targetSmoothing, tolerance, maxIterations);
    }

    /** Returns a copy that uses (or not) Platt's smoothed targets. */
    public PlattScaling withTargetSmoothing(boolean smoothing) {
        return new PlattScaling(input, smoothing, tolerance, maxIterations);
    }

    /** Returns a copy with the given tolerance on the per-point Newton decrement. */
    public PlattScaling withTolerance(double newTolerance) {
        return new PlattScaling(input, targetSmoothing, Checks.requirePositiveFinite("tolerance", newTolerance),
                maxIterations);
    }

    /** Returns a copy with the given iteration cap. */
    public PlattScaling withMaxIterations(int newMaxIterations) {
        return new PlattScaling(input, targetSmoothing, tolerance,
                Checks.requirePositive("maxIterations", newMaxIterations));
    }

    /**
     * Fits \((a, b)\).
     *
     * @param scores {@code [n][1]} binary scores; not modified
     * @param labels {@code n} labels in {0, 1}
     */
    public PlattModel fit(double[][] scores, int[] labels) {
        Logits z = Logits.of(scores, labels, input);
        if (!z.binary) {
            throw Checks.fail("scores must have one column for Platt scaling, got %d", scores[0].length);
        }
        int n = z.n;
        double[] s = new double[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            s[i] = z.values[2 * i + 1];
            positives += labels[i];
        }
        double tPos = targetSmoothing ? (positives + 1.0) / (positives + 2.0) : 1.0;
        double tNeg = targetSmoothing ? 1.0 / (n - positives + 2.0) : 0.0;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = labels[i] == 1 ? tPos : tNeg;
        }
        // Start at a = 0, b = log-odds of the mean target (the intercept-only optimum).
        double mean = 0;
        for (double ti : t) {
            mean += ti;
        }
        mean /= n;
        double a = 0;
        double b = mean > 0 && mean < 1 ? Math.log(mean / (1 - mean)) : 0;
        double loss = loss(s, t, a, b);
        boolean converged = false;
        int it = 0;
        while (it < maxIterations) {
            it++;
            double ga = 0;
            double gb = 0;
            double haa = 0;
            double hab = 0;
            double hbb = 0;
            for (int i = 0; i < n; i++) {
                double p = sigmoid(a * s[i] + b);
                double r = p - t[i];
                double w = p * (1 - p);
                ga += r * s[i];
                gb += r;
                haa += w * s[i] * s[i];
                hab += w * s[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (!(det > 0)) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            double decrement = 0.5 * (ga * da + gb * db);
            if (decrement <= tolerance * n) {
                a -= da;
                b -= db;
                converged = true;
                break;
            }
            double step = 1;
            double next = loss(s, t, a - da, b - db);
            int halvings = 0;
            while (!(next <= loss) && halvings < MAX_HALVINGS) {
                step *= 0.5;
                next = loss(s, t, a - step * da, b - step * db);
                halvings++;
            }
            if (!(next <= loss)) {
                break;
            }
            a -= step * da;
            b -= step * db;
            loss = next;
        }
        // Without smoothing the ML estimate exists iff the classes overlap on the score line
        // (both present and not separated by a threshold); otherwise the loss only approaches its
        // infimum as |a| or |b| grows, so whatever finite point the iteration reached is not a fit.
        return new PlattModel(a, b, input, targetSmoothing, it, converged && (targetSmoothing || overlaps(s, labels)));
    }

    private static boolean overlaps(double[] s, int[] labels) {
        double minPos = Double.POSITIVE_INFINITY;
        double maxPos = Double.NEGATIVE_INFINITY;
        double minNeg = Double.POSITIVE_INFINITY;
        double maxNeg = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.length; i++) {
            if (labels[i] == 1) {
                minPos = Math.min(minPos, s[i]);
                maxPos = Math.max(maxPos, s[i]);
            } else {
                minNeg = Math.min(minNeg, s[i]);
                maxNeg = Math.max(maxNeg, s[i]);
            }
        }
        return maxNeg > minPos && maxPos > minNeg;
    }

    /** Total log-loss, with log σ(x) = −log1p(e^{−x}) written stably. */
    private static double loss(double[] s, double[] t, double a, double b) {
        double total = 0;
        for (int i = 0; i < s.length; i++) {
            double x = a * s[i] + b;
            total += t[i] * softplus(-x) + (1 - t[i]) * softplus(x);
        }
        return total;
    }

    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
