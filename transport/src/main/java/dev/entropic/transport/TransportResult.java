package dev.entropic.transport;

import dev.entropic.core.Checks;

/**
 * The immutable outcome of a transport solve.
 *
 * <ul>
 *   <li>{@code plan}: the coupling P (dense or sparse);</li>
 *   <li>{@code cost}: the transport cost \( \langle P, C\rangle \) (POT's {@code emd2} /
 *       {@code sinkhorn2} value);</li>
 *   <li>{@code objective}: the regularised objective the solver minimises — for entropic solvers
 *       \( \langle P,C\rangle + \varepsilon\,\mathrm{KL}(P\,\|\,ab^\top) \) with the generalised
 *       KL \( \sum P\log\frac{P}{ab^\top} - \sum P + \sum ab^\top \); for exact solvers equal to
 *       {@code cost};</li>
 *   <li>{@code sourcePotential} f and {@code targetPotential} g: dual potentials. Exact solvers
 *       return Kantorovich potentials with \( f_i + g_j \le C_{ij} \), equality on the support of
 *       P. Entropic solvers return the potentials with
 *       \( P_{ij} = a_i b_j \exp((f_i + g_j - C_{ij})/\varepsilon) \), so that
 *       \( \langle a, f\rangle + \langle b, g\rangle \) is the regularised objective at the optimum;
 *       the pair is defined up to \( (f + t, g - t) \);</li>
 *   <li>{@code marginalError}: \( \|P\mathbf 1 - a\|_1 + \|P^\top\mathbf 1 - b\|_1 \) of the returned
 *       plan;</li>
 *   <li>{@code iterations}: Sinkhorn iterations (for Sinkhorn-Newton-Sparse: its warm-up passes),
 *       network simplex pivots for the exact solver; {@code newtonIterations}: Newton steps (0 for
 *       methods without them);</li>
 *   <li>{@code converged}: whether the stopping rule was met (never hidden; values are always
 *       finite);</li>
 *   <li>{@code seconds}: wall-clock time of the solve.</li>
 * </ul>
 *
 * <p>Array components are copied on the way in and out.
 */
public record TransportResult(
        TransportMethod method,
        TransportPlan plan,
        double cost,
        double objective,
        double[] sourcePotential,
        double[] targetPotential,
        double marginalError,
        int iterations,
        int newtonIterations,
        boolean converged,
        double seconds) {

    /** Validates and copies. */
    public TransportResult {
        Checks.requireNonNull("method", method);
        Checks.requireNonNull("plan", plan);
        Checks.requireNonNull("sourcePotential", sourcePotential);
        Checks.requireNonNull("targetPotential", targetPotential);
        if (sourcePotential.length != plan.rows() || targetPotential.length != plan.cols()) {
            throw Checks.fail("potentials have lengths %d, %d; plan is %dx%d",
                    sourcePotential.length, targetPotential.length, plan.rows(), plan.cols());
        }
        sourcePotential = sourcePotential.clone();
        targetPotential = targetPotential.clone();
    }

    /** A copy of f. */
    @Override
    public double[] sourcePotential() {
        return sourcePotential.clone();
    }

    /** A copy of g. */
    @Override
    public double[] targetPotential() {
        return targetPotential.clone();
    }

    /** Total iteration count: {@code iterations + newtonIterations}. */
    public int totalIterations() {
        return iterations + newtonIterations;
    }
}
