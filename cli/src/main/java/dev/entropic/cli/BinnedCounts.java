package dev.entropic.cli;

import dev.entropic.core.Checks;

/** Reading and validating per-bin count files for {@code iv} and {@code psi}. */
final class BinnedCounts {
    private BinnedCounts() {
    }

    /**
     * A vector of counts from {@code file}: non-negative, finite, integer-valued, positive total;
     * errors name the option and the file.
     */
    static double[] read(String option, String file) {
        double[] v = Inputs.readVector(file);
        String name = option + " (" + file + ")";
        Checks.requireWeights(name, v);
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i])) {
                throw Checks.fail("%s[%d] is not an integer count: %s", name, i, v[i]);
            }
        }
        return v;
    }

    /** Requires two count vectors of the same length, at least 2 bins. */
    static void requireBins(String optionA, double[] a, String optionB, double[] b) {
        if (a.length != b.length) {
            throw Checks.fail("%s and %s differ in length: %d vs %d", optionA, optionB, a.length, b.length);
        }
        if (a.length < 2) {
            throw Checks.fail("%s and %s need at least 2 bins: %d", optionA, optionB, a.length);
        }
    }
}
