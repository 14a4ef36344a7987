package dev.entropic.core;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Student's t law with ν degrees of freedom (standard: location 0, scale 1):
 * {@code p(x) = Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) (1 + x²/ν)^{−(ν+1)/2}}.
 */
public final class StudentT extends CommonsUnivariate {
    private final double degreesOfFreedom;

    private StudentT(double degreesOfFreedom) {
        super(TDistribution.of(degreesOfFreedom));
        this.degreesOfFreedom = degreesOfFreedom;
    }

    /** Student t with {@code degreesOfFreedom > 0}. */
    public static StudentT of(double degreesOfFreedom) {
        Checks.requirePositiveFinite("degreesOfFreedom", degreesOfFreedom);
        return new StudentT(degreesOfFreedom);
    }

    /** ν. */
    public double degreesOfFreedom() {
        return degreesOfFreedom;
    }

    @Override
    public String toString() {
        return "student-t(" + degreesOfFreedom + ")";
    }
}
