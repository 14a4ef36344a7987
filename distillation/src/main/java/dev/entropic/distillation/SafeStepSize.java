package dev.entropic.distillation;

import dev.entropic.core.Checks;

/**
 * Safe step sizes for softmax cross-entropy from the radius of convergence of its Taylor series
 * along a proposed update ("Ghosts of Softmax", Theorems 4.3 and 4.6).
 *
 * <p>Let {@code v} be a unit direction in parameter space and {@code a = J_z v} the directional
 * derivatives of the logits of one example ({@code a_k = Σ_j ∂z_k/∂θ_j v_j}). Along the line
 * {@code θ + t v}, to first order {@code z(t) = z + t a}, and the cross-entropy
 * {@code ℓ(t) = log Σ_k e^{z_k + t a_k} − z_y − t a_y} is analytic until a complex zero of the
 * partition function. With the spread {@code Δ_a = max_k a_k − min_k a_k}:
 * <ul>
 *   <li>multiclass bound (Thm 4.3): the Taylor series of {@code ℓ} converges for
 *       {@code |t| < ρ_a = π/Δ_a}; over a batch, {@code Δ_a} is the largest per-example spread;</li>
 *   <li>exact binary radius (Thm 4.6): with two classes and logit gap {@code δ = z_1 − z_2}, the
 *       nearest singularity is at {@code t = (−δ ± iπ)/Δ_a}, so {@code ρ* = √(δ² + π²)/Δ_a ≥ ρ_a}.</li>
 * </ul>
 * A step of norm {@code ‖step‖} has normalised length {@code r = ‖step‖/ρ_a}; {@code r < 1} keeps it
 * inside the disc where the local (Taylor) model of the loss is valid, and the step scale
 * {@code min(1, ρ_a/‖step‖)} shrinks a proposed step onto that disc. A zero spread (the step does
 * not change the logits' differences) gives {@code ρ_a = ∞}, {@code r = 0} and scale 1.
 *
 * <p>Example (see {@code SafeStepSizeTest.softmaxRegressionExample}): for softmax regression
 * {@code z_i = W x_i}, a proposed step {@code ΔW} has direction {@code V = ΔW/‖ΔW‖_F} and
 * {@code a_i = V x_i}; {@code StepBound b = SafeStepSize.of(a, n, classes, ‖ΔW‖_F)} and the update
 * {@code W += b.scale()·ΔW} never leaves the convergence disc.
 *
 * <p>Reference: "Ghosts of Softmax: Complex Singularities That Limit Safe Step Sizes in
 * Cross-Entropy" (2025), Theorems 4.3 and 4.6.
 */
public final class SafeStepSize {
    private SafeStepSize() {
    }

    /**
     * The step bound for a batch.
     *
     * @param spread the batch's largest spread {@code Δ_a = max_i (max_k a_ik − min_k a_ik)}
     * @param radius {@code ρ_a = π/Δ_a} (∞ when the spread is 0)
     * @param normalisedStep {@code r = ‖step‖/ρ_a}
     * @param scale {@code min(1, ρ_a/‖step‖)}
     * @param worstExample the example attaining the spread
     */
    public record StepBound(double spread, double radius, double normalisedStep, double scale,
            int worstExample) {
        /** Whether the step lies strictly inside the convergence disc ({@code r < 1}). */
        public boolean isSafe() {
            return normalisedStep < 1;
        }
    }

    /**
     * The bound for directional logit derivatives {@code a} ({@code batch × classes}, row-major)
     * along a unit direction, for a proposed step of norm {@code stepNorm ≥ 0}.
     */
    public static StepBound of(double[] directionalDerivatives, int batch, int classes, double stepNorm) {
        Checks.requireNonNull("directionalDerivatives", directionalDerivatives);
        Checks.requirePositive("batch", batch);
        Checks.requirePositive("classes", classes);
        if ((long) batch * classes != directionalDerivatives.length) {
            throw Checks.fail("directionalDerivatives has %d values, expected batch·classes = %d·%d",
                    directionalDerivatives.length, batch, classes);
        }
        if (!(stepNorm >= 0) || Double.isInfinite(stepNorm)) {
            throw Checks.fail("stepNorm must be finite and non-negative: %s", stepNorm);
        }
        double spread = 0;
        int worst = 0;
        for (int i = 0; i < batch; i++) {
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (int k = i * classes; k < (i + 1) * classes; k++) {
                double a = directionalDerivatives[k];
                if (!Double.isFinite(a)) {
                    throw Checks.fail("directionalDerivatives[%d][%d] is not finite: %s", i, k - i * classes, a);
                }
                max = Math.max(max, a);
                min = Math.min(min, a);
            }
            if (max - min > spread) {
                spread = max - min;
                worst = i;
            }
        }
        double radius = spread == 0 ? Double.POSITIVE_INFINITY : Math.PI / spread;
        double r = spread == 0 ? 0 : stepNorm / radius;
        double scale = r <= 1 ? 1 : radius / stepNorm;
        return new StepBound(spread, radius, r, scale, worst);
    }

    /** The multiclass radius {@code ρ_a = π/Δ_a} for one spread {@code Δ_a ≥ 0}. */
    public static double radius(double spread) {
        if (!(spread >= 0) || Double.isInfinite(spread)) {
            throw Checks.fail("spread must be finite and non-negative: %s", spread);
        }
        return Math.PI / spread;
    }

    /** The exact binary radius {@code ρ* = √(δ² + π²)/Δ_a} for logit gap δ and spread {@code Δ_a ≥ 0}. */
    public static double binaryRadius(double logitGap, double spread) {
        Checks.requireFinite("logitGap", logitGap);
        if (!(spread >= 0) || Double.isInfinite(spread)) {
            throw Checks.fail("spread must be finite and non-negative: %s", spread);
        }
        return Math.hypot(logitGap, Math.PI) / spread;
    }
}
