package dev.trackwatch.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The time ranges the pages and the series API accept: the pages' named ranges ({@code range=24h},
 * {@code 7d}, {@code 28d}) and the API's {@code from}/{@code to} (ISO-8601 instants, at most
 * {@link #MAX_SPAN} apart). A bad value is a 400 naming the parameter.
 */
final class TimeRanges {

    /** The named ranges, as offered on the pages. */
    static final Map<String, Duration> NAMED = namedRanges();

    /** The longest range the series API reads: 28 days and a margin for a bucket or two. */
    static final Duration MAX_SPAN = Duration.ofDays(35);

    /** A parsed range, or the 400 that refused it. */
    record Parsed(Instant from, Instant to, String name, HttpResponse<Object> error) {
        boolean ok() {
            return error == null;
        }
    }

    private TimeRanges() {
    }

    /** Parses a page's {@code range} (default 24h) ending now. */
    static Parsed named(@Nullable String range, Instant now) {
        String name = range == null || range.isBlank() ? "24h" : range.strip();
        Duration span = NAMED.get(name);
        if (span == null) {
            return new Parsed(null, null, name, PageAccess.bad("range", "one of " + String.join(", ", NAMED.keySet()), name));
        }
        Instant to = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        return new Parsed(to.minus(span), to, name, null);
    }

    /** Parses the API's {@code from} and {@code to}; {@code to} defaults to now, {@code from} to 24 h before it. */
    static Parsed between(@Nullable String from, @Nullable String to, Instant now) {
        Instant end;
        Instant start;
        try {
            end = to == null || to.isBlank() ? now : Instant.parse(to.strip());
        } catch (DateTimeParseException e) {
            return new Parsed(null, null, null, PageAccess.bad("to", "an ISO-8601 instant such as 2026-06-01T10:00:00Z", to));
        }
        try {
            start = from == null || from.isBlank() ? end.minus(Duration.ofHours(24)) : Instant.parse(from.strip());
        } catch (DateTimeParseException e) {
            return new Parsed(null, null, null, PageAccess.bad("from", "an ISO-8601 instant such as 2026-06-01T10:00:00Z", from));
        }
        if (!start.isBefore(end)) {
            return new Parsed(null, null, null, PageAccess.bad("from", "an instant before to (" + end + ")", start.toString()));
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            return new Parsed(null, null, null, PageAccess.bad("from", "at most " + MAX_SPAN.toDays() + " days before to ("
                    + end + ")", start.toString()));
        }
        return new Parsed(start, end, null, null);
    }

    private static Map<String, Duration> namedRanges() {
        Map<String, Duration> ranges = new LinkedHashMap<>();
        ranges.put("24h", Duration.ofHours(24));
        ranges.put("7d", Duration.ofDays(7));
        ranges.put("28d", Duration.ofDays(28));
        return java.util.Collections.unmodifiableMap(ranges);
    }
}
