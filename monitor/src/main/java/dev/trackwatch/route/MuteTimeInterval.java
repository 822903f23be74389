package dev.trackwatch.route;

import dev.trackwatch.config.TimeIntervalSpec;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A named, recurring span of time during which the routes that name it are muted, as in
 * Alertmanager's time intervals: every field given must hold at the moment (an absent field holds
 * always), read in the interval's time zone. Times of day are start-inclusive, end-exclusive.
 */
public final class MuteTimeInterval {

    private final TimeIntervalSpec spec;

    private MuteTimeInterval(TimeIntervalSpec spec) {
        this.spec = spec;
    }

    /** The runtime form of a configured interval. */
    public static MuteTimeInterval of(TimeIntervalSpec spec) {
        return new MuteTimeInterval(spec);
    }

    /** Returns the interval's name. */
    public String name() {
        return spec.name();
    }

    /** Returns the settings it was built from. */
    public TimeIntervalSpec spec() {
        return spec;
    }

    /** Returns whether {@code at} falls inside the interval. */
    public boolean contains(Instant at) {
        ZonedDateTime t = at.atZone(spec.zone());
        int minute = t.getHour() * 60 + t.getMinute();
        int daysInMonth = t.toLocalDate().lengthOfMonth();
        return in(spec.years(), t.getYear())
                && in(spec.months(), t.getMonthValue())
                && in(spec.weekdays(), t.getDayOfWeek().getValue())
                && dayOfMonth(t.getDayOfMonth(), daysInMonth)
                && (spec.times().isEmpty() || spec.times().stream()
                        .anyMatch(r -> minute >= r.startMinute() && minute < r.endMinute()));
    }

    /** Negative days count from the month's end: -1 is its last day. Days beyond a short month never match. */
    private boolean dayOfMonth(int day, int daysInMonth) {
        if (spec.daysOfMonth().isEmpty()) {
            return true;
        }
        for (TimeIntervalSpec.Range r : spec.daysOfMonth()) {
            int start = r.start() < 0 ? daysInMonth + 1 + r.start() : r.start();
            int end = r.end() < 0 ? daysInMonth + 1 + r.end() : r.end();
            if (day >= start && day <= end) {
                return true;
            }
        }
        return false;
    }

    /** An empty list allows every value. */
    private static boolean in(List<TimeIntervalSpec.Range> ranges, int value) {
        return ranges.isEmpty() || ranges.stream().anyMatch(r -> value >= r.start() && value <= r.end());
    }

    @Override
    public String toString() {
        return spec.name();
    }
}
