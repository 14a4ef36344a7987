package dev.entropic.estimators;

import dev.entropic.core.Checks;
import java.util.Locale;

/**
 * A bandwidth-matrix selector for a d-dimensional kernel density estimate: returns the symmetric
 * positive-definite matrix {@code H} (the covariance of the kernel, {@code H = L Lᵀ}), so that a
 * {@link MultivariateKernelDensity} puts the kernel {@code |H|^{-1/2} K(L⁻¹(x - x_i))} on each
 * point.
 *
 * <p>Rules (data {@code x_1..x_n ∈ R^d}, normalised weights {@code w_i},
 * {@code n_eff = (Σw)²/Σw² = 1/Σw_i²}, {@code Σ̂} = weighted data covariance with scipy's
 * reliability correction {@code Σ w_i (x_i - m)(x_i - m)ᵀ / (1 - Σ w_i²)}, i.e. the usual
 * {@code n-1} covariance when unweighted):
 * <ul>
 *   <li>{@code scott}: {@code H = f² Σ̂}, {@code f = n_eff^(-1/(d+4))} — scipy.stats.gaussian_kde "scott";</li>
 *   <li>{@code silverman}: {@code f = (n_eff (d+2)/4)^(-1/(d+4))} — scipy.stats.gaussian_kde "silverman";</li>
 *   <li>{@code factor:F}: {@code H = F² Σ̂} — scipy's {@code bw_method=F};</li>
 *   <li>a number {@code h}: {@code H = h² I} ({@code h} is the kernel's standard deviation in every coordinate);</li>
 *   <li>{@code diagonal} / {@code diagonal:RULE}: {@code H = diag(h_1², …, h_d²)} with each {@code h_k}
 *       the 1-D {@link Bandwidth} rule (default scott, exponent {@code -1/5}) applied to column k;</li>
 *   <li>{@link #full(double[][])}: a given matrix;</li>
 *   <li>{@code lcv}: likelihood cross-validation with a diagonal {@code H}: maximises the
 *       leave-one-out log-likelihood {@code Σ_i w_i log Σ_{j≠i} w_j Π_k φ((x_ik - x_jk)/h_k)/h_k}
 *       over {@code h}; unweighted this is statsmodels {@code KDEMultivariate(bw='cv_ml')}
 *       (Nelder-Mead from the normal-reference start {@code 1.06 σ_k n^(-1/(d+4))}, here iterated
 *       to a much tighter tolerance than statsmodels' {@code xtol=1e-3}). Cost O(n² d) per evaluation.</li>
 * </ul>
 * The covariance-based rules need a non-singular covariance; zero-variance (or collinear) data are
 * rejected with an {@link IllegalArgumentException} naming the rule.
 *
 * <p>References: Scott, <i>Multivariate Density Estimation</i>, 1992; Silverman, <i>Density
 * Estimation for Statistics and Data Analysis</i>, 1986; Duin, "On the choice of smoothing
 * parameters for Parzen estimators", IEEE Trans. Computers, 1976 (likelihood cross-validation).
 */
public interface BandwidthMatrix {

    /**
     * Selects {@code H} (d × d) for data {@code x} (n rows of length d) with normalised weights
     * {@code w} (summing to 1) or {@code null} when unweighted. The arrays are not modified.
     */
    double[][] select(double[][] x, double[] w);

    /** The rule's name (as accepted by {@link #parse(String)} where applicable). */
    String name();

    /**
     * scipy's {@code factor} {@code f} when the rule is {@code H = f² Σ̂}, for the given effective
     * size and dimension; NaN for the other rules.
     */
    default double factor(double effectiveSize, int dimension) {
        return Double.NaN;
    }

    /** scipy's "scott": {@code H = n_eff^(-2/(d+4)) Σ̂}. */
    static BandwidthMatrix scott() {
        return new CovarianceScaled("scott", (neff, d) -> Math.pow(neff, -1.0 / (d + 4)));
    }

    /** scipy's "silverman": {@code H = (n_eff (d+2)/4)^(-2/(d+4)) Σ̂}. */
    static BandwidthMatrix silverman() {
        return new CovarianceScaled("silverman", (neff, d) -> Math.pow(neff * (d + 2) / 4.0, -1.0 / (d + 4)));
    }

    /** {@code H = f² Σ̂} (scipy's scalar {@code bw_method}). */
    static BandwidthMatrix factor(double f) {
        Checks.requirePositiveFinite("factor", f);
        return new CovarianceScaled("factor:" + f, (neff, d) -> f);
    }

    /** {@code H = h² I}: the kernel's standard deviation is {@code h} in every coordinate. */
    static BandwidthMatrix of(double h) {
        Checks.requirePositiveFinite("bandwidth", h);
        return new BandwidthMatrix() {
            @Override
            public double[][] select(double[][] x, double[] w) {
                int d = x[0].length;
                double[][] m = new double[d][d];
                for (int k = 0; k < d; k++) {
                    m[k][k] = h * h;
                }
                return m;
            }

            @Override
            public String name() {
                return Double.toString(h);
            }

            @Override
            public double factor(double effectiveSize, int dimension) {
                return Double.NaN;
            }
        };
    }

    /** {@code H = diag(h_k²)} with {@code h_k} the 1-D rule applied to each column. */
    static BandwidthMatrix diagonal(Bandwidth rule) {
        Checks.requireNonNull("rule", rule);
        return new BandwidthMatrix() {
            @Override
            public double[][] select(double[][] x, double[] w) {
                int d = x[0].length;
                double[][] m = new double[d][d];
                double[] col = new double[x.length];
                for (int k = 0; k < d; k++) {
                    for (int i = 0; i < x.length; i++) {
                        col[i] = x[i][k];
                    }
                    double h = rule.select(col, w);
                    if (!(h > 0) || Double.isInfinite(h)) {
                        throw Checks.fail("the diagonal:%s bandwidth of column %d is not positive and finite: %s",
                            rule.name(), k, h);
                    }
                    m[k][k] = h * h;
                }
                return m;
            }

            @Override
            public String name() {
                return "diagonal:" + rule.name();
            }
        };
    }

    /** A given symmetric positive-definite matrix (copied; checked when used). */
    static BandwidthMatrix full(double[][] h) {
        Checks.requireNonNull("bandwidth matrix", h);
        double[][] c = new double[h.length][];
        for (int i = 0; i < h.length; i++) {
            c[i] = h[i].clone();
            if (c[i].length != h.length) {
                throw Checks.fail("bandwidth matrix is not square: row %d has %d entries, expected %d", i, c[i].length, h.length);
            }
            Checks.requireFiniteArray("bandwidth matrix row " + i, c[i]);
        }
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < i; j++) {
                if (c[i][j] != c[j][i]) {
                    throw Checks.fail("bandwidth matrix is not symmetric: [%d][%d] = %s vs [%d][%d] = %s", i, j, c[i][j], j, i, c[j][i]);
                }
            }
        }
        return new BandwidthMatrix() {
            @Override
            public double[][] select(double[][] x, double[] w) {
                if (x[0].length != c.length) {
                    throw Checks.fail("bandwidth matrix and data differ in dimension: %d vs %d", c.length, x[0].length);
                }
                double[][] out = new double[c.length][];
                for (int i = 0; i < c.length; i++) {
                    out[i] = c[i].clone();
                }
                return out;
            }

            @Override
            public String name() {
                return "full";
            }
        };
    }

    /** Likelihood cross-validation with a diagonal bandwidth (statsmodels' {@code cv_ml}). */
    static BandwidthMatrix lcv() {
        return LikelihoodCrossValidation.INSTANCE;
    }

    /**
     * Parses {@code scott}, {@code silverman}, {@code factor:F}, {@code diagonal},
     * {@code diagonal:RULE} (a 1-D {@link Bandwidth} rule), {@code lcv} or a positive number
     * {@code h} ({@code H = h² I}).
     */
    static BandwidthMatrix parse(String name) {
        Checks.requireNonNull("bandwidth", name);
        String s = name.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "scott":
                return scott();
            case "silverman":
                return silverman();
            case "lcv":
            case "cv_ml":
                return lcv();
            case "diagonal":
                return diagonal(Bandwidth.scott());
            default:
                break;
        }
        if (s.startsWith("diagonal:")) {
            return diagonal(Bandwidth.parse(s.substring("diagonal:".length())));
        }
        if (s.startsWith("factor:")) {
            double f;
            try {
                f = Double.parseDouble(s.substring("factor:".length()));
            } catch (NumberFormatException e) {
                throw Checks.fail("bandwidth factor is not a number: %s", name);
            }
            if (!(f > 0) || Double.isInfinite(f)) {
                throw Checks.fail("bandwidth factor must be positive and finite: %s", name);
            }
            return factor(f);
        }
        double h;
        try {
            h = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw Checks.fail("bandwidth is neither a rule (scott, silverman, factor:F, diagonal[:RULE], lcv) nor a number: %s", name);
        }
        if (!(h > 0) || Double.isInfinite(h)) {
            throw Checks.fail("bandwidth must be positive and finite: %s", name);
        }
        return of(h);
    }

    /**
     * Weighted data covariance with scipy's reliability correction ({@code n-1} when unweighted),
     * {@code w} normalised or null.
     */
    static double[][] covariance(double[][] x, double[] w) {
        int n = x.length;
        double[][] c = WeightedCovariance.of(x, w, new double[x[0].length]);
        double w2 = 0;
        if (w != null) {
            for (double wi : w) {
                w2 += wi * wi;
            }
        }
        double norm = w == null ? n / (n - 1.0) : 1 / (1 - w2);
        for (double[] row : c) {
            for (int b = 0; b < row.length; b++) {
                row[b] *= norm;
            }
        }
        return c;
    }

    /** {@code H = f(n_eff, d)² Σ̂}. */
    final class CovarianceScaled implements BandwidthMatrix {
        private final String label;
        private final java.util.function.ToDoubleBiFunction<Double, Integer> rule;

        CovarianceScaled(String label, java.util.function.ToDoubleBiFunction<Double, Integer> rule) {
            this.label = label;
            this.rule = rule;
        }

        @Override
        public double[][] select(double[][] x, double[] w) {
            int n = x.length;
            int d = x[0].length;
            if (n < 2) {
                throw Checks.fail("data needs at least 2 points for the %s bandwidth, got %d", label, n);
            }
            double neff = w == null ? n : 1 / sumSquares(w);
            if (!(neff > 1)) {
                throw Checks.fail("data needs an effective size above 1 for the %s bandwidth, got %s", label, neff);
            }
            double f = rule.applyAsDouble(neff, d);
            double[][] c = covariance(x, w);
            for (int k = 0; k < d; k++) {
                if (!(c[k][k] > 0)) {
                    throw Checks.fail("data has zero variance in column %d: the %s bandwidth matrix is singular", k, label);
                }
            }
            for (double[] row : c) {
                for (int k = 0; k < d; k++) {
                    row[k] *= f * f;
                }
            }
            return c;
        }

        @Override
        public String name() {
            return label;
        }

        @Override
        public double factor(double effectiveSize, int dimension) {
            return rule.applyAsDouble(effectiveSize, dimension);
        }

        private static double sumSquares(double[] w) {
            double s = 0;
            for (double v : w) {
                s += v * v;
            }
            return s;
        }
    }
}
