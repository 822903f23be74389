package dev.trackwatch.query;

import dev.trackwatch.plan.SeriesKey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One value of one series for one bucket, in total or for one segment value.
 *
 * @param dataset the dataset name
 * @param metric the series, e.g. {@code row_count} or {@code latency_p95_seconds}
 * @param segment empty for the total; otherwise one entry, dimension to value ({@code "<null>"}
 *                for a NULL value, {@code ""} for an empty string)
 * @param bucketStart the start of the bucket
 * @param value the value; times are epoch milliseconds, shares 0..1, latencies seconds
 * @param rows the rows of that bucket and segment (the denominator of shares)
 */
public record Observation(String dataset, SeriesKey metric, Map<String, String> segment, Instant bucketStart,
                          double value, long rows) {

    /** The segment value that stands for NULL. */
    public static final String NULL_SEGMENT = "<null>";

    /**
     * Returns the segment value of a scanned value: {@link #NULL_SEGMENT} for SQL NULL, the value
     * itself otherwise, except that a literal {@code <null>} (or {@code <<null>>}, ...) gains one
     * more pair of angle brackets, so it never shares a series with SQL NULL.
     */
    public static String segmentValue(Object raw) {
        if (raw == null) {
            return NULL_SEGMENT;
        }
        String value = raw.toString();
        return LITERAL_NULL.matcher(value).matches() ? "<" + value + ">" : value;
    }

    private static final java.util.regex.Pattern LITERAL_NULL = java.util.regex.Pattern.compile("(<+)null(>+)");

    public Observation {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(bucketStart, "bucketStart");
        segment = Map.copyOf(segment);
    }

    /** Returns true for the total (no segment). */
    public boolean isTotal() {
        return segment.isEmpty();
    }
}
