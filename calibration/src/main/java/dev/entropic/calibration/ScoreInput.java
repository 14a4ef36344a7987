package dev.entropic.calibration;

/**
 * What the scores given to a calibrator are. The fitted model records it so that {@code apply}
 * transforms new scores the same way.
 * <ul>
 *   <li>{@link #SCORE}: real-valued logits / decision values, used as they are.</li>
 *   <li>{@link #PROBABILITY}: probabilities. Multiclass: {@code log p} is used as the logits.
 *       Binary: {@code logit p = log p − log(1 − p)} is used as the score (as the reference
 *       library {@code uncertainty-calibration} does for its Platt fit).</li>
 * </ul>
 */
public enum ScoreInput {
    /** Scores are logits or decision values. */
    SCORE,
    /** Scores are probabilities in [0, 1]. */
    PROBABILITY
}
