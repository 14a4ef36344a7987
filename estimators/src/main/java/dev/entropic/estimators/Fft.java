package dev.entropic.estimators;

/**
 * The estimators' one complex FFT: in-place iterative radix-2 (power-of-two lengths), unnormalised,
 * with precomputed twiddles; used by the binned 1-D and 2-D kernel density estimates and the DCT of
 * the improved Sheather–Jones bandwidth.
 */
final class Fft {
    private Fft() {
    }

    /** In place, of length n = 2^p; {@code inverse} uses the conjugate twiddles (no 1/n). */
    static void transform(double[] re, double[] im, boolean inverse) {
        double[][] t = twiddles(re.length, inverse);
        transform(re, im, t[0], t[1]);
    }

    /** cos and sin of {@code ±2πk/n}, k < n/2. */
    static double[][] twiddles(int n, boolean inverse) {
        double[] c = new double[Math.max(1, n / 2)];
        double[] s = new double[c.length];
        for (int k = 0; k < n / 2; k++) {
            double ang = 2 * Math.PI * k / n * (inverse ? 1 : -1);
            c[k] = Math.cos(ang);
            s[k] = Math.sin(ang);
        }
        return new double[][] {c, s};
    }

    /** In-place iterative radix-2 FFT with precomputed twiddles (unnormalised). */
    static void transform(double[] re, double[] im, double[] cos, double[] sin) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            int stride = n / len;
            for (int i0 = 0; i0 < n; i0 += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * stride];
                    double wi = sin[k * stride];
                    int i = i0 + k;
                    int j = i + half;
                    double xr = re[j] * wr - im[j] * wi;
                    double xi = re[j] * wi + im[j] * wr;
                    re[j] = re[i] - xr;
                    im[j] = im[i] - xi;
                    re[i] += xr;
                    im[i] += xi;
                }
            }
        }
    }
}
