package dev.trackwatch.config;

import dev.trackwatch.detect.Direction;
import dev.trackwatch.detect.Seasonality;

import java.time.Duration;
import java.util.List;

/**
 * A check's {@code anomaly:} settings: how its metrics are compared with their seasonal baseline.
 * The names are Elementary's. A null field means "the detector's default for this check type".
 *
 * @param enabled false when the check says {@code anomaly: false} (static bounds only)
 * @param trainingPeriod how much history the baseline learns from
 * @param detectionPeriod the most recent span judged when a run catches up on several closed buckets
 * @param sensitivity band half-width in robust standard deviations
 * @param direction {@code up}, {@code down} or {@code both}
 * @param seasonality {@code auto}, {@code none}, {@code daily} or {@code weekly}
 * @param minAbsoluteChange smaller deviations from the expected value are never anomalies
 * @param minValue when both observed and expected are below this, the bucket is too small to judge
 * @param persistence consecutive anomalous buckets before the check fails
 * @param minTrainingBuckets fewer learned buckets than this is a cold start ("learning")
 * @param acceptAfter a level shift that lasts this long becomes the new normal; null never accepts
 * @param location where the settings are written, or the check when defaulted
 */
public record AnomalySpec(boolean enabled, Duration trainingPeriod, Duration detectionPeriod, Double sensitivity,
                          Direction direction, Seasonality seasonality, Double minAbsoluteChange, Double minValue,
                          Integer persistence, Integer minTrainingBuckets, Duration acceptAfter,
                          SourceLocation location) {

    /** The allowed directions, as written in YAML. */
    public static final List<String> DIRECTIONS = List.of("up", "down", "both");

    /** The allowed seasonalities, as written in YAML. */
    public static final List<String> SEASONALITIES = List.of("auto", "none", "daily", "weekly");

    /** Detection on, every setting at its default. */
    public static AnomalySpec defaults(SourceLocation location) {
        return new AnomalySpec(true, null, null, null, null, null, null, null, null, null, null, location);
    }

    /** Detection off: the check judges its static bounds only. */
    public static AnomalySpec disabled(SourceLocation location) {
        return new AnomalySpec(false, null, null, null, null, null, null, null, null, null, null, location);
    }
}
