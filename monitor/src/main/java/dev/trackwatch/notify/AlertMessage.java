package dev.trackwatch.notify;

import dev.trackwatch.config.Severity;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one Slack message says about a group of alerts that fire (or resolve) together: the first
 * alert's details stand for the group, and {@code alertCount} says how many alerts the group holds.
 *
 * @param title one line saying what broke, e.g. "Checkout volume dropped 38% on iOS"
 * @param dataset the dataset the alerts belong to
 * @param event the event name the check is about, or null for a dataset-wide check
 * @param segment the segment of the representative alert, in display order (empty for the total)
 * @param observed the observed value of the representative alert, or null when there was none
 * @param expected the expected (baseline) value, or null when the check has only static bounds
 * @param lower the lower bound of the accepted band, or null when unbounded below
 * @param upper the upper bound of the accepted band, or null when unbounded above
 * @param since when the group started firing
 * @param severity the most urgent severity in the group
 * @param ownerMention how to address the owning team: a Slack mention such as
 *                     {@code <!subteam^S123>} (which notifies) or a plain name such as {@code @growth}
 * @param runbookUrl the runbook to follow, or null when the check has none
 * @param status whether the group is firing or resolved
 * @param groupKey the stable incident/group key; the same group always has the same key
 * @param alertCount how many alerts the group holds (1 or more)
 * @param chart the metric around the incident, or null to send no chart
 */
public record AlertMessage(String title, String dataset, String event, Map<String, String> segment,
                           Double observed, Double expected, Double lower, Double upper,
                           Instant since, Severity severity, String ownerMention, String runbookUrl,
                           Status status, String groupKey, int alertCount, ChartSeries chart) {

    /** Whether a message announces a problem or its end. */
    public enum Status {
        FIRING, RESOLVED
    }

    public AlertMessage {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(groupKey, "groupKey");
        if (alertCount < 1) {
            throw new IllegalArgumentException("a group holds at least one alert, not " + alertCount);
        }
        // Map.copyOf would lose the order the segment's dimensions were declared in.
        segment = segment == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(segment));
    }

    /** Returns how many alerts the group holds besides the one this message describes. */
    public int othersCount() {
        return alertCount - 1;
    }

    /** Returns this message with another status, e.g. the RESOLVED edit of a FIRING message. */
    public AlertMessage withStatus(Status newStatus) {
        return new AlertMessage(title, dataset, event, segment, observed, expected, lower, upper, since, severity,
                ownerMention, runbookUrl, newStatus, groupKey, alertCount, chart);
    }
}
