package dev.entropic.estimators;

/**
 * {@code exp(x)} for {@code x ≤ 0} by table lookup and a short polynomial, for the hot loop of
 * {@link MultivariateKernelDensity}: {@code exp(x) = 2^(k/256) · p(r)}, {@code x = k ln2/256 + r},
 * {@code |r| ≤ ln2/512}, with {@code p} the degree-5 Taylor polynomial (truncation
 * {@code r⁶/720 < 1e-20}). The table entries are correctly rounded, so the result is within
 * 2 ulp (relative error below {@value #RELATIVE_ERROR}) of the exact value. Arguments below
 * {@code -708} (including −∞) are clamped to {@code -708} and return about {@code 3e-308}
 * instead of a smaller value or 0: in a max-shifted log-sum-exp every term is at most 1 and the
 * sum is at least 1, so a clamped term changes the sum by less than {@code 1e-307} relative.
 */
final class FastExp {
    /** Bound on the relative error, measured against Math.exp (tested). */
    static final double RELATIVE_ERROR = 5e-16;
    private static final int BITS = 8;
    private static final int SIZE = 1 << BITS;
    private static final double[] TABLE = new double[SIZE];
    private static final double INV_LN2_N = SIZE / Math.log(2);
    private static final double LN2_N_HI;
    private static final double LN2_N_LO;
    /** 1.5 · 2^52: adding it rounds to an integer held in the low mantissa bits. */
    private static final double SHIFT = 0x1.8p52;
    static final double LOWER = -708;

    static {
        for (int j = 0; j < SIZE; j++) {
            TABLE[j] = StrictMath.pow(2, (double) j / SIZE);
        }
        // ln2/256 split so that k * HI is exact for |k| < 2^20
        double ln2n = Math.log(2) / SIZE;
        LN2_N_HI = Double.longBitsToDouble(Double.doubleToRawLongBits(ln2n) & 0xFFFFFFFF00000000L);
        LN2_N_LO = new java.math.BigDecimal("0.693147180559945309417232121458176568075500134360255254120680009")
            .divide(java.math.BigDecimal.valueOf(SIZE))
            .subtract(new java.math.BigDecimal(LN2_N_HI)).doubleValue();
    }

    private FastExp() {
    }

    /** {@code exp(x)} for {@code x ≤ 0} (clamped below at {@value #LOWER}). */
    static double expNonPositive(double x) {
        double y = Math.max(x, LOWER);
        double s = y * INV_LN2_N + SHIFT;
        long bits = Double.doubleToRawLongBits(s);
        double kd = s - SHIFT;
        double r = (y - kd * LN2_N_HI) - kd * LN2_N_LO;
        int k = (int) bits; // low bits hold round(y·256/ln2) in two's complement
        double p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120)))));
        long e = (long) (k >> BITS) + 1023;
        return TABLE[k & (SIZE - 1)] * p * Double.longBitsToDouble(e << 52);
    }
}
