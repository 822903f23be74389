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
 * @param futureTolerance rows dated later than the run's "now" plus this warn ({@code future_tolerance}, default 5m)
 */
public record FreshnessSpec(CheckCommon common, Duration maxEventAge, Duration maxIngestionAge,
                            boolean expectRowsEveryBucket, Duration futureTolerance) implements CheckSpec {

    /** The default {@code future_tolerance}: clock skew between producers and the monitor. */
    public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofMinutes(5);

    public FreshnessSpec {
        if (futureTolerance == null) {
            futureTolerance = DEFAULT_FUTURE_TOLERANCE;
        }
    }

    /** A freshness check with the default future tolerance. */
    public FreshnessSpec(CheckCommon common, Duration maxEventAge, Duration maxIngestionAge,
                         boolean expectRowsEveryBucket) {
        this(common, maxEventAge, maxIngestionAge, expectRowsEveryBucket, DEFAULT_FUTURE_TOLERANCE);
    }

    public String type() {
        return FreshnessCheck.NAME;
    }
}
