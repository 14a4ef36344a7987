package dev.entropic.transport;

import dev.entropic.core.Checks;
import dev.entropic.core.EmpiricalDistribution;
import dev.entropic.core.Numerics;
import java.util.Arrays;

/**
 * A discrete optimal transport problem: source masses \( a \in R_+^n \), target masses
 * \( b \in R_+^m \) and an n×m {@link CostMatrix} C. Masses are kept as given (not renormalised):
 * a balanced solver calls {@link #requireBalanced()}, which rejects unequal total mass
 * (relative tolerance {@link #MASS_TOLERANCE}) with an {@link IllegalArgumentException} instead of
 * silently renormalising. Unbalanced solvers accept any positive masses.
 */
public final class TransportProblem {
    /** Relative tolerance on \( |\sum a - \sum b| / \max(\sum a, \sum b) \) for balanced problems. */
    public static final double MASS_TOLERANCE = 1e-9;

    private final double[] a;
    private final double[] b;
    private final CostMatrix cost;
    private final double massA;
    private final double massB;

    private TransportProblem(double[] a, double[] b, CostMatrix cost, double massA, double massB) {
        this.a = a;
        this.b = b;
        this.cost = cost;
        this.massA = massA;
        this.massB = massB;
    }

    /**
     * A problem with explicit masses. {@code a} has one entry per row of {@code cost}, {@code b} one
     * per column; entries are finite and non-negative with a positive total. Arrays are copied.
     */
    public static TransportProblem of(double[] a, double[] b, CostMatrix cost) {
        Checks.requireNonNull("cost", cost);
        double ma = Checks.requireWeights("a", a);
        double mb = Checks.requireWeights("b", b);
        if (a.length != cost.rows()) {
            throw Checks.fail("a and cost rows differ in length: %d vs %d", a.length, cost.rows());
        }
        if (b.length != cost.cols()) {
            throw Checks.fail("b and cost columns differ in length: %d vs %d", b.length, cost.cols());
        }
        return new TransportProblem(a.clone(), b.clone(), cost, ma, mb);
    }

    /** Uniform masses 1/n and 1/m on the rows and columns of {@code cost}. */
    public static TransportProblem uniform(CostMatrix cost) {
        Checks.requireNonNull("cost", cost);
        double[] a = new double[cost.rows()];
        double[] b = new double[cost.cols()];
        Arrays.fill(a, 1.0 / a.length);
        Arrays.fill(b, 1.0 / b.length);
        return new TransportProblem(a, b, cost, 1.0, 1.0);
    }

    /** The problem between two empirical distributions (their normalised weights) under a ground cost. */
    public static TransportProblem between(EmpiricalDistribution x, EmpiricalDistribution y, GroundCost cost) {
        CostMatrix c = CostMatrix.between(x, y, cost);
        return of(x.weights(), y.weights(), c);
    }

    /** Throws unless \( |\sum a - \sum b| \le \) {@link #MASS_TOLERANCE} · max(Σa, Σb). */
    public TransportProblem requireBalanced() {
        if (!(Math.abs(massA - massB) <= MASS_TOLERANCE * Math.max(massA, massB))) {
            throw Checks.fail("a and b differ in total mass: %s vs %s (a balanced solver needs equal mass)", massA, massB);
        }
        return this;
    }

    /** True when the total masses agree within {@link #MASS_TOLERANCE}. */
    public boolean isBalanced() {
        return Math.abs(massA - massB) <= MASS_TOLERANCE * Math.max(massA, massB);
    }

    /** The same problem with the cost matrix replaced (same shape). */
    public TransportProblem withCost(CostMatrix newCost) {
        Checks.requireNonNull("cost", newCost);
        if (newCost.rows() != cost.rows() || newCost.cols() != cost.cols()) {
            throw Checks.fail("cost shape differs: %dx%d vs %dx%d", newCost.rows(), newCost.cols(), cost.rows(), cost.cols());
        }
        return new TransportProblem(a, b, newCost, massA, massB);
    }

    /** The transposed problem (b, a, Cᵀ). */
    public TransportProblem transpose() {
        return new TransportProblem(b, a, cost.transpose(), massB, massA);
    }

    /** Number of source points n. */
    public int sourceSize() {
        return a.length;
    }

    /** Number of target points m. */
    public int targetSize() {
        return b.length;
    }

    /** A copy of the source masses. */
    public double[] sourceMasses() {
        return a.clone();
    }

    /** A copy of the target masses. */
    public double[] targetMasses() {
        return b.clone();
    }

    /** Σ a (compensated). */
    public double sourceMass() {
        return massA;
    }

    /** Σ b (compensated). */
    public double targetMass() {
        return massB;
    }

    /** The cost matrix. */
    public CostMatrix cost() {
        return cost;
    }

    double[] a() {
        return a;
    }

    double[] b() {
        return b;
    }

    /** Total mass Σ a, used to express tolerances relative to the mass (= 1 for probability vectors). */
    double mass() {
        return Numerics.sum(a);
    }
}
