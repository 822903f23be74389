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
 * Build one with {@link #builder()}.
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
        return toBuilder().status(newStatus).build();
    }

    /** Returns a builder with nothing set but one alert. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding this message's fields. */
    public Builder toBuilder() {
        return new Builder().title(title).dataset(dataset).event(event).segment(segment).observed(observed)
                .expected(expected).lower(lower).upper(upper).since(since).severity(severity)
                .ownerMention(ownerMention).runbookUrl(runbookUrl).status(status).groupKey(groupKey)
                .alertCount(alertCount).chart(chart);
    }

    /** Builds an {@link AlertMessage} field by field; {@link #build()} checks what the record requires. */
    public static final class Builder {
        private String title;
        private String dataset;
        private String event;
        private Map<String, String> segment = Map.of();
        private Double observed;
        private Double expected;
        private Double lower;
        private Double upper;
        private Instant since;
        private Severity severity;
        private String ownerMention;
        private String runbookUrl;
        private Status status;
        private String groupKey;
        private int alertCount = 1;
        private ChartSeries chart;

        private Builder() {
        }

        public Builder title(String v) {
            title = v;
            return this;
        }

        public Builder dataset(String v) {
            dataset = v;
            return this;
        }

        public Builder event(String v) {
            event = v;
            return this;
        }

        public Builder segment(Map<String, String> v) {
            segment = v;
            return this;
        }

        public Builder observed(Double v) {
            observed = v;
            return this;
        }

        public Builder expected(Double v) {
            expected = v;
            return this;
        }

        public Builder lower(Double v) {
            lower = v;
            return this;
        }

        public Builder upper(Double v) {
            upper = v;
            return this;
        }

        public Builder since(Instant v) {
            since = v;
            return this;
        }

        public Builder severity(Severity v) {
            severity = v;
            return this;
        }

        public Builder ownerMention(String v) {
            ownerMention = v;
            return this;
        }

        public Builder runbookUrl(String v) {
            runbookUrl = v;
            return this;
        }

        public Builder status(Status v) {
            status = v;
            return this;
        }

        public Builder groupKey(String v) {
            groupKey = v;
            return this;
        }

        public Builder alertCount(int v) {
            alertCount = v;
            return this;
        }

        public Builder chart(ChartSeries v) {
            chart = v;
            return this;
        }

        /** Returns the message. */
        public AlertMessage build() {
            return new AlertMessage(title, dataset, event, segment, observed, expected, lower, upper, since, severity,
                    ownerMention, runbookUrl, status, groupKey, alertCount, chart);
        }
    }
}
