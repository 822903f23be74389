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

    /**
     * Loads a checks tree for a one-shot command; prints every located error to stderr and
     * returns null when it is invalid.
     */
    static dev.trackwatch.config.LoadResult loadChecks(java.nio.file.Path checks) {
        dev.trackwatch.config.LoadResult loaded = dev.trackwatch.loader.ConfigLoader.load(checks);
        if (loaded.isValid()) {
            return loaded;
        }
        loaded.errors().forEach(System.err::println);
        System.err.println(loaded.errors().size() + " errors");
        return null;
    }

    /**
     * Starts the application context of a one-shot command (no schedule, no HTTP server) on the
     * embedded ClickHouse at {@code embeddedData}, or at {@code url}, or as configured.
     */
    static io.micronaut.context.ApplicationContext context(java.nio.file.Path embeddedData, String url) {
        java.util.Map<String, Object> properties = new java.util.HashMap<>();
        properties.put("trackwatch.run.scheduler-enabled", false);
        if (embeddedData != null) {
            properties.put("trackwatch.clickhouse.embedded.enabled", true);
            properties.put("trackwatch.clickhouse.embedded.data-dir", embeddedData.toString());
        }
        if (url != null) {
            properties.put("trackwatch.clickhouse.url", url);
        }
        return io.micronaut.context.ApplicationContext.builder().properties(properties).start();
    }
}
