package dev.entropic.estimators;

/**
 * Weighted mean and maximum-likelihood (divisor Σw) covariance of points, the one implementation
 * behind the KDE's data covariance ({@link BandwidthMatrix}, which rescales it by scipy's
 * reliability factor) and the cross-entropy fits of {@link MultipleExpectations}.
 */
final class WeightedCovariance {
    private WeightedCovariance() {
    }

    /**
     * \( \bar x = \sum_i w_i x_i / \sum_i w_i \) into {@code mean} and returns
     * \( \sum_i w_i (x_i - \bar x)(x_i - \bar x)^\top / \sum_i w_i \) (d × d); {@code w} non-negative,
     * not necessarily normalised, or null for equal weights. Points of weight 0 are skipped.
     */
    static double[][] of(double[][] x, double[] w, double[] mean) {
        int n = x.length;
        int d = mean.length;
        double total = 0;
        java.util.Arrays.fill(mean, 0.0);
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            if (wi == 0) {
                continue;
            }
            total += wi;
            for (int a = 0; a < d; a++) {
                mean[a] += wi * x[i][a];
            }
        }
        for (int a = 0; a < d; a++) {
            mean[a] /= total;
        }
        double[][] c = new double[d][d];
        double[] dev = new double[d];
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            if (wi == 0) {
                continue;
            }
            for (int a = 0; a < d; a++) {
                dev[a] = x[i][a] - mean[a];
            }
            for (int a = 0; a < d; a++) {
                double wa = wi * dev[a];
                for (int b = 0; b <= a; b++) {
                    c[a][b] += wa * dev[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                c[a][b] /= total;
                c[b][a] = c[a][b];
            }
        }
        return c;
    }
}
