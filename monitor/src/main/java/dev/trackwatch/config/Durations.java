package dev.trackwatch.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as checks/ writes them: a positive integer and one unit, {@code 30s}, {@code 5m},
 * {@code 1h}, {@code 1d} or {@code 1w}. One unit only, on purpose: {@code 1h30m} is {@code 90m}.
 */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,8})([smhdw])");

    private Durations() {
    }

    /** Parses {@code text}, or returns empty when it is not a duration in this syntax. */
    public static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        });
    }

    /** Formats a duration in the largest unit that divides it, e.g. {@code 90m}, {@code 2h}, {@code 1w}. */
    public static String format(Duration duration) {
        long s = duration.toSeconds();
        if (s > 0 && s % (7 * 86400) == 0) {
            return s / (7 * 86400) + "w";
        }
        if (s > 0 && s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s > 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s > 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
