package dev.trackwatch.state;

import dev.trackwatch.plan.SeriesKey;

import java.time.Instant;
import java.util.Map;

/**
 * One point of one metric series as stored: the series is (dataset, metric, segment) and the point
 * is its bucket. Seasonal detection reads these back as time series.
 *
 * @param dataset the dataset name
 * @param metric the series, e.g. {@code row_count} or {@code null_rate:user_id}
 * @param segment the segment (dimension to value), empty for the total
 * @param bucketStart the start of the bucket
 * @param value the metric's value in that bucket
 * @param rows rows the value was computed from
 */
public record StoredObservation(String dataset, SeriesKey metric, Map<String, String> segment, Instant bucketStart,
                                double value, long rows) {

    public StoredObservation {
        segment = Map.copyOf(segment);
    }
}
