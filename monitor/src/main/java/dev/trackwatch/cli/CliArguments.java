package dev.trackwatch.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses command-line values into instants and durations with messages that name the option. */
final class CliArguments {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(s|m|h|d)");

    private CliArguments() {
    }

    /** Parses an ISO-8601 instant such as {@code 2026-11-20T14:00:00Z}. */
    static Instant instant(String option, String text) {
        try {
            return Instant.parse(text).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new UserFacingException(option + ": '" + text + "' is not an ISO-8601 instant like 2026-11-20T14:00:00Z");
        }
    }

    /** Parses a positive duration written like the config's: {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}. */
    static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text);
        long n = m.matches() ? Long.parseLong(m.group(1)) : 0;
        if (n <= 0) {
            throw new UserFacingException(option + ": '" + text + "' is not a positive duration like 30s, 5m, 1h or 7d");
        }
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
