package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;

import java.time.Duration;
import java.util.List;

/**
 * A latency check: ingestion time minus event time, as p50/p95/p99 and the share later than a threshold.
 *
 * @param lateAfter events ingested later than this after their event time count as late
 * @param segments dimensions to break the distribution down by
 * @param p95Bounds limits on the p95 latency, in seconds
 * @param lateShareBounds limits on the late share, 0..1
 */
public record LatencySpec(CheckCommon common, Duration lateAfter, List<String> segments, Bounds p95Bounds,
                          Bounds lateShareBounds) implements CheckSpec {

    public String type() {
        return LatencyCheck.NAME;
    }
}
