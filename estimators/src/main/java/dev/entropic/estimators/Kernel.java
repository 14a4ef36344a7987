package dev.entropic.estimators;

import dev.entropic.core.Normal;

/**
 * Univariate smoothing kernels, each <b>normalised to unit standard deviation</b> (R's
 * {@code density()} convention): a kernel density with bandwidth {@code h} uses
 * {@code K_h(x) = K(x / h) / h}, so {@code h} is the standard deviation of the kernel, for every
 * kernel. Each kernel integrates to 1, is symmetric, and has compact support {@code [-a, a]}
 * ({@link #radius()}) except {@link #GAUSSIAN} and {@link #LAPLACE}.
 *
 * <p>With {@code t = u / a}: epanechnikov {@code 3/(4a)(1-t²)}, a = √5; biweight
 * {@code 15/(16a)(1-t²)²}, a = √7; triweight {@code 35/(32a)(1-t²)³}, a = 3; triangular
 * {@code (1-|t|)/a}, a = √6; cosine (R's "cosine") {@code (1+cos πt)/(2a)}, a = 1/√(1/3 - 2/π²);
 * uniform {@code 1/(2a)}, a = √3; laplace {@code exp(-|u|/b)/(2b)}, b = 1/√2; gaussian φ(u).
 */
public enum Kernel {
    GAUSSIAN(Double.POSITIVE_INFINITY),
    EPANECHNIKOV(Math.sqrt(5)),
    BIWEIGHT(Math.sqrt(7)),
    TRIWEIGHT(3),
    TRIANGULAR(Math.sqrt(6)),
    COSINE(1 / Math.sqrt(1.0 / 3 - 2 / (Math.PI * Math.PI))),
    UNIFORM(Math.sqrt(3)),
    LAPLACE(Double.POSITIVE_INFINITY);

    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final double LAPLACE_B = 1 / Math.sqrt(2);
    /** Support radius beyond which the Gaussian kernel is treated as 0 in binned evaluation. */
    static final double GAUSSIAN_CUTOFF = 40;

    private final double radius;

    Kernel(double radius) {
        this.radius = radius;
    }

    /** Half-width {@code a} of the support (in units of the bandwidth); infinite for gaussian and laplace. */
    public double radius() {
        return radius;
    }

    /** Parses a kernel name, case-insensitive ("gaussian", "epanechnikov", ...). */
    public static Kernel parse(String name) {
        for (Kernel k : values()) {
            if (k.name().equalsIgnoreCase(name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("kernel is unknown: " + name
            + " (expected one of gaussian, epanechnikov, biweight, triweight, triangular, cosine, uniform, laplace)");
    }

    /** The kernel value {@code K(u)} at a standardised offset {@code u}. */
    public double value(double u) {
        switch (this) {
            case GAUSSIAN:
                return INV_SQRT_2PI * Math.exp(-0.5 * u * u);
            case LAPLACE:
                return Math.exp(-Math.abs(u) / LAPLACE_B) / (2 * LAPLACE_B);
            default:
                break;
        }
        double t = u / radius;
        if (!(Math.abs(t) <= 1)) {
            return 0;
        }
        double s = 1 - t * t;
        switch (this) {
            case EPANECHNIKOV:
                return 0.75 * s / radius;
            case BIWEIGHT:
                return 15.0 / 16 * s * s / radius;
            case TRIWEIGHT:
                return 35.0 / 32 * s * s * s / radius;
            case TRIANGULAR:
                return (1 - Math.abs(t)) / radius;
            case COSINE:
                return (1 + Math.cos(Math.PI * t)) / (2 * radius);
            case UNIFORM:
                return 0.5 / radius;
            default:
                throw new AssertionError(this);
        }
    }

    /** {@code log K(u)}; {@code -Infinity} outside the support. */
    public double logValue(double u) {
        switch (this) {
            case GAUSSIAN:
                return -0.5 * u * u - 0.5 * Math.log(2 * Math.PI);
            case LAPLACE:
                return -Math.abs(u) / LAPLACE_B - Math.log(2 * LAPLACE_B);
            default:
                return Math.log(value(u));
        }
    }

    /** The kernel's cumulative distribution function {@code ∫_{-∞}^u K}. */
    public double cdf(double u) {
        switch (this) {
            case GAUSSIAN:
                return Normal.standard().cdf(u);
            case LAPLACE:
                return u < 0 ? 0.5 * Math.exp(u / LAPLACE_B) : 1 - 0.5 * Math.exp(-u / LAPLACE_B);
            default:
                break;
        }
        double t = u / radius;
        if (t <= -1) {
            return 0;
        }
        if (t >= 1) {
            return 1;
        }
        double t2 = t * t;
        switch (this) {
            case EPANECHNIKOV:
                return 0.5 + 0.75 * (t - t * t2 / 3);
            case BIWEIGHT:
                return 0.5 + 15.0 / 16 * (t - 2 * t * t2 / 3 + t * t2 * t2 / 5);
            case TRIWEIGHT:
                return 0.5 + 35.0 / 32 * (t - t * t2 + 3 * t * t2 * t2 / 5 - t * t2 * t2 * t2 / 7);
            case TRIANGULAR:
                return t < 0 ? 0.5 * (1 + t) * (1 + t) : 1 - 0.5 * (1 - t) * (1 - t);
            case COSINE:
                return 0.5 + 0.5 * t + Math.sin(Math.PI * t) / (2 * Math.PI);
            case UNIFORM:
                return 0.5 * (1 + t);
            default:
                throw new AssertionError(this);
        }
    }

    /** The inverse of {@link #cdf(double)} for {@code 0 < p < 1} (closed form or bisection). */
    public double inverseCdf(double p) {
        switch (this) {
            case GAUSSIAN:
                return Normal.standard().inverseCdf(p);
            case LAPLACE:
                return p < 0.5 ? LAPLACE_B * Math.log(2 * p) : -LAPLACE_B * Math.log(2 * (1 - p));
            case UNIFORM:
                return radius * (2 * p - 1);
            default:
                break;
        }
        double lo = -radius;
        double hi = radius;
        for (int it = 0; it < 100 && hi - lo > 1e-15 * radius; it++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
