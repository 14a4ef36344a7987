package dev.entropic.calibration;

/**
 * A fitted calibrator: maps scores to calibrated probabilities. Every model of this package
 * implements it and serialises through {@link CalibrationJson}.
 */
public interface CalibrationModel {
    /**
     * Calibrated probabilities: {@code [n][k]} rows summing to 1 for {@code [n][k]} multiclass
     * scores, {@code [n][1]} = P(y = 1) for {@code [n][1]} binary scores. The argument is not
     * modified.
     */
    double[][] predict(double[][] scores);

    /** What the scores given to {@link #predict} are (recorded at fit time). */
    ScoreInput input();
}
