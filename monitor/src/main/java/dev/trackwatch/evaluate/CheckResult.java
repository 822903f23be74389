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
 */
public record CheckResult(String dataset, String check, String type, Severity severity, String owner, Outcome outcome,
                          String metric, Map<String, String> segment, Instant bucketStart, Double observed,
                          String reason, boolean monitorFault) {

    public CheckResult {
        segment = Map.copyOf(segment);
    }
}
