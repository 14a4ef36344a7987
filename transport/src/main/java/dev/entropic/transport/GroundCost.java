package dev.entropic.transport;

import dev.entropic.core.Checks;
import java.util.function.ToDoubleBiFunction;

/**
 * A ground cost \( c(x, y) \) between two points of R^d, evaluated on flat row-major storage so that
 * cost matrices (and the blocked, on-the-fly solvers) never copy points.
 *
 * <p>Built-in costs: {@link #squaredEuclidean()} \( \|x-y\|_2^2 \) (POT's {@code ot.dist} default
 * {@code 'sqeuclidean'}), {@link #euclidean()} \( \|x-y\|_2 \) and {@link #minkowski(double)}
 * \( \|x-y\|_p = (\sum_k |x_k-y_k|^p)^{1/p} \), \( p \ge 1 \). A user function is wrapped with
 * {@link #of(ToDoubleBiFunction)}; it must return finite values.
 */
@FunctionalInterface
public interface GroundCost {
    /**
     * The cost between point {@code x[xOffset .. xOffset+d)} and point {@code y[yOffset .. yOffset+d)}.
     */
    double cost(double[] x, int xOffset, double[] y, int yOffset, int d);

    /** \( \|x-y\|_2^2 \). */
    static GroundCost squaredEuclidean() {
        return GroundCosts.SQUARED_EUCLIDEAN;
    }

    /** \( \|x-y\|_2 \). */
    static GroundCost euclidean() {
        return GroundCosts.EUCLIDEAN;
    }

    /**
     * The Minkowski distance \( (\sum_k |x_k-y_k|^p)^{1/p} \) with {@code 1 <= p < ∞}
     * (p = 1: city block, p = 2: Euclidean).
     */
    static GroundCost minkowski(double p) {
        if (!(p >= 1 && p < Double.POSITIVE_INFINITY)) {
            throw Checks.fail("minkowski p must be in [1, ∞): %s", p);
        }
        if (p == 2) {
            return GroundCosts.EUCLIDEAN;
        }
        return (x, xo, y, yo, d) -> {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += Math.pow(Math.abs(x[xo + k] - y[yo + k]), p);
            }
            return Math.pow(s, 1.0 / p);
        };
    }

    /**
     * A user cost on points given as arrays (each call receives fresh copies of the two points, so
     * the function cannot corrupt the clouds).
     */
    static GroundCost of(ToDoubleBiFunction<double[], double[]> function) {
        Checks.requireNonNull("function", function);
        return (x, xo, y, yo, d) -> {
            double[] px = new double[d];
            double[] py = new double[d];
            System.arraycopy(x, xo, px, 0, d);
            System.arraycopy(y, yo, py, 0, d);
            return function.applyAsDouble(px, py);
        };
    }
}

/** The built-in costs as constants (package-private holder). */
final class GroundCosts {
    static final GroundCost SQUARED_EUCLIDEAN = (x, xo, y, yo, d) -> {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double t = x[xo + k] - y[yo + k];
            s += t * t;
        }
        return s;
    };
    static final GroundCost EUCLIDEAN = (x, xo, y, yo, d) -> Math.sqrt(SQUARED_EUCLIDEAN.cost(x, xo, y, yo, d));

    private GroundCosts() {
    }
}
