package dev.trackwatch.detect;

import java.time.Duration;
import java.util.Objects;

/**
 * The re-alert (refractory) rule: turns alerting detections into notifications, at most one per
 * {@code realertAfter}. The first alert notifies; alerts within {@code realertAfter} of the last
 * notification belong to the incident it announced; the first alert after that notifies again
 * (a reminder if the incident is still going, a new incident otherwise). {@link Duration#ZERO}
 * notifies every alert. The same rule serves the checks (one Slack message per incident) and the
 * benchmark (one detection per anomaly, not a run of penalised repeats after it).
 */
public final class AlertGate {

    private final long intervalMillis;
    private long lastOpening;
    private boolean alerted;

    /** A gate that notifies at most once per {@code realertAfter}. */
    public AlertGate(Duration realertAfter) {
        Objects.requireNonNull(realertAfter, "realertAfter");
        if (realertAfter.isNegative()) {
            throw new IllegalArgumentException("realertAfter must not be negative, got " + realertAfter);
        }
        this.intervalMillis = realertAfter.toMillis();
    }

    /** Whether this detection notifies; call it for every detection of the series, in order. */
    public boolean opens(Detection detection) {
        if (!detection.alert()) {
            return false;
        }
        long t = detection.time().toEpochMilli();
        boolean opens = !alerted || t - lastOpening >= intervalMillis;
        if (opens) {
            alerted = true;
            lastOpening = t;
        }
        return opens;
    }
}
