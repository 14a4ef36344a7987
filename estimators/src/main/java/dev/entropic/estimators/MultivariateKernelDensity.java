package dev.entropic.estimators;

import dev.entropic.core.Checks;
import dev.entropic.core.FastExp;
import dev.entropic.core.MultivariateDistribution;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A d-dimensional (optionally weighted) kernel density estimate with a bandwidth matrix
 * {@code H = L Lᵀ} (Cholesky):
 * <pre>  f̂(x) = |H|^{-1/2} Σ_i w_i Π_{k=1..d} K((L⁻¹(x - x_i))_k)</pre>
 * with normalised weights {@code w_i} (1/n when unweighted) and {@code K} a unit-variance 1-D
 * {@link Kernel}. In the whitened coordinates {@code z = L⁻¹x} the kernel is the product of d
 * 1-D kernels, each integrating to 1, so the Jacobian {@code |L|⁻¹ = |H|^{-1/2}} makes
 * {@code f̂} integrate to 1 and the kernel's covariance is exactly {@code H}. With the gaussian
 * kernel the product is the {@code N(0, H)} density, and with {@link BandwidthMatrix#scott()} /
 * {@link BandwidthMatrix#silverman()} this is exactly scipy.stats.gaussian_kde (weighted or not).
 * For the other kernels the product kernel is not rotation invariant: its axes are those of
 * {@code L⁻¹} (for a diagonal {@code H}, the coordinate axes).
 *
 * <p>Exact evaluation ({@link KernelDensity.Method#EXACT}) runs over blocks of
 * {@value #QUERY_BLOCK} queries × {@value #DATA_BLOCK} data points in flat primitive arrays (the
 * whitened data, centred at their mean, are stored dimension-major), never materialising the
 * n × m matrix, in parallel over query blocks. The gaussian exponent is expanded as
 * {@code -½|q - z_i|² = q·z_i - ½|z_i|² - ½|q|²}: four queries × one data block of dot products
 * (fused multiply-adds, two dimensions per pass), with {@code log w_i - ½|z_i|²} precomputed; its
 * rounding is about {@code 1e-16 (|q|² + |z_i|²)} absolute in the exponent, as for the direct
 * difference when the query is far, and small near the data because of the centring.
 * For the gaussian and laplace kernels it accumulates the log-density as
 * {@code log f̂(x) = M + log Σ_i exp(a_i - M) - ½log|H| + c_d}, {@code a_i = log w_i + log K(z - z_i)},
 * so far queries get a finite log-density instead of {@code log 0}. The gaussian path takes
 * {@code M = 0} (every {@code a_i ≤ 0}) and sums each block in a single pass; a query whose sum is
 * too small for that to be exact (below {@code n e^-60 / 6e-14}, i.e. far from all the data) is
 * recomputed with the running maximum {@code M} of its exponents. The laplace path always uses the
 * running maximum. The block's data coordinates are copied into arrays indexed like the outputs,
 * which is what lets the JIT vectorise the dot products (see {@code evaluateGaussian}). The exponentials use
 * a vectorisable polynomial with seven squarings (relative error below 6e-14 per term; terms more than 60 below the largest are
 * counted as {@code e^-60}, a relative bias below {@code n·1e-26}), so the density's relative error
 * is below about {@code 1e-13} (tested against scipy at 1e-12). Zero-weight points are dropped.
 *
 * <p>{@link KernelDensity.Method#FFT} (d ≤ 2) bins the data linearly on a grid of at least 20 bins
 * per bandwidth (at most 1024 per side), convolves with the sampled kernel by a zero-padded 2-D FFT
 * and interpolates bilinearly: the error is about {@code (δ/h)²/4} of the maximal density, below
 * 1e-3 of it on smooth data (tested), absolute rather than relative in the tails; d = 1 uses the
 * 1-D binned evaluation of {@link KernelDensity}; {@link KernelDensity.Method#AUTO} picks it when d ≤ 2 and n × m exceeds
 * {@link KernelDensity.Method#AUTO_THRESHOLD}.
 *
 * <p>References: Silverman, <i>Density Estimation for Statistics and Data Analysis</i>, 1986;
 * Scott, <i>Multivariate Density Estimation</i>, 1992; Wand and Jones, <i>Kernel Smoothing</i>,
 * 1995 (bandwidth matrices).
 */
public final class MultivariateKernelDensity implements MultivariateDistribution {

    /** Queries per parallel task. */
    static final int QUERY_BLOCK = 256;
    /** Data points per inner block (d × 1024 doubles stay in L1/L2). */
    static final int DATA_BLOCK = 1024;

    private final int d;
    private final int n;
    private final double[][] raw; // kept points (copies), row per point
    private final double[] zT; // whitened data minus their mean, dimension-major: zT[k * n + i]
    private final double[] center; // mean of the whitened data
    private final double[] halfNorm; // gaussian: log w_i - ½|z_i|² (log w_i = 0 when uniform)
    private final double[] logW; // log normalised weights, null when uniform
    private final double[] w; // normalised weights (kept points), null when uniform
    private final double[][] h;
    private final double[][] chol; // lower-triangular L
    private final double logNorm; // -½ log|H| + kernel constant - (unweighted) log n
    private final Kernel kernel;
    private final BandwidthMatrix rule;
    private final double effectiveSize;
    private final double[] cumWeights;

    private MultivariateKernelDensity(double[][] raw, double[] w, double[][] h, double[][] chol, Kernel kernel,
                                      BandwidthMatrix rule, double effectiveSize) {
        this.d = h.length;
        this.n = raw.length;
        this.raw = raw;
        this.w = w;
        this.h = h;
        this.chol = chol;
        this.kernel = kernel;
        this.rule = rule;
        this.effectiveSize = effectiveSize;
        this.zT = new double[n * d];
        this.center = new double[d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            whiten(raw[i], z);
            for (int k = 0; k < d; k++) {
                zT[k * n + i] = z[k];
            }
        }
        // centre the whitened data (kernels see only differences): keeps |z|² small in the
        // gaussian expansion -½|q - z|² = q·z - ½|z|² - ½|q|², whose rounding scales with |z|² and |q|²
        for (int k = 0; k < d; k++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += zT[k * n + i];
            }
            double c = s / n;
            center[k] = c;
            for (int i = 0; i < n; i++) {
                zT[k * n + i] -= c;
            }
        }
        double logDet = 0;
        for (int k = 0; k < d; k++) {
            logDet += Math.log(chol[k][k]);
        }
        double c;
        switch (kernel) {
            case GAUSSIAN:
                c = -0.5 * d * Math.log(2 * Math.PI);
                break;
            case LAPLACE:
                c = -0.5 * d * Math.log(2); // K(u) = exp(-√2|u|)/√2
                break;
            default:
                c = 0;
                break;
        }
        this.logNorm = c - logDet - (w == null ? Math.log(n) : 0);
        if (w == null) {
            this.logW = null;
            this.cumWeights = null;
        } else {
            this.logW = new double[n];
            this.cumWeights = new double[n + 1];
            for (int i = 0; i < n; i++) {
                logW[i] = Math.log(w[i]);
                cumWeights[i + 1] = cumWeights[i] + w[i];
            }
        }
        this.halfNorm = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double v = zT[k * n + i];
                s += v * v;
            }
            halfNorm[i] = (logW == null ? 0 : logW[i]) - 0.5 * s;
        }
    }

    /** Unweighted gaussian KDE of {@code data} (n rows of length d) with the given rule. */
    public static MultivariateKernelDensity of(double[][] data, BandwidthMatrix bandwidth) {
        return of(data, null, bandwidth, Kernel.GAUSSIAN);
    }

    /**
     * A KDE of {@code data} (n ≥ 1 rows of equal length d ≥ 1, finite) with optional
     * {@code weights} (null = unweighted; non-negative, positive total), the bandwidth-matrix rule and
     * the kernel. The arrays are copied.
     */
    public static MultivariateKernelDensity of(double[][] data, double[] weights, BandwidthMatrix bandwidth,
                                               Kernel kernel) {
        Checks.requireNonNull("data", data);
        Checks.requireNonNull("bandwidth", bandwidth);
        Checks.requireNonNull("kernel", kernel);
        if (data.length == 0) {
            throw Checks.fail("data is empty");
        }
        int d = requireRows("data", data, -1);
        int n = data.length;
        double[] wn = null;
        if (weights != null) {
            if (weights.length != n) {
                throw Checks.fail("data and weights differ in length: %d vs %d", n, weights.length);
            }
            double total = Checks.requireWeights("weights", weights);
            wn = new double[n];
            for (int i = 0; i < n; i++) {
                wn[i] = weights[i] / total;
            }
        }
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            copy[i] = data[i].clone();
        }
        double[][] hm = bandwidth.select(copy, wn);
        if (hm.length != d) {
            throw Checks.fail("the %s bandwidth matrix and data differ in dimension: %d vs %d", bandwidth.name(), hm.length, d);
        }
        double[][] l = cholesky(hm, bandwidth.name());
        double neff = wn == null ? n : 1 / sumSquares(wn);
        // drop zero-weight points: they contribute nothing
        double[][] kept = copy;
        double[] wk = wn;
        if (wn != null) {
            int m = 0;
            for (double v : wn) {
                if (v > 0) {
                    m++;
                }
            }
            if (m < n) {
                kept = new double[m][];
                wk = new double[m];
                int j = 0;
                for (int i = 0; i < n; i++) {
                    if (wn[i] > 0) {
                        kept[j] = copy[i];
                        wk[j++] = wn[i];
                    }
                }
            }
        }
        return new MultivariateKernelDensity(kept, wk, hm, l, kernel, bandwidth, neff);
    }

    /** Checks that every row has length d (or sets d from the first row when {@code d < 0}) and is finite. */
    static int requireRows(String name, double[][] rows, int d) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw Checks.fail("%s row %d is null", name, i);
            }
            if (d < 0) {
                d = rows[i].length;
                if (d == 0) {
                    throw Checks.fail("%s has rows of length 0", name);
                }
            } else if (rows[i].length != d) {
                throw Checks.fail("%s row %d has %d values, expected %d", name, i, rows[i].length, d);
            }
            for (int k = 0; k < d; k++) {
                if (!Double.isFinite(rows[i][k])) {
                    throw Checks.fail("%s[%d][%d] is not finite: %s", name, i, k, rows[i][k]);
                }
            }
        }
        return d;
    }

    private static double sumSquares(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v * v;
        }
        return s;
    }

    /** Cholesky factor of a symmetric positive-definite matrix, failing with the rule's name. */
    static double[][] cholesky(double[][] a, String ruleName) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            if (a[i].length != d) {
                throw Checks.fail("the %s bandwidth matrix is not square: row %d has %d entries", ruleName, i, a[i].length);
            }
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        throw Checks.fail("the %s bandwidth matrix is not positive definite (zero variance or collinear data?)",
                            ruleName);
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** {@code z = L⁻¹ x} by forward substitution. */
    private void whiten(double[] x, double[] z) {
        for (int i = 0; i < d; i++) {
            double s = x[i];
            for (int k = 0; k < i; k++) {
                s -= chol[i][k] * z[k];
            }
            z[i] = s / chol[i][i];
        }
    }

    /** {@code z = L⁻¹ x} minus the whitened data's mean (the coordinates of {@link #zT}). */
    private void whitenCentred(double[] x, double[] z) {
        whiten(x, z);
        for (int k = 0; k < d; k++) {
            z[k] -= center[k];
        }
    }

    @Override
    public int dimension() {
        return d;
    }

    /** The number of data points with positive weight. */
    public int size() {
        return n;
    }

    /** The kernel. */
    public Kernel kernel() {
        return kernel;
    }

    /** The bandwidth-matrix rule. */
    public BandwidthMatrix rule() {
        return rule;
    }

    /** The bandwidth matrix {@code H} (a copy). */
    public double[][] bandwidthMatrix() {
        double[][] c = new double[d][];
        for (int k = 0; k < d; k++) {
            c[k] = h[k].clone();
        }
        return c;
    }

    /** scipy's {@code factor} ({@code H = factor² Σ̂}) for covariance-scaled rules; for a number h in 1-D, h/σ̂; else NaN. */
    public double factor() {
        double f = rule.factor(effectiveSize, d);
        if (Double.isNaN(f) && d == 1 && n > 1) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = raw[i][0];
            }
            double sd = Bandwidth.standardDeviation(col, w);
            return sd > 0 ? Math.sqrt(h[0][0]) / sd : Double.NaN;
        }
        return f;
    }

    /** Effective sample size {@code (Σw)²/Σw²}. */
    public double effectiveSize() {
        return effectiveSize;
    }

    @Override
    public double logDensity(double[] x) {
        Checks.requireNonNull("x", x);
        if (x.length != d) {
            throw Checks.fail("x and the density differ in dimension: %d vs %d", x.length, d);
        }
        Checks.requireFiniteArray("x", x);
        double[] out = new double[1];
        double[] qz = new double[d];
        whitenCentred(x, qz);
        evaluate(qz, 0, 1, out, new double[DATA_BLOCK]);
        return out[0];
    }

    @Override
    public double density(double[] x) {
        return Math.exp(logDensity(x));
    }

    /** Densities at the query points (rows of length d) by the method. */
    public double[] densities(double[][] queries, KernelDensity.Method method) {
        return densities(queries, method, null);
    }

    /** Densities with a progress callback (fraction done in [0, 1], may be null). */
    public double[] densities(double[][] queries, KernelDensity.Method method, DoubleConsumer progress) {
        double[] out = logDensities(queries, method, progress);
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.exp(out[j]);
        }
        return out;
    }

    /**
     * Log-densities at the query points (rows of length d). {@code progress} (may be null) receives
     * the fraction of work done, non-decreasing, ending at 1; it may be called from worker threads
     * (calls are serialised).
     */
    public double[] logDensities(double[][] queries, KernelDensity.Method method, DoubleConsumer progress) {
        Checks.requireNonNull("queries", queries);
        Checks.requireNonNull("method", method);
        requireRows("queries", queries, d);
        int m = queries.length;
        KernelDensity.Method mt = method;
        if (mt == KernelDensity.Method.AUTO) {
            mt = d <= 2 && (double) n * m > KernelDensity.Method.AUTO_THRESHOLD ? KernelDensity.Method.FFT
                : KernelDensity.Method.EXACT;
        }
        if (mt == KernelDensity.Method.FFT) {
            if (d > 2) {
                throw Checks.fail("method fft supports dimension 1 or 2, got %d (use exact)", d);
            }
            double[] out = BinnedKde2d.logDensities(this, queries);
            if (progress != null) {
                progress.accept(1.0);
            }
            return out;
        }
        double[] qz = new double[m * d];
        double[] tmp = new double[d];
        for (int j = 0; j < m; j++) {
            whitenCentred(queries[j], tmp);
            System.arraycopy(tmp, 0, qz, j * d, d);
        }
        double[] out = new double[m];
        int blocks = (m + QUERY_BLOCK - 1) / QUERY_BLOCK;
        AtomicInteger done = new AtomicInteger();
        Object lock = new Object();
        IntStream.range(0, blocks).parallel().forEach(b -> {
            evaluate(qz, b * QUERY_BLOCK, Math.min(m, (b + 1) * QUERY_BLOCK), out, new double[DATA_BLOCK]);
            if (progress != null) {
                synchronized (lock) {
                    progress.accept((double) done.incrementAndGet() / blocks);
                }
            }
        });
        return out;
    }

    /** Log-densities of whitened queries {@code qz[q0*d .. q1*d)} into {@code out[q0..q1)}. */
    private void evaluate(double[] qz, int q0, int q1, double[] out, double[] buf) {
        int nb = q1 - q0;
        if (kernel == Kernel.GAUSSIAN) {
            evaluateGaussian(qz, q0, q1, out);
            return;
        }
        if (kernel != Kernel.LAPLACE) {
            evaluateCompact(qz, q0, q1, out, buf);
            return;
        }
        double scale = -Math.sqrt(2); // laplace: log K = -√2|u| + const
        double[] mx = new double[nb];
        double[] sm = new double[nb];
        Arrays.fill(mx, Double.NEGATIVE_INFINITY);
        double[][] zb = new double[d][DATA_BLOCK];
        double[] cb = new double[DATA_BLOCK];
        for (int i0 = 0; i0 < n; i0 += DATA_BLOCK) {
            int len = loadBlock(i0, zb, cb);
            for (int j = 0; j < nb; j++) {
                ColumnBlock.absDistances(qz, (q0 + j) * d, zb, d, len, buf, false);
                accumulate(buf, len, i0, scale, mx, sm, j);
            }
        }
        for (int j = 0; j < nb; j++) {
            out[q0 + j] = mx[j] + Math.log(sm[j]) + logNorm;
        }
    }

    /**
     * Gaussian log-densities of centred whitened queries {@code qz[q0*d .. q1*d)} into
     * {@code out[q0..q1)}. The exponent {@code a_i = log w_i - ½|q - z_i|² = q·z_i + c_i - ½|q|²},
     * {@code c_i = log w_i - ½|z_i|²}, is a dot product, computed for four queries at a time over a
     * block of data (each data coordinate loaded once for four queries, two dimensions per pass).
     * Since {@code a_i ≤ 0}, the terms are summed unshifted, {@code S = Σ_i exp(max(a_i, -60))}, in
     * one pass over each block; each term clamped at -60 is off by at most {@code e^-60}, so when
     * {@code S ≥ n e^-60 / 6e-14} the sum is as accurate as the exponentials themselves. A query
     * with a smaller sum (far from every data point) is recomputed with a running max shift
     * ({@link #shiftedLogSum}). The block's coordinates are first copied into one array per
     * dimension, all indexed from 0 like the outputs: the JIT then knows the loads and stores of a
     * loop cannot overlap and vectorises it (with offsets into the shared array it does not).
     */
    private void evaluateGaussian(double[] qz, int q0, int q1, double[] out) {
        int nb = q1 - q0;
        double[] sm = new double[nb];
        double[] qh = new double[nb];
        for (int j = 0; j < nb; j++) {
            qh[j] = -0.5 * squaredNorm(qz, (q0 + j) * d);
        }
        double[][] zb = new double[d][DATA_BLOCK];
        double[] cb = new double[DATA_BLOCK];
        double[] b0 = new double[DATA_BLOCK];
        double[] b1 = new double[DATA_BLOCK];
        double[] b2 = new double[DATA_BLOCK];
        double[] b3 = new double[DATA_BLOCK];
        for (int i0 = 0; i0 < n; i0 += DATA_BLOCK) {
            int len = loadBlock(i0, zb, cb);
            int j = 0;
            for (; j + 3 < nb; j += 4) {
                dot4(zb, cb, qz, (q0 + j) * d, len, b0, b1, b2, b3);
                sm[j] += expSum(b0, len, qh[j]);
                sm[j + 1] += expSum(b1, len, qh[j + 1]);
                sm[j + 2] += expSum(b2, len, qh[j + 2]);
                sm[j + 3] += expSum(b3, len, qh[j + 3]);
            }
            for (; j < nb; j++) {
                dot1(zb, cb, qz, (q0 + j) * d, len, b0);
                sm[j] += expSum(b0, len, qh[j]);
            }
        }
        double floor = n * Math.exp(FastExp.SHIFTED_LOWER) / FastExp.SHIFTED_RELATIVE_ERROR;
        for (int j = 0; j < nb; j++) {
            double logSum = sm[j] >= floor ? Math.log(sm[j]) : shiftedLogSum(qz, (q0 + j) * d, qh[j], zb, cb, b0);
            out[q0 + j] = logSum + logNorm;
        }
    }

    /** {@code |qz[qj .. qj+d)|²}. */
    private double squaredNorm(double[] qz, int qj) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double v = qz[qj + k];
            s += v * v;
        }
        return s;
    }

    /**
     * Copies data block {@code [i0, i0+len)} into {@code zb[k][0..len)} (whitened coordinate k) and
     * {@code cb[0..len)} ({@code log w_i - ½|z_i|²}); returns len.
     */
    private int loadBlock(int i0, double[][] zb, double[] cb) {
        int len = Math.min(DATA_BLOCK, n - i0);
        for (int k = 0; k < d; k++) {
            System.arraycopy(zT, k * n + i0, zb[k], 0, len);
        }
        System.arraycopy(halfNorm, i0, cb, 0, len);
        return len;
    }

    /** {@code Σ_t exp(max(b[t] + qh, -60))} for exponents {@code b[t] + qh ≤ 0}; {@code b} is overwritten. */
    private static double expSum(double[] b, int len, double qh) {
        FastExp.expShifted(b, len, 1, -qh);
        return FastExp.sum(b, len);
    }

    /**
     * {@code log Σ_i exp(a_i)} for the query at {@code qz[qj ..]} ({@code qh = -½|q|²}) by a running
     * max-shifted sum over the blocks: exact for queries whose terms all lie far below 0.
     */
    private double shiftedLogSum(double[] qz, int qj, double qh, double[][] zb, double[] cb, double[] b) {
        double[] mx = {Double.NEGATIVE_INFINITY};
        double[] sm = {0};
        for (int i0 = 0; i0 < n; i0 += DATA_BLOCK) {
            int len = loadBlock(i0, zb, cb);
            dot1(zb, cb, qz, qj, len, b);
            fold(b, len, 1, blockMax(b, len) + qh, qh, mx, sm, 0);
        }
        return mx[0] + Math.log(sm[0]);
    }

    /** max of b[0..len) with four independent chains (a single chain is bound by the max latency). */
    private static double blockMax(double[] b, int len) {
        double m0 = Double.NEGATIVE_INFINITY;
        double m1 = Double.NEGATIVE_INFINITY;
        double m2 = Double.NEGATIVE_INFINITY;
        double m3 = Double.NEGATIVE_INFINITY;
        int t = 0;
        for (; t + 3 < len; t += 4) {
            m0 = Math.max(m0, b[t]);
            m1 = Math.max(m1, b[t + 1]);
            m2 = Math.max(m2, b[t + 2]);
            m3 = Math.max(m3, b[t + 3]);
        }
        for (; t < len; t++) {
            m0 = Math.max(m0, b[t]);
        }
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }

    /** {@code b[t] = cb[t] + q·zb[.][t]} for the query at {@code qz[qj ..]}, two dimensions per pass. */
    private void dot1(double[][] zb, double[] cb, double[] qz, int qj, int len, double[] b) {
        System.arraycopy(cb, 0, b, 0, len);
        int k = 0;
        for (; k + 1 < d; k += 2) {
            double a = qz[qj + k];
            double c = qz[qj + k + 1];
            double[] z = zb[k];
            double[] y = zb[k + 1];
            for (int t = 0; t < len; t++) {
                b[t] = Math.fma(c, y[t], Math.fma(a, z[t], b[t]));
            }
        }
        if (k < d) {
            double a = qz[qj + k];
            double[] z = zb[k];
            for (int t = 0; t < len; t++) {
                b[t] = Math.fma(a, z[t], b[t]);
            }
        }
    }

    /** {@code b_r[t] = cb[t] + q_r·zb[.][t]} for the four queries at {@code qz[qj ..]}. */
    private void dot4(double[][] zb, double[] cb, double[] qz, int qj, int len, double[] b0, double[] b1,
                      double[] b2, double[] b3) {
        System.arraycopy(cb, 0, b0, 0, len);
        System.arraycopy(cb, 0, b1, 0, len);
        System.arraycopy(cb, 0, b2, 0, len);
        System.arraycopy(cb, 0, b3, 0, len);
        int k = 0;
        for (; k + 1 < d; k += 2) {
            double a0 = qz[qj + k];
            double a1 = qz[qj + d + k];
            double a2 = qz[qj + 2 * d + k];
            double a3 = qz[qj + 3 * d + k];
            double c0 = qz[qj + k + 1];
            double c1 = qz[qj + d + k + 1];
            double c2 = qz[qj + 2 * d + k + 1];
            double c3 = qz[qj + 3 * d + k + 1];
            double[] z = zb[k];
            double[] y = zb[k + 1];
            for (int t = 0; t < len; t++) {
                double zt = z[t];
                double yt = y[t];
                b0[t] = Math.fma(c0, yt, Math.fma(a0, zt, b0[t]));
                b1[t] = Math.fma(c1, yt, Math.fma(a1, zt, b1[t]));
                b2[t] = Math.fma(c2, yt, Math.fma(a2, zt, b2[t]));
                b3[t] = Math.fma(c3, yt, Math.fma(a3, zt, b3[t]));
            }
        }
        if (k < d) {
            double a0 = qz[qj + k];
            double a1 = qz[qj + d + k];
            double a2 = qz[qj + 2 * d + k];
            double a3 = qz[qj + 3 * d + k];
            double[] z = zb[k];
            for (int t = 0; t < len; t++) {
                double zt = z[t];
                b0[t] = Math.fma(a0, zt, b0[t]);
                b1[t] = Math.fma(a1, zt, b1[t]);
                b2[t] = Math.fma(a2, zt, b2[t]);
                b3[t] = Math.fma(a3, zt, b3[t]);
            }
        }
    }

    /**
     * The running log-sum-exp update of query j: the block's terms are {@code scale·b[t] + offset}
     * with largest value {@code top}; {@code (mx[j], sm[j])} is rescaled when {@code top} exceeds
     * {@code mx[j]}, then the block's shifted exponentials are added ({@code b} is overwritten).
     */
    private static void fold(double[] b, int len, double scale, double top, double offset, double[] mx, double[] sm,
                             int j) {
        double mj = mx[j];
        if (top > mj) {
            sm[j] = sm[j] * FastExp.expNonPositive(mj - top);
            mx[j] = top;
            mj = top;
        }
        FastExp.expShifted(b, len, scale, mj - offset);
        sm[j] += FastExp.sum(b, len);
    }

    /**
     * Folds one data block into query j's running log-sum-exp {@code (mx[j], sm[j])}: {@code b}
     * holds the distances (squared for gaussian, L1 for laplace) and is overwritten.
     */
    private void accumulate(double[] b, int len, int i0, double scale, double[] mx, double[] sm, int j) {
        double bm;
        if (logW == null) {
            double mn = Double.POSITIVE_INFINITY;
            for (int t = 0; t < len; t++) {
                mn = Math.min(mn, b[t]);
            }
            bm = scale * mn;
        } else {
            bm = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < len; t++) {
                double a = scale * b[t] + logW[i0 + t];
                b[t] = a;
                bm = Math.max(bm, a);
            }
        }
        fold(b, len, logW == null ? scale : 1, bm, 0, mx, sm, j);
    }

    /** Compact kernels: direct sums of products (a log is taken once per query). */
    private void evaluateCompact(double[] qz, int q0, int q1, double[] out, double[] buf) {
        double a = kernel.radius();
        for (int j = q0; j < q1; j++) {
            int qj = j * d;
            double total = 0;
            for (int i0 = 0; i0 < n; i0 += DATA_BLOCK) {
                int len = Math.min(DATA_BLOCK, n - i0);
                Arrays.fill(buf, 0, len, 1.0);
                for (int k = 0; k < d; k++) {
                    double qk = qz[qj + k];
                    int off = k * n + i0;
                    for (int t = 0; t < len; t++) {
                        if (buf[t] != 0) {
                            double u = qk - zT[off + t];
                            buf[t] = Math.abs(u) <= a ? buf[t] * kernel.value(u) : 0;
                        }
                    }
                }
                if (w == null) {
                    for (int t = 0; t < len; t++) {
                        total += buf[t];
                    }
                } else {
                    for (int t = 0; t < len; t++) {
                        total += w[i0 + t] * buf[t];
                    }
                }
            }
            out[j] = Math.log(total) + logNorm;
        }
    }

    /** Draws: a data point picked by weight plus {@code L u}, {@code u} a vector of d independent kernel draws. */
    @Override
    public double[][] sample(UniformRandomProvider rng, int count) {
        Checks.requireNonNull("rng", rng);
        if (count < 0) {
            throw Checks.fail("n is negative: %d", count);
        }
        double[][] out = new double[count][d];
        double[] u = new double[d];
        for (int s = 0; s < count; s++) {
            int i;
            if (cumWeights == null) {
                i = rng.nextInt(n);
            } else {
                double v = rng.nextDouble();
                i = Arrays.binarySearch(cumWeights, v);
                i = i < 0 ? -i - 2 : i;
                i = Math.min(n - 1, Math.max(0, i));
                while (w[i] == 0 && i > 0) {
                    i--;
                }
            }
            for (int k = 0; k < d; k++) {
                double p;
                do {
                    p = rng.nextDouble();
                } while (p == 0);
                u[k] = kernel.inverseCdf(p);
            }
            for (int r = 0; r < d; r++) {
                double v = raw[i][r];
                for (int k = 0; k <= r; k++) {
                    v += chol[r][k] * u[k];
                }
                out[s][r] = v;
            }
        }
        return out;
    }

    /** The kept data rows (not copies). */
    double[][] data() {
        return raw;
    }

    /** Normalised weights of the kept rows, or null when uniform. */
    double[] weights() {
        return w;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MultivariateKernelDensity[n=%d, d=%d, kernel=%s, rule=%s]", n, d, kernel,
            rule.name());
    }
}
