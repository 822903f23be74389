package dev.trackwatch.detect;

import java.time.Duration;
import java.util.Objects;

/**
 * Turns alerting detections into incident openings, so that an incident notifies once: an alert
 * opens a new incident only when no point has alerted for at least {@code quietFor} before it.
 * Alerts closer together than that belong to the incident already open. {@link Duration#ZERO}
 * makes every alert open one. The same rule serves the checks (one Slack message per incident)
 * and the benchmark (one detection per anomaly window, no run of penalised repeats after it).
 */
public final class AlertGate {

    private final long quietMillis;
    private long lastAlert;
    private boolean alerted;

    /** A gate that re-opens after {@code quietFor} without alerts. */
    public AlertGate(Duration quietFor) {
        Objects.requireNonNull(quietFor, "quietFor");
        if (quietFor.isNegative()) {
            throw new IllegalArgumentException("quietFor must not be negative, got " + quietFor);
        }
        this.quietMillis = quietFor.toMillis();
    }

    /** Whether this detection opens an incident; call it for every detection of the series, in order. */
    public boolean opens(Detection detection) {
        if (!detection.alert()) {
            return false;
        }
        long t = detection.time().toEpochMilli();
        boolean opens = !alerted || t - lastAlert >= quietMillis;
        alerted = true;
        lastAlert = t;
        return opens;
    }
}
