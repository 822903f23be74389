package dev.trackwatch.evaluate;

import dev.trackwatch.config.Severity;

import java.time.Instant;
import java.util.Map;

/**
 * The verdict of one check on one series (metric and segment) at one bucket, with the owner it
 * is routed to and the reason in words.
 *
 * @param dataset the dataset
 * @param check the check name
 * @param type the check type, e.g. {@code volume}
 * @param severity the check's severity
 * @param owner the owning team
 * @param outcome the verdict
 * @param metric the metric judged, or null for a verdict about the whole check
 * @param segment the segment judged, empty for the total
 * @param bucketStart the bucket judged, or null
 * @param observed the observed value, or null
 * @param reason why, in one sentence
 * @param monitorFault true when the monitor, not the data, is at fault (then outcome is NOT_EVALUATED)
 * @param baseline the seasonal baseline's judgement, or null for static-only verdicts
 */
public record CheckResult(String dataset, String check, String type, Severity severity, String owner, Outcome outcome,
                          String metric, Map<String, String> segment, Instant bucketStart, Double observed,
                          String reason, boolean monitorFault, Baseline baseline) {

    public CheckResult {
        segment = Map.copyOf(segment);
    }

    /** A verdict without a baseline. */
    public CheckResult(String dataset, String check, String type, Severity severity, String owner, Outcome outcome,
                       String metric, Map<String, String> segment, Instant bucketStart, Double observed,
                       String reason, boolean monitorFault) {
        this(dataset, check, type, severity, owner, outcome, metric, segment, bucketStart, observed, reason,
                monitorFault, null);
    }

    /** Returns the alert kind of this result: the check type, with {@code schema} reported as {@code schema_drift}. */
    public String kind() {
        return type.equals("schema") ? "schema_drift" : type;
    }
}
