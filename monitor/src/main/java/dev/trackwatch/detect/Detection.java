package dev.trackwatch.detect;

import java.time.Instant;

/**
 * One scored point. It is causal: every field is computed from this point and earlier ones only.
 *
 * @param time           the point's timestamp
 * @param value          the observed value
 * @param state          learning, normal or anomalous
 * @param alert          whether the anomaly has persisted long enough to alert (and is not yet accepted)
 * @param score          0..1, where 1 is a certain anomaly; at least 0.5 exactly when the state is
 *                       {@link DetectionState#ANOMALY}, so an alert always has a score of 0.5 or more
 * @param expected       the baseline's expected value (NaN while learning without any history)
 * @param lower          the lower edge of the band
 * @param upper          the upper edge of the band
 * @param slot           the seasonal slot compared with, e.g. "Tue 14:00", "hour 14", "14:05" or "none"
 * @param trainingPoints how many learned points the baseline used
 * @param trainingFrom   the oldest learned point used (null when there is none)
 * @param trainingTo     the newest learned point used (null when there is none)
 */
public record Detection(Instant time, double value, DetectionState state, boolean alert,
                        double score, double expected, double lower, double upper,
                        String slot, int trainingPoints,
                        Instant trainingFrom, Instant trainingTo) {
}
