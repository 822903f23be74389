package dev.trackwatch.config;

import java.time.Duration;
import java.util.Map;

/**
 * The allowed range of every duration a checks/ file can set, by key. One table, so that no
 * reader can accept a duration the run cannot use: {@code training_period: 999999999w} would
 * reach back before 1970 (ClickHouse code 41), {@code backfill: 999999999w} would start ~10⁹
 * chunk queries, {@code group_wait: 999999999w} would hold alerts forever. The limits are wide
 * enough for any sensible setting and are listed in docs/checks.md.
 */
public final class DurationRanges {

    /** An inclusive range; {@code min} zero means {@code 0s} is allowed. */
    public record Range(Duration min, Duration max) {

        public boolean contains(Duration d) {
            return d.compareTo(min) >= 0 && d.compareTo(max) <= 0;
        }

        /** {@code from 1h to 366d}, for messages. */
        public String describe() {
            return "from " + Durations.format(min) + " to " + Durations.format(max);
        }
    }

    private static final Duration DAY = Duration.ofDays(1);
    /** A year and a day: more history than daily or weekly seasonality ever needs. */
    private static final Duration YEAR = Duration.ofDays(366);

    private static final Map<String, Range> RANGES = Map.ofEntries(
            Map.entry("bucket", new Range(Duration.ofMinutes(1), DAY)),
            Map.entry("interval", new Range(Duration.ofSeconds(30), DAY)),
            Map.entry("backfill", new Range(Duration.ofHours(1), YEAR)),
            Map.entry("training_period", new Range(Duration.ofHours(1), YEAR)),
            Map.entry("detection_period", new Range(Duration.ofMinutes(1), Duration.ofDays(30))),
            Map.entry("accept_after", new Range(Duration.ofMinutes(1), YEAR)),
            Map.entry("max_event_age", new Range(Duration.ofMinutes(1), Duration.ofDays(30))),
            Map.entry("max_ingestion_age", new Range(Duration.ofMinutes(1), Duration.ofDays(30))),
            Map.entry("future_tolerance", new Range(Duration.ZERO, DAY)),
            Map.entry("late_after", new Range(Duration.ofMinutes(1), Duration.ofDays(7))),
            Map.entry("group_wait", new Range(Duration.ZERO, Duration.ofHours(1))),
            Map.entry("group_interval", new Range(Duration.ofSeconds(1), DAY)),
            Map.entry("repeat_interval", new Range(Duration.ofMinutes(1), Duration.ofDays(30))));

    private DurationRanges() {
    }

    /**
     * Returns the range of {@code key}.
     *
     * @throws IllegalArgumentException for a key without a range: every duration key must have one
     */
    public static Range of(String key) {
        Range range = RANGES.get(key);
        if (range == null) {
            throw new IllegalArgumentException("duration key '" + key + "' has no range in DurationRanges");
        }
        return range;
    }

    /** Every key with a range, for docs and tests. */
    public static Map<String, Range> all() {
        return RANGES;
    }
}
