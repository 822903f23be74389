package dev.trackwatch.incidents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.trackwatch.config.Severity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One incident: everything known about a series (check, dataset, metric, segment) going wrong,
 * from the first failing verdict until it is resolved or closed. Stored as versioned rows; the
 * newest version is the incident. Build one with {@link #builder()}, change one with
 * {@link #toBuilder()}: the record is too wide to be built positionally.
 *
 * @param id a stable id derived from the key, so a restart finds the same incident
 * @param dataset the dataset
 * @param check the check
 * @param metric the metric, or {@code monitor_fault} for a monitor fault
 * @param segment the segment, empty for the total
 * @param kind the alert kind (volume, freshness, ..., or monitor_fault)
 * @param severity the check's severity (lower-case in storage and JSON, as {@link SeverityLabel} writes it)
 * @param owner the owning team
 * @param state the state
 * @param openedAt when it opened
 * @param updatedAt when it last changed
 * @param firstBucket the first failing bucket, or null
 * @param lastBucket the newest bucket judged while open, or null
 * @param observed the newest observed value, or null
 * @param expected the newest expected value (baseline), or null
 * @param lower the newest lower edge of the band (or static minimum), or null
 * @param upper the newest upper edge of the band (or static maximum), or null
 * @param reason the newest verdict in words
 * @param healthyBuckets consecutive healthy buckets since the last failing one
 * @param actor who acknowledged or closed it, or empty
 * @param version the row version, increasing by one per change
 * @param labels the routing labels ({@link AlertLabels}), computed when the incident was opened or
 *               last updated and stored with it; empty for rows written before labels were stored.
 *               Not part of the API's JSON, which is unchanged.
 */
@Serdeable
public record Incident(String id, String dataset, String check, String metric, Map<String, String> segment, String kind,
                       @Serdeable.Serializable(using = SeverityLabel.class) Severity severity, String owner,
                       IncidentState state, Instant openedAt, Instant updatedAt, Instant firstBucket,
                       Instant lastBucket, Double observed, Double expected, Double lower, Double upper, String reason,
                       int healthyBuckets, String actor, long version, @JsonIgnore Map<String, String> labels) {

    public Incident {
        segment = Map.copyOf(segment);
        Objects.requireNonNull(severity, "severity");
        labels = labels == null ? Map.of() : labels;
    }

    /** Returns a builder with no fields set but an empty segment, no labels, version 1 and no actor. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding this incident's fields. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Returns whether the incident is open or acknowledged. */
    public boolean isActive() {
        return state == IncidentState.OPEN || state == IncidentState.ACKNOWLEDGED;
    }

    /** Returns the next version of this incident with {@code state}, changed at {@code at}. */
    public Incident withState(IncidentState newState, Instant at, String by) {
        return toBuilder().state(newState).updatedAt(at).actor(by).version(version + 1).build();
    }

    /** Returns this incident with other labels (same version: labels are derived, not a change). */
    public Incident withLabels(Map<String, String> newLabels) {
        return toBuilder().labels(newLabels).build();
    }

    /** Builds an {@link Incident} field by field. */
    public static final class Builder {
        private String id;
        private String dataset;
        private String check;
        private String metric;
        private Map<String, String> segment = Map.of();
        private String kind;
        private Severity severity;
        private String owner;
        private IncidentState state;
        private Instant openedAt;
        private Instant updatedAt;
        private Instant firstBucket;
        private Instant lastBucket;
        private Double observed;
        private Double expected;
        private Double lower;
        private Double upper;
        private String reason;
        private int healthyBuckets;
        private String actor = "";
        private long version = 1;
        private Map<String, String> labels = Map.of();

        private Builder() {
        }

        private Builder(Incident i) {
            id = i.id;
            dataset = i.dataset;
            check = i.check;
            metric = i.metric;
            segment = i.segment;
            kind = i.kind;
            severity = i.severity;
            owner = i.owner;
            state = i.state;
            openedAt = i.openedAt;
            updatedAt = i.updatedAt;
            firstBucket = i.firstBucket;
            lastBucket = i.lastBucket;
            observed = i.observed;
            expected = i.expected;
            lower = i.lower;
            upper = i.upper;
            reason = i.reason;
            healthyBuckets = i.healthyBuckets;
            actor = i.actor;
            version = i.version;
            labels = i.labels;
        }

        public Builder id(String v) {
            id = v;
            return this;
        }

        public Builder dataset(String v) {
            dataset = v;
            return this;
        }

        public Builder check(String v) {
            check = v;
            return this;
        }

        public Builder metric(String v) {
            metric = v;
            return this;
        }

        public Builder segment(Map<String, String> v) {
            segment = v;
            return this;
        }

        public Builder kind(String v) {
            kind = v;
            return this;
        }

        public Builder severity(Severity v) {
            severity = v;
            return this;
        }

        public Builder owner(String v) {
            owner = v;
            return this;
        }

        public Builder state(IncidentState v) {
            state = v;
            return this;
        }

        public Builder openedAt(Instant v) {
            openedAt = v;
            return this;
        }

        public Builder updatedAt(Instant v) {
            updatedAt = v;
            return this;
        }

        public Builder firstBucket(Instant v) {
            firstBucket = v;
            return this;
        }

        public Builder lastBucket(Instant v) {
            lastBucket = v;
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

        public Builder reason(String v) {
            reason = v;
            return this;
        }

        public Builder healthyBuckets(int v) {
            healthyBuckets = v;
            return this;
        }

        public Builder actor(String v) {
            actor = v;
            return this;
        }

        public Builder version(long v) {
            version = v;
            return this;
        }

        public Builder labels(Map<String, String> v) {
            labels = v;
            return this;
        }

        /** Returns the incident. */
        public Incident build() {
            return new Incident(id, dataset, check, metric, segment, kind, severity, owner, state, openedAt, updatedAt,
                    firstBucket, lastBucket, observed, expected, lower, upper, reason, healthyBuckets, actor, version,
                    labels);
        }
    }
}
