package dev.entropic.calibration;

import dev.entropic.core.Checks;
import dev.entropic.core.FastExp;

/**
 * Temperature scaling (Guo, Pleiss, Sun, Weinberger 2017): one temperature \(T > 0\) shared by all
 * classes, \(\hat p_i = \operatorname{softmax}(z_i / T)\), chosen to minimise the mean negative
 * log-likelihood on a validation set
 * \[ L(T) = \frac1n \sum_i \Big[\log \sum_j e^{z_{ij}/T} - z_{i y_i}/T\Big]. \]
 *
 * <p><b>Solver.</b> With \(\beta = 1/T\), \(L\) is convex in \(\beta\):
 * \(L'(\beta) = \frac1n\sum_i (\mathbb E_{p_i}[z_i] - z_{iy_i})\) and
 * \(L''(\beta) = \frac1n\sum_i \operatorname{Var}_{p_i}[z_i] \ge 0\), so the minimiser is unique
 * when it exists. The solve is a Newton iteration in \(u = \log T\) (\(\beta = e^{-u}\)) with the
 * exact derivatives
 * \(g'(u) = -\beta L'(\beta)\), \(g''(u) = \beta^2 L''(\beta) + \beta L'(\beta)\), each evaluated
 * in one pass over the logits; because the sign of \(g'\) changes exactly once, the iteration keeps
 * a bracket on \(u\); when the Newton step in \(u\) leaves it or \(g'' \le 0\) (far from the optimum
 * \(g\) need not be convex in \(u\)), it takes the Newton step of the convex \(L(\beta)\) instead, and
 * bisects if that leaves the bracket too.
 * It stops when \(|\Delta u| \le\) {@link #withTolerance tolerance} (default \(10^{-12}\)).
 * If the minimiser lies outside \([T_{min}, T_{max}]\) (for example perfectly separated
 * data, where \(T \to 0\)), the bound is returned with {@code converged = false}.
 *
 * <p><b>Inputs.</b> Logits {@code [n][k]}, \(k \ge 2\); a single column is a binary score \(s\),
 * treated as the logits \((0, s)\), so \(P(y=1) = \sigma(s/T)\). With
 * {@link ScoreInput#PROBABILITY}, \(\log p\) (binary: \(\operatorname{logit} p\)) is used.
 *
 * <p>References: C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger, "On Calibration of Modern Neural
 * Networks", ICML 2017.
 */
public final class TemperatureScaling {
    private static final double DEFAULT_TOLERANCE = 1e-12;
    private static final int DEFAULT_MAX_ITERATIONS = 100;
    private static final double DEFAULT_MIN_T = 1e-4;
    private static final double DEFAULT_MAX_T = 1e4;

    private final ScoreInput input;
    private final double tolerance;
    private final int maxIterations;

    private TemperatureScaling(ScoreInput input, double tolerance, int maxIterations) {
        this.input = input;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** Scores are logits, tolerance \(10^{-12}\) on \(\log T\), at most 100 iterations. */
    public static TemperatureScaling withDefaults() {
        return new TemperatureScaling(ScoreInput.SCORE, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
    }

    /** Returns a copy with the given input kind. */
    public TemperatureScaling withInput(ScoreInput newInput) {
        return new TemperatureScaling(Checks.requireNonNull("input", newInput), tolerance, maxIterations);
    }

    /** Returns a copy with the given absolute tolerance on \(\log T\). */
    public TemperatureScaling withTolerance(double newTolerance) {
        return new TemperatureScaling(input, Checks.requirePositiveFinite("tolerance", newTolerance), maxIterations);
    }

    /** Returns a copy with the given iteration cap. */
    public TemperatureScaling withMaxIterations(int newMaxIterations) {
        return new TemperatureScaling(input, tolerance, Checks.requirePositive("maxIterations", newMaxIterations));
    }

    /**
     * Fits the temperature.
     *
     * @param scores {@code [n][k]} logits (or probabilities, per the input kind); not modified
     * @param labels {@code n} labels in {@code 0..k-1} (binary: 0 or 1)
     * @return the fitted model, with iterations and convergence status
     */
    public TemperatureScalingModel fit(double[][] scores, int[] labels) {
        Logits z = Logits.of(scores, labels, input);
        int n = z.n;
        int k = z.k;
        double[] v = z.values;
        int[] y = labels;
        double lo = Math.log(DEFAULT_MIN_T);
        double hi = Math.log(DEFAULT_MAX_T);
        double[] d = new double[2];
        double u = 0;
        int it = 0;
        boolean converged = false;
        derivatives(v, y, n, k, Math.exp(-lo), d);
        double gLo = d[0];
        derivatives(v, y, n, k, Math.exp(-hi), d);
        double gHi = d[0];
        if (!(gLo < 0)) {
            return new TemperatureScalingModel(Math.exp(lo), input, z.binary, 0, false);
        }
        if (!(gHi > 0)) {
            return new TemperatureScalingModel(Math.exp(hi), input, z.binary, 0, false);
        }
        while (it < maxIterations) {
            it++;
            derivatives(v, y, n, k, Math.exp(-u), d);
            double g1 = d[0];
            double g2 = d[1];
            if (g1 == 0) {
                converged = true;
                break;
            }
            if (g1 < 0) {
                lo = u;
            } else {
                hi = u;
            }
            double next = u - g1 / g2;
            if (g2 > 0 && Math.abs(g1 / g2) <= tolerance) {
                // Quadratic convergence: the Newton step is below the tolerance (and may be below
                // the resolution of the bracket), so accept it and stop.
                u = next;
                converged = true;
                break;
            }
            if (!(g2 > 0) || !(next > lo && next < hi)) {
                // Newton in beta on the convex L(beta): beta' = beta - L'/L'' = beta (1 - f1 / (beta f2)).
                double beta = Math.exp(-u);
                double f1 = -g1 / beta;
                double f2 = (g2 - beta * f1) / (beta * beta);
                double betaNext = beta - f1 / f2;
                next = betaNext > 0 ? -Math.log(betaNext) : Double.NaN;
                if (!(next > lo && next < hi)) {
                    next = 0.5 * (lo + hi);
                }
            }
            double step = Math.abs(next - u);
            u = next;
            if (step <= tolerance || hi - lo <= tolerance) {
                converged = true;
                break;
            }
        }
        return new TemperatureScalingModel(Math.exp(u), input, z.binary, it, converged);
    }

    /**
     * Mean NLL of {@code softmax(z/T)}; binary one-column scores use the logits {@code (0, s)}.
     */
    public static double negativeLogLikelihood(double[][] scores, int[] labels, ScoreInput input, double temperature) {
        Logits z = Logits.of(scores, labels, input);
        double beta = 1 / Checks.requirePositiveFinite("temperature", temperature);
        double total = 0;
        double c = 0;
        for (int i = 0; i < z.n; i++) {
            int off = i * z.k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < z.k; j++) {
                max = Math.max(max, beta * z.values[off + j]);
            }
            double s = 0;
            for (int j = 0; j < z.k; j++) {
                s += Math.exp(beta * z.values[off + j] - max);
            }
            double term = max + Math.log(s) - beta * z.values[off + labels[i]];
            double t = total + term;
            c += Math.abs(total) >= Math.abs(term) ? (total - t) + term : (term - t) + total;
            total = t;
        }
        return (total + c) / z.n;
    }

    /** Rows per parallel chunk of {@link #derivatives}; chunk sums are combined in chunk order. */
    private static final int CHUNK_ROWS = 2048;

    /**
     * d[0] = g'(u), d[1] = g''(u) (times n) at beta; one fused pass over the logits: per row the
     * max, then {@code Σ e^{βc}}, {@code Σ c e^{βc}}, {@code Σ c² e^{βc}} with {@code c = z − max}
     * ({@link FastExp#expShifted}: relative error below 6e-14, terms below e^-60 of the largest
     * clamped there). Rows are split into fixed chunks run in parallel and summed in chunk order, so
     * the result does not depend on the number of threads.
     */
    private static void derivatives(double[] v, int[] y, int n, int k, double beta, double[] d) {
        int chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
        double[] f1s = new double[chunks];
        double[] f2s = new double[chunks];
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(ch -> {
            double[] c = new double[k];
            double[] e = new double[k];
            double f1 = 0;
            double f2 = 0;
            int end = Math.min(n, (ch + 1) * CHUNK_ROWS);
            for (int i = ch * CHUNK_ROWS; i < end; i++) {
                int off = i * k;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    max = Math.max(max, v[off + j]);
                }
                for (int j = 0; j < k; j++) {
                    c[j] = v[off + j] - max;
                    e[j] = c[j];
                }
                FastExp.expShifted(e, k, beta, 0);
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                for (int j = 0; j < k; j++) {
                    double w = e[j];
                    double cj = c[j];
                    s0 += w;
                    s1 += w * cj;
                    s2 += w * cj * cj;
                }
                double mean = s1 / s0;
                double var = Math.max(0, s2 / s0 - mean * mean);
                f1 += mean - (v[off + y[i]] - max);
                f2 += var;
            }
            f1s[ch] = f1;
            f2s[ch] = f2;
        });
        double f1 = 0;
        double f2 = 0;
        for (int ch = 0; ch < chunks; ch++) {
            f1 += f1s[ch];
            f2 += f2s[ch];
        }
        d[0] = -beta * f1;
        d[1] = beta * beta * f2 + beta * f1;
    }
}
