package dev.entropic.calibration;

/**
 * Mean NLL of {@code softmax(W z + b)} with its exact gradient, for vector scaling (diagonal W,
 * parameters {@code [w_0..w_{k-1}, b_0..b_{k-1}]}) and matrix scaling (full W row-major, then b),
 * plus the ODIR penalty \(\lambda_{od}\sum_{i\ne j}W_{ij}^2/(k(k-1)) + \lambda_b\sum_j b_j^2/k\).
 */
final class AffineSoftmax implements Lbfgs.Objective {
    private final double[] z;
    private final int[] y;
    private final int n;
    private final int k;
    private final boolean diagonal;
    private final double offDiagonalWeight;
    private final double interceptWeight;
    private final double[] a;

    AffineSoftmax(Logits logits, int[] labels, boolean diagonal, double lambdaOffDiagonal, double lambdaIntercept) {
        this.z = logits.values;
        this.y = labels;
        this.n = logits.n;
        this.k = logits.k;
        this.diagonal = diagonal;
        this.offDiagonalWeight = k > 1 ? lambdaOffDiagonal / (k * (double) (k - 1)) : 0;
        this.interceptWeight = lambdaIntercept / k;
        this.a = new double[k];
    }

    int dimension() {
        return diagonal ? 2 * k : k * k + k;
    }

    double[] identity() {
        double[] x = new double[dimension()];
        for (int j = 0; j < k; j++) {
            x[diagonal ? j : j * k + j] = 1;
        }
        return x;
    }

    @Override
    public double value(double[] x, double[] grad) {
        java.util.Arrays.fill(grad, 0);
        int bOff = diagonal ? k : k * k;
        double total = 0;
        for (int i = 0; i < n; i++) {
            int off = i * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double v;
                if (diagonal) {
                    v = x[j] * z[off + j];
                } else {
                    v = 0;
                    int row = j * k;
                    for (int l = 0; l < k; l++) {
                        v += x[row + l] * z[off + l];
                    }
                }
                v += x[bOff + j];
                a[j] = v;
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                a[j] = Math.exp(a[j] - max);
                sum += a[j];
            }
            int label = y[i];
            double logSum = Math.log(sum);
            // a[label] still holds exp(a_label - max); NLL term = log sum - (a_label - max).
            total += logSum - Math.log(a[label]);
            for (int j = 0; j < k; j++) {
                double r = a[j] / sum - (j == label ? 1 : 0);
                grad[bOff + j] += r;
                if (diagonal) {
                    grad[j] += r * z[off + j];
                } else {
                    int row = j * k;
                    for (int l = 0; l < k; l++) {
                        grad[row + l] += r * z[off + l];
                    }
                }
            }
        }
        double inv = 1.0 / n;
        double f = total * inv;
        for (int p = 0; p < grad.length; p++) {
            grad[p] *= inv;
        }
        if (!diagonal && offDiagonalWeight > 0) {
            for (int j = 0; j < k; j++) {
                for (int l = 0; l < k; l++) {
                    if (j != l) {
                        double w = x[j * k + l];
                        f += offDiagonalWeight * w * w;
                        grad[j * k + l] += 2 * offDiagonalWeight * w;
                    }
                }
            }
        }
        if (interceptWeight > 0) {
            for (int j = 0; j < k; j++) {
                double b = x[bOff + j];
                f += interceptWeight * b * b;
                grad[bOff + j] += 2 * interceptWeight * b;
            }
        }
        return f;
    }

    /** softmax(W z + b) for each row of validated logits. */
    static double[][] predict(Logits z, double[][] w, double[] diag, double[] b) {
        int k = z.k;
        double[][] out = new double[z.n][k];
        for (int i = 0; i < z.n; i++) {
            int off = i * k;
            double[] p = out[i];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double v;
                if (w == null) {
                    v = diag[j] * z.values[off + j];
                } else {
                    v = 0;
                    for (int l = 0; l < k; l++) {
                        v += w[j][l] * z.values[off + l];
                    }
                }
                p[j] = v + b[j];
                max = Math.max(max, p[j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                p[j] = Math.exp(p[j] - max);
                sum += p[j];
            }
            for (int j = 0; j < k; j++) {
                p[j] /= sum;
            }
        }
        return out;
    }
}
