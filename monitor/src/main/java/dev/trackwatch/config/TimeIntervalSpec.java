package dev.trackwatch.config;

import java.time.ZoneId;
import java.util.List;

/**
 * An entry of {@code routing.mute_time_intervals}: a named, recurring span of time, such as
 * weekend nights, during which the routes that name it send nothing. Every list given must
 * contain the moment (an absent list allows any value), read in {@code location}'s time zone.
 *
 * @param name the name routes use in {@code mute_time_intervals:}
 * @param times spans of the day, in minutes since midnight, start inclusive and end exclusive
 * @param weekdays days of the week, 1 (Monday) to 7 (Sunday)
 * @param daysOfMonth days of the month, 1 to 31, or -31 to -1 counting from the month's end (-1 is the last day)
 * @param months months, 1 (January) to 12
 * @param years years
 * @param zone the time zone the other fields are read in
 * @param location where the interval is written
 */
public record TimeIntervalSpec(String name, List<TimeRange> times, List<Range> weekdays, List<Range> daysOfMonth,
                               List<Range> months, List<Range> years, ZoneId zone, SourceLocation location) {

    public TimeIntervalSpec {
        times = List.copyOf(times);
        weekdays = List.copyOf(weekdays);
        daysOfMonth = List.copyOf(daysOfMonth);
        months = List.copyOf(months);
        years = List.copyOf(years);
    }

    /** An inclusive range of whole numbers, e.g. Monday to Friday as 1..5. */
    public record Range(int start, int end) {
    }

    /** A span of the day in minutes since midnight: {@code [startMinute, endMinute)}, end at most 1440. */
    public record TimeRange(int startMinute, int endMinute) {
    }
}
