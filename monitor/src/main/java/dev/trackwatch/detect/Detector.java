package dev.trackwatch.detect;

import java.time.Instant;

/**
 * A causal anomaly detector over one metric: each call scores a point from it and the points
 * before it, then (unless told not to) learns from it. Points must arrive in time order.
 */
public interface Detector {

    /** Scores the point, then learns from it. */
    default Detection next(Instant time, double value) {
        return next(time, value, true);
    }

    /**
     * Scores the point; with {@code learn} false it is scored but kept out of the baseline
     * (maintenance windows, holidays, past incidents, points marked as false positives).
     */
    Detection next(Instant time, double value, boolean learn);
}
