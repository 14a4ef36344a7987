package dev.entropic.transport;

/** A solver of discrete optimal transport problems. Implementations are immutable and thread-safe. */
public interface TransportSolver {
    /**
     * Solves the problem. Balanced solvers throw {@link IllegalArgumentException} when the total
     * masses differ; non-convergence is reported by {@link TransportResult#converged()}.
     */
    TransportResult solve(TransportProblem problem);
}
