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
 * When the third derivative (the third central moment of \(z\) under \(p_i\), accumulated in the
 * same pass) gives a Halley step inside the bracket, that step is taken instead (cubic convergence:
 * about 4 passes instead of 7 on the benchmark).
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
        // Shift each row by its maximum once (z.values is our own copy): the derivative passes then
        // need no max and read the label's logit from a compact array.
        double[] v = z.values;
        double[] label = new double[n];
        for (int i = 0; i < n; i++) {
            int off = i * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, v[off + j]);
            }
            for (int j = 0; j < k; j++) {
                v[off + j] -= max;
            }
            label[i] = v[off + labels[i]];
        }
        Pass pass = new Pass(v, label, n, k);
        double lowBound = Math.log(DEFAULT_MIN_T);
        double highBound = Math.log(DEFAULT_MAX_T);
        double lo = lowBound;
        double hi = highBound;
        double[] d = new double[3];
        double u = 0;
        int it = 0;
        boolean converged = false;
        while (it < maxIterations) {
            it++;
            pass.derivatives(Math.exp(-u), d);
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
            double g3 = d[2];
            double next = u - g1 / g2;
            if (g2 > 0 && Math.abs(g1 / g2) <= tolerance && next > lowBound && next < highBound) {
                // Quadratic convergence: the Newton step is below the tolerance (and may be below
                // the resolution of the bracket), so accept it and stop.
                u = next;
                converged = true;
                break;
            }
            double halleyDenominator = 2 * g2 * g2 - g1 * g3;
            if (g2 > 0 && halleyDenominator > 0) {
                // Halley's step (cubic convergence): u - 2 g' g'' / (2 g''^2 - g' g''').
                double halley = u - 2 * g1 * g2 / halleyDenominator;
                if (halley > lo && halley < hi) {
                    next = halley;
                }
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
        // The bounds are only evaluated when the iterate ends next to one of them: there the sign of
        // g' decides whether the minimiser lies beyond it (perfect separation: T -> 0).
        if (u - lowBound <= 1e-6 || !converged && lo == lowBound) {
            pass.derivatives(Math.exp(-lowBound), d);
            if (!(d[0] < 0)) {
                return new TemperatureScalingModel(Math.exp(lowBound), input, z.binary, it, false);
            }
        }
        if (highBound - u <= 1e-6 || !converged && hi == highBound) {
            pass.derivatives(Math.exp(-highBound), d);
            if (!(d[0] > 0)) {
                return new TemperatureScalingModel(Math.exp(highBound), input, z.binary, it, false);
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

    /**
     * One fused pass over the max-shifted logits c per iteration: per row the sums (and \(\sum c^3 e^{\beta c}\) for Halley)
     * \(\sum e^{\beta c}, \sum c\,e^{\beta c}, \sum c^2 e^{\beta c}\) at once; rows are split into
     * fixed chunks summed in chunk order (deterministic), run on the common pool when large.
     */
    private static final class Pass {
        private static final int CHUNKS = 16;
        private static final long PARALLEL_THRESHOLD = 1L << 18;
        private final double[] c;
        private final double[] label;
        private final int n;
        private final int k;
        private final double[] f1s = new double[CHUNKS];
        private final double[] f2s = new double[CHUNKS];
        private final double[] f3s = new double[CHUNKS];
        private final boolean parallel;

        Pass(double[] c, double[] label, int n, int k) {
            this.c = c;
            this.label = label;
            this.n = n;
            this.k = k;
            this.parallel = (long) n * k >= PARALLEL_THRESHOLD && Runtime.getRuntime().availableProcessors() > 1;
        }

        /** d[0] = g'(u), d[1] = g''(u), d[2] = g'''(u) (times n) at beta. */
        void derivatives(double beta, double[] d) {
            if (parallel) {
                java.util.stream.IntStream.range(0, CHUNKS).parallel().forEach(ch -> chunk(ch, beta));
            } else {
                for (int ch = 0; ch < CHUNKS; ch++) {
                    chunk(ch, beta);
                }
            }
            double f1 = 0;
            double f2 = 0;
            double f3 = 0;
            for (int ch = 0; ch < CHUNKS; ch++) {
                f1 += f1s[ch];
                f2 += f2s[ch];
                f3 += f3s[ch];
            }
            // g(u) = L(beta), beta = e^{-u}: g' = -b L', g'' = b^2 L'' + b L', g''' = -b^3 L''' - 3 b^2 L'' - b L'.
            d[0] = -beta * f1;
            d[1] = beta * beta * f2 + beta * f1;
            d[2] = -beta * beta * beta * f3 - 3 * beta * beta * f2 - beta * f1;
        }

        private void chunk(int ch, double beta) {
            int from = (int) ((long) n * ch / CHUNKS);
            int to = (int) ((long) n * (ch + 1) / CHUNKS);
            double f1 = 0;
            double f2 = 0;
            double f3 = 0;
            double[] buffer = new double[k];
            for (int i = from; i < to; i++) {
                int off = i * k;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                // e^{beta c} for c = z - max <= 0 by the shared vectorisable exponential (relative error
                // below 6e-14; terms below e^-60 of the row's largest are clamped there)
                System.arraycopy(c, off, buffer, 0, k);
                FastExp.expShifted(buffer, k, beta, 0);
                for (int j = 0; j < k; j++) {
                    double x = c[off + j];
                    double e = buffer[j];
                    double ex = e * x;
                    double exx = ex * x;
                    s0 += e;
                    s1 += ex;
                    s2 += exx;
                    s3 += exx * x;
                }
                double mean = s1 / s0;
                double m2 = s2 / s0;
                double var = Math.max(0, m2 - mean * mean);
                f1 += mean - label[i];
                f2 += var;
                f3 += s3 / s0 - 3 * mean * m2 + 2 * mean * mean * mean;
            }
            f1s[ch] = f1;
            f2s[ch] = f2;
            f3s[ch] = f3;
        }
    }
}
