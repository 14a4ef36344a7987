package dev.entropic.estimators;

import dev.entropic.core.Checks;
import dev.entropic.core.MultivariateDistribution;
import dev.entropic.core.MultivariateMixture;
import dev.entropic.core.MultivariateNormal;
import dev.entropic.core.Numerics;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Cauchy–Schwarz divergence {@code D_CS(p, q) = −ln[(∫pq)² / (∫p² ∫q²)] = −2 ln∫pq + ln∫p² + ln∫q²}
 * (nats; symmetric, ≥ 0, zero iff p = q; invariant to scaling either density), in closed form
 * between Gaussian mixtures and by Parzen (Gaussian kernel density) estimators from samples, with
 * the CS mutual information and the conditional CS divergence of the CS information bottleneck.
 *
 * <p><b>Closed form</b>: {@code ∫ N(x; a, A) N(x; b, B) dx = N(a; b, A + B)}, so for mixtures
 * {@code p = Σ_i w_i N(a_i, A_i)}, {@code q = Σ_j v_j N(b_j, B_j)}:
 * {@code ∫pq = Σ_ij w_i v_j N(a_i; b_j, A_i + B_j)}, evaluated as a log-sum-exp (no underflow).
 *
 * <p><b>Parzen estimator</b>: with {@code p̂ = (1/m) Σ_i N(x_i, σ²I)}, {@code q̂ = (1/n) Σ_j N(y_j, σ²I)}
 * the same identity gives {@code ∫p̂q̂ = (1/mn) Σ_ij N(x_i; y_j, 2σ²I)}; the constant
 * {@code (4πσ²)^{−d/2}} cancels, leaving
 * {@code D̂ = −2 ln(Σ_ij κ(x_i − y_j)/(mn)) + ln(Σ_ii' κ(x_i − x_i')/m²) + ln(Σ_jj' κ(y_j − y_j')/n²)},
 * {@code κ(u) = exp(−‖u‖²/(4σ²))}, all pairs including i = i' (the "information potentials" of
 * Jenssen et al. 2006). It equals the closed form on the two KDE mixtures exactly. A bandwidth
 * of NaN selects σ by the median heuristic of {@link Mmd#medianHeuristic}.
 *
 * <p><b>CS mutual information</b> {@code I_CS(X;Y) = D_CS(p(x,y), p(x)p(y))} with product Gaussian
 * kernels {@code K_ij = exp(−‖x_i − x_j‖²/(2σ_x²))}, {@code L_ij = exp(−‖y_i − y_j‖²/(2σ_y²))}
 * (diagonal included): {@code Î = ln[(1/N²)Σ_ij K_ij L_ij] + ln[(1/N⁴)Σ K Σ L] − 2 ln[(1/N³)Σ_i (Σ_j K_ij)(Σ_j L_ij)]}
 * (Yu et al. 2024, the CS-QMI compression term; natural log here, log₂ in the authors' code).
 *
 * <p><b>Conditional CS divergence</b> between p(y|x) and q(y|x) observed on the same inputs
 * x_1..x_N with targets y_j (from p) and ŷ_j (from q), e.g. a regression's observations and
 * predictions: {@code D_CS(p(y|x)‖q(y|x)) = −2 ln∫∫ p(y|x) q(y|x) dx dy + ln∫∫ p(y|x)² + ln∫∫ q(y|x)²}.
 * Writing each integral as an expectation, e.g. {@code ∫∫ p(y|x)² = E_p[p(x,y)/p(x)²]}, and
 * plugging in KDEs gives, with {@code K_ji = κ_x(x_j − x_i)}:
 * <pre>
 * D̂ = ln Σ_j [Σ_i K_ji κ_y(y_j − y_i)] / (Σ_i K_ji)²
 *   + ln Σ_j [Σ_i K_ji κ_y(ŷ_j − ŷ_i)] / (Σ_i K_ji)²
 *   − 2 ln Σ_j [Σ_i K_ji κ_y(ŷ_j − y_i)] / (Σ_i K_ji)²
 * </pre>
 * <b>Denominators</b>: {@code (Σ_i K_ji)²} is N² times the squared KDE {@code p̂(x_j)²} that the
 * derivation requires. The authors' released code ({@code loss_cs.py}, {@code CS_Div}) divides by
 * {@code Σ_i K_ji²} (a sum of squares) instead; that is not the plug-in of p(x)² and we do not
 * follow it. The estimator of the conditional CS divergence paper (Yu, Li, Løkse, Jenssen, Príncipe,
 * arXiv:2301.08970), as its authors' experiment code computes it ({@code CSD_4}: self terms
 * {@code Σ_j [Σ_i K_ji L_ji] / (Σ_i K_ji)²}), has the squared row sums used here; with one input
 * sample x shared by p and q its cross-term denominator {@code (Σ_i K¹_ji)(Σ_i K¹²_ji)} is the same
 * {@code (Σ_i K_ji)²}. Kernel normalising constants cancel between the three terms. The cross term is the
 * expectation under q (evaluated at (x_j, ŷ_j)), as in the authors' code.
 *
 * <p>Costs: O((m+n)² d) or O(N²(d_x + d_y)), blocked, no N × N matrix, parallel over rows.
 * A term that underflows to 0 (bandwidth far too small for the spread) is rejected with an
 * {@link IllegalArgumentException} rather than returned as ±∞.
 *
 * <p>References: J. C. Príncipe, D. Xu, J. W. Fisher, "Information-theoretic learning", in
 * Unsupervised Adaptive Filtering (2000); R. Jenssen, J. C. Príncipe, D. Erdogmus, T. Eltoft,
 * "The Cauchy–Schwarz divergence and Parzen windowing", J. Franklin Inst. 343 (2006) 614–629;
 * S. Yu, H. Li, S. Løkse, R. Jenssen, J. C. Príncipe, "The conditional Cauchy–Schwarz divergence
 * with applications to time-series data and sequential decision making", arXiv:2301.08970;
 * S. Yu, X. Yu, S. Løkse, R. Jenssen, J. C. Príncipe, "Cauchy–Schwarz divergence information
 * bottleneck for regression", ICLR 2024, arXiv:2404.17951.
 */
public final class CauchySchwarz {
    private CauchySchwarz() {
    }

    /** {@code ln ∫ p q} for Gaussian mixtures (components must be {@link MultivariateNormal}). */
    public static double logOverlap(MultivariateMixture p, MultivariateMixture q) {
        Checks.requireNonNull("p", p);
        Checks.requireNonNull("q", q);
        if (p.dimension() != q.dimension()) {
            throw Checks.fail("p and q differ in dimension: %d vs %d", p.dimension(), q.dimension());
        }
        double[] w = p.weights();
        double[] v = q.weights();
        double[] terms = new double[w.length * v.length];
        for (int i = 0; i < w.length; i++) {
            MultivariateNormal a = normal("p", p.component(i), i);
            for (int j = 0; j < v.length; j++) {
                MultivariateNormal b = normal("q", q.component(j), j);
                double[][] ab = a.covariance();
                double[][] bb = b.covariance();
                for (int r = 0; r < ab.length; r++) {
                    for (int c = 0; c < ab.length; c++) {
                        ab[r][c] += bb[r][c];
                    }
                }
                terms[i * v.length + j] = Math.log(w[i]) + Math.log(v[j]) + MultivariateNormal.of(b.mean(), ab).logDensity(a.mean());
            }
        }
        return Numerics.logSumExp(terms);
    }

    private static MultivariateNormal normal(String name, MultivariateDistribution c, int i) {
        if (!(c instanceof MultivariateNormal)) {
            throw Checks.fail("%s component %d is not a MultivariateNormal: %s", name, i, c);
        }
        return (MultivariateNormal) c;
    }

    /** Closed-form {@code D_CS(p, q)} between Gaussian mixtures. */
    public static double divergence(MultivariateMixture p, MultivariateMixture q) {
        double v = -2 * logOverlap(p, q) + logOverlap(p, p) + logOverlap(q, q);
        return Math.max(0, v); // ≥ 0 by Cauchy–Schwarz; clip rounding below 0
    }

    /** Closed-form {@code D_CS(p, q)} between two Gaussians. */
    public static double divergence(MultivariateNormal p, MultivariateNormal q) {
        return divergence(MultivariateMixture.of(new double[] {1}, List.of(p)), MultivariateMixture.of(new double[] {1}, List.of(q)));
    }

    /**
     * Parzen estimate of {@code D_CS} from row-major samples x (m × d) and y (n × d) with Gaussian
     * kernel bandwidth σ (NaN: median heuristic).
     */
    public static double parzen(double[] x, double[] y, int d, double bandwidth) {
        int m = NearestNeighbours.rows("x", x, d);
        int n = NearestNeighbours.rows("y", y, d);
        double sigma = Double.isNaN(bandwidth) ? Mmd.medianHeuristic(x, y, d) : Checks.requirePositiveFinite("bandwidth", bandwidth);
        double[][] labels = PairwiseSums.labels(m + n, m, 0, null);
        double[] s = PairwiseSums.directSums(Mmd.pool(x, y), d, PairwiseSums.GAUSSIAN, 0.25 / (sigma * sigma), labels);
        double vxx = (s[0] + m) / ((double) m * m); // diagonal terms κ(0) = 1
        double vyy = (s[1] + n) / ((double) n * n);
        double vxy = s[2] / ((double) m * n);
        if (!(vxy > 0)) {
            throw Checks.fail("the cross information potential underflows to 0 with bandwidth %s; use a larger bandwidth", sigma);
        }
        return Math.max(0, -2 * Math.log(vxy) + Math.log(vxx) + Math.log(vyy));
    }

    /** As {@link #parzen(double[], double[], int, double)} on matrices (rows = points). */
    public static double parzen(double[][] x, double[][] y, double bandwidth) {
        double[] fx = NearestNeighbours.flatten("x", x);
        double[] fy = NearestNeighbours.flatten("y", y);
        return parzen(fx, fy, Mmd.sameDimension(x, y), bandwidth);
    }

    /**
     * CS mutual information {@code Î_CS(X;Y)} from paired rows x (N × d_x), y (N × d_y) with kernel
     * bandwidths σ_x, σ_y (NaN: median heuristic of each sample alone).
     */
    public static double mutualInformation(double[][] x, double[][] y, double bandwidthX, double bandwidthY) {
        double[] fx = NearestNeighbours.flatten("x", x);
        double[] fy = NearestNeighbours.flatten("y", y);
        int n = x.length;
        if (y.length != n) {
            throw Checks.fail("x and y differ in number of samples: %d vs %d", n, y.length);
        }
        int dx = x[0].length;
        int dy = y[0].length;
        double gx = gamma(fx, dx, bandwidthX, "bandwidthX");
        double gy = gamma(fy, dy, bandwidthY, "bandwidthY");
        double[][] rows = new double[n][];
        IntStream range = IntStream.range(0, n);
        if (n >= PairwiseSums.PARALLEL_THRESHOLD) {
            range = range.parallel();
        }
        range.forEach(i -> {
            double sk = 0;
            double sl = 0;
            double skl = 0;
            for (int j = 0; j < n; j++) {
                double k = Math.exp(-gx * sq(fx, i, j, dx));
                double l = Math.exp(-gy * sq(fy, i, j, dy));
                sk += k;
                sl += l;
                skl += k * l;
            }
            rows[i] = new double[] {sk, sl, skl};
        });
        double sumK = 0;
        double sumL = 0;
        double joint = 0;
        double cross = 0;
        for (double[] r : rows) {
            sumK += r[0];
            sumL += r[1];
            joint += r[2];
            cross += r[0] * r[1];
        }
        double nn = n;
        return Math.log(joint / (nn * nn)) + Math.log(sumK / (nn * nn)) + Math.log(sumL / (nn * nn))
                - 2 * Math.log(cross / (nn * nn * nn));
    }

    /**
     * Conditional CS divergence {@code D̂_CS(p(y|x) ‖ q(y|x))} from inputs x (N × d_x), observed
     * targets y and predicted targets yHat (both N × d_y); bandwidths σ_x, σ_y (NaN: median
     * heuristic of x, and of y and yHat pooled).
     */
    public static double conditionalDivergence(double[][] x, double[][] y, double[][] yHat, double bandwidthX, double bandwidthY) {
        double[] fx = NearestNeighbours.flatten("x", x);
        double[] fy = NearestNeighbours.flatten("y", y);
        double[] fq = NearestNeighbours.flatten("yHat", yHat);
        int n = x.length;
        if (y.length != n || yHat.length != n) {
            throw Checks.fail("x, y and yHat differ in number of samples: %d, %d, %d", n, y.length, yHat.length);
        }
        int dx = x[0].length;
        int dy = y[0].length;
        if (yHat[0].length != dy) {
            throw Checks.fail("y and yHat differ in dimension: %d vs %d", dy, yHat[0].length);
        }
        double gx = gamma(fx, dx, bandwidthX, "bandwidthX");
        double gy;
        if (Double.isNaN(bandwidthY)) {
            double s = Mmd.medianHeuristic(fy, fq, dy);
            gy = 0.5 / (s * s);
        } else {
            double s = Checks.requirePositiveFinite("bandwidthY", bandwidthY);
            gy = 0.5 / (s * s);
        }
        double[][] rows = new double[n][];
        IntStream range = IntStream.range(0, n);
        if (n >= PairwiseSums.PARALLEL_THRESHOLD) {
            range = range.parallel();
        }
        range.forEach(j -> {
            double sk = 0;
            double pp = 0;
            double qq = 0;
            double qp = 0;
            for (int i = 0; i < n; i++) {
                double k = Math.exp(-gx * sq(fx, j, i, dx));
                sk += k;
                pp += k * Math.exp(-gy * sq(fy, j, i, dy));
                qq += k * Math.exp(-gy * sq(fq, j, i, dy));
                qp += k * Math.exp(-gy * sq2(fq, j, fy, i, dy));
            }
            double den = sk * sk;
            rows[j] = new double[] {pp / den, qq / den, qp / den};
        });
        double pp = 0;
        double qq = 0;
        double qp = 0;
        for (double[] r : rows) {
            pp += r[0];
            qq += r[1];
            qp += r[2];
        }
        if (!(qp > 0)) {
            throw Checks.fail("the cross term underflows to 0 with bandwidthY; use a larger bandwidth");
        }
        return Math.log(pp) + Math.log(qq) - 2 * Math.log(qp);
    }

    private static double gamma(double[] x, int d, double bandwidth, String name) {
        double s = Double.isNaN(bandwidth) ? Mmd.median(x, d) : Checks.requirePositiveFinite(name, bandwidth);
        return 0.5 / (s * s);
    }

    private static double sq(double[] x, int i, int j, int d) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            double t = x[i * d + c] - x[j * d + c];
            s += t * t;
        }
        return s;
    }

    private static double sq2(double[] a, int i, double[] b, int j, int d) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            double t = a[i * d + c] - b[j * d + c];
            s += t * t;
        }
        return s;
    }
}
