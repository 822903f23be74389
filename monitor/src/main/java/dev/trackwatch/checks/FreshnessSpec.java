package dev.trackwatch.checks;

import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;

import java.time.Duration;

/**
 * A freshness check: age of the newest event and the newest ingestion, and buckets with no rows.
 *
 * @param maxEventAge newest event_time must be younger than this, or null
 * @param maxIngestionAge newest ingestion time must be younger than this, or null
 * @param expectRowsEveryBucket a closed bucket with zero rows fails
 */
public record FreshnessSpec(CheckCommon common, Duration maxEventAge, Duration maxIngestionAge,
                            boolean expectRowsEveryBucket) implements CheckSpec {

    public String type() {
        return FreshnessCheck.NAME;
    }
}
