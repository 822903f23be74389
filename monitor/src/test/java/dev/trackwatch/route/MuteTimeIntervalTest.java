package dev.trackwatch.route;

import dev.trackwatch.config.TrackwatchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Mute time intervals: every field given must hold, in the interval's time zone. */
class MuteTimeIntervalTest {

    @TempDir
    Path dir;

    private MuteTimeInterval interval(String name) {
        TrackwatchSpec spec = Trees.load(dir, """
                routing:
                  mute_time_intervals:
                    - name: berlin-nights
                      times: [{start: "22:00", end: "24:00"}, {start: "00:00", end: "07:00"}]
                      location: Europe/Berlin
                    - name: office-hours
                      weekdays: ["monday:friday"]
                      times: [{start: "09:00", end: "17:30"}]
                    - name: month-end
                      days_of_month: ["-2:-1"]
                    - name: first-week
                      days_of_month: ["1:7"]
                      months: ["december"]
                      years: [2026]
                """);
        return Router.of(spec).muteTimeInterval(name).orElseThrow();
    }

    @Test
    void timesAreReadInTheIntervalsZone() {
        MuteTimeInterval nights = interval("berlin-nights");

        assertThat(nights.contains(Instant.parse("2026-07-01T20:30:00Z"))).as("22:30 CEST").isTrue();
        assertThat(nights.contains(Instant.parse("2026-07-01T19:59:00Z"))).as("21:59 CEST").isFalse();
        assertThat(nights.contains(Instant.parse("2026-01-15T05:59:00Z"))).as("06:59 CET").isTrue();
        assertThat(nights.contains(Instant.parse("2026-01-15T06:00:00Z"))).as("07:00 CET, end exclusive").isFalse();
    }

    @Test
    void weekdayRangesAndTimesMustBothHold() {
        MuteTimeInterval office = interval("office-hours");

        assertThat(office.contains(Instant.parse("2026-11-20T09:00:00Z"))).as("Friday 09:00").isTrue();
        assertThat(office.contains(Instant.parse("2026-11-20T17:29:59Z"))).isTrue();
        assertThat(office.contains(Instant.parse("2026-11-20T17:30:00Z"))).isFalse();
        assertThat(office.contains(Instant.parse("2026-11-21T10:00:00Z"))).as("Saturday").isFalse();
    }

    @Test
    void negativeDaysCountFromTheEndOfEachMonth() {
        MuteTimeInterval monthEnd = interval("month-end");

        assertThat(monthEnd.contains(Instant.parse("2026-02-27T12:00:00Z"))).isTrue();
        assertThat(monthEnd.contains(Instant.parse("2026-02-26T12:00:00Z"))).isFalse();
        assertThat(monthEnd.contains(Instant.parse("2026-03-30T00:00:00Z"))).isTrue();
        assertThat(monthEnd.contains(Instant.parse("2026-03-29T23:59:00Z"))).isFalse();
    }

    @Test
    void daysMonthsAndYearsCombine() {
        MuteTimeInterval firstWeek = interval("first-week");

        assertThat(firstWeek.contains(Instant.parse("2026-12-07T23:00:00Z"))).isTrue();
        assertThat(firstWeek.contains(Instant.parse("2026-12-08T00:00:00Z"))).isFalse();
        assertThat(firstWeek.contains(Instant.parse("2026-11-03T00:00:00Z"))).isFalse();
        assertThat(firstWeek.contains(Instant.parse("2027-12-03T00:00:00Z"))).isFalse();
    }
}
