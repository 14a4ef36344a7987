package dev.entropic.transport;

import dev.entropic.core.Checks;
import dev.entropic.core.EmpiricalDistribution;

/**
 * The debiased Sinkhorn divergence
 * \( S_\varepsilon(\alpha,\beta) = \mathrm{OT}_\varepsilon(\alpha,\beta) - \tfrac12\mathrm{OT}_\varepsilon(\alpha,\alpha)
 * - \tfrac12\mathrm{OT}_\varepsilon(\beta,\beta) \), where \( \mathrm{OT}_\varepsilon \) is the regularised
 * objective \( \min_P \langle P,C\rangle + \varepsilon\mathrm{KL}(P\|\alpha\otimes\beta) \)
 * ({@link TransportResult#objective()}). For a cost \( c(x,y) = \|x-y\|^p \) with p ∈ {1, 2}
 * (positive kernel \( e^{-c/\varepsilon} \)) it is non-negative, zero iff α = β, and interpolates
 * between OT (ε → 0) and an MMD (ε → ∞).
 *
 * <p>Reference: J. Feydy, T. Séjourné, F.-X. Vialard, S. Amari, A. Trouvé, G. Peyré,
 * "Interpolating between Optimal Transport and MMD using Sinkhorn Divergences", AISTATS 2019.
 */
public final class SinkhornDivergence {
    private SinkhornDivergence() {
    }

    /** The three solves' results and the divergence. */
    public record Result(double value, TransportResult crossTerm, TransportResult sourceTerm, TransportResult targetTerm,
            boolean converged) {
    }

    /** \( S_\varepsilon \) between two point clouds with the given ground cost and solver. */
    public static Result between(EmpiricalDistribution x, EmpiricalDistribution y, GroundCost cost, LogSinkhorn solver) {
        Checks.requireNonNull("solver", solver);
        TransportResult xy = solver.solve(TransportProblem.between(x, y, cost));
        TransportResult xx = solver.solve(TransportProblem.between(x, x, cost));
        TransportResult yy = solver.solve(TransportProblem.between(y, y, cost));
        double value = xy.objective() - 0.5 * xx.objective() - 0.5 * yy.objective();
        return new Result(value, xy, xx, yy, xy.converged() && xx.converged() && yy.converged());
    }
}
