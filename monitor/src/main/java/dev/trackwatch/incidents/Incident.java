package dev.trackwatch.incidents;

import java.time.Instant;
import java.util.Map;

/**
 * One incident: everything known about a series (check, dataset, metric, segment) going wrong,
 * from the first failing verdict until it is resolved or closed. Stored as versioned rows; the
 * newest version is the incident.
 *
 * @param id a stable id derived from the key, so a restart finds the same incident
 * @param dataset the dataset
 * @param check the check
 * @param metric the metric, or {@code monitor_fault} for a monitor fault
 * @param segment the segment, empty for the total
 * @param kind the alert kind (volume, freshness, ..., or monitor_fault)
 * @param severity the check's severity, lower-case
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
 */
@io.micronaut.serde.annotation.Serdeable
public record Incident(String id, String dataset, String check, String metric, Map<String, String> segment, String kind,
                       String severity, String owner, IncidentState state, Instant openedAt, Instant updatedAt,
                       Instant firstBucket, Instant lastBucket, Double observed, Double expected, Double lower,
                       Double upper, String reason, int healthyBuckets, String actor, long version) {

    public Incident {
        segment = Map.copyOf(segment);
    }

    /** Returns whether the incident is open or acknowledged. */
    public boolean isActive() {
        return state == IncidentState.OPEN || state == IncidentState.ACKNOWLEDGED;
    }

    /** Returns the next version of this incident with {@code state}, changed at {@code at}. */
    public Incident withState(IncidentState newState, Instant at, String by) {
        return new Incident(id, dataset, check, metric, segment, kind, severity, owner, newState, openedAt, at,
                firstBucket, lastBucket, observed, expected, lower, upper, reason, healthyBuckets, by, version + 1);
    }
}
