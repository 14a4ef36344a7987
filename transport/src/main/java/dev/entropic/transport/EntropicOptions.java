package dev.entropic.transport;

import dev.entropic.core.Checks;

/** Validation shared by the entropic solvers' {@code with} methods (package-private). */
final class EntropicOptions {
    private EntropicOptions() {
    }

    static double epsilon(double eps) {
        if (!(eps > 0 && eps < Double.POSITIVE_INFINITY)) {
            throw Checks.fail("epsilon must be positive and finite: %s", eps);
        }
        return eps;
    }

    static double tolerance(double tol) {
        if (!(tol > 0 && tol < Double.POSITIVE_INFINITY)) {
            throw Checks.fail("tolerance must be positive and finite: %s", tol);
        }
        return tol;
    }

    static int maxIterations(int maxIter) {
        if (maxIter < 1) {
            throw Checks.fail("maxIterations must be at least 1: %d", maxIter);
        }
        return maxIter;
    }
}
