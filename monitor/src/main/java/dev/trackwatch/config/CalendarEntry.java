package dev.trackwatch.config;

import java.time.Instant;
import java.util.List;

/**
 * A span in checks/'s {@code calendar:} that baselines must not learn from: a planned maintenance
 * window or a holiday whose traffic is not the normal shape.
 *
 * @param name a name for the span, unique in the calendar
 * @param kind {@code maintenance} or {@code holiday}
 * @param from start, inclusive
 * @param to end, exclusive
 * @param datasets the datasets it applies to; empty means every dataset
 * @param reason why, in words
 * @param location where it is written
 */
public record CalendarEntry(String name, String kind, Instant from, Instant to, List<String> datasets, String reason,
                            SourceLocation location) {

    /** The kinds of span. */
    public static final List<String> KINDS = List.of("maintenance", "holiday");

    public CalendarEntry {
        datasets = List.copyOf(datasets);
    }

    /** Returns whether the span covers {@code bucketStart} of {@code dataset}. */
    public boolean covers(String dataset, Instant bucketStart) {
        return (datasets.isEmpty() || datasets.contains(dataset)) && !bucketStart.isBefore(from) && bucketStart.isBefore(to);
    }
}
