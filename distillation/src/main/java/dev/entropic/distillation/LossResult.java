package dev.entropic.distillation;

/**
 * A batch loss and its gradient with respect to the student logits.
 *
 * @param loss the batch mean {@code (1/B) Σ_i w_i L_i}
 * @param gradient {@code ∂loss/∂student}, {@code [batch][classes]}
 */
public record LossResult(double loss, double[][] gradient) {
}
