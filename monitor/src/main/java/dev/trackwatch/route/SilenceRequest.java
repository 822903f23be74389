package dev.trackwatch.route;

import dev.trackwatch.config.Durations;
import dev.trackwatch.config.MatcherSpec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A request for a silence as the API and the CLI send it, every value as text. Required:
 * {@code matchers}, an expiry ({@code endsAt}, an ISO-8601 instant, or {@code duration} such as
 * {@code 2h}, counted from the start), {@code createdBy} and {@code comment}. {@code startsAt}
 * defaults to now; a start in the past is now. Every field is bounded ({@link #MAX_MATCHERS},
 * {@link #MAX_MATCHER_LENGTH}, {@link #MAX_CREATED_BY}, {@link #MAX_COMMENT}, {@link #MAX_TIME_LENGTH}),
 * and at least one matcher must be an equality with a non-empty value ({@code dataset="x"}): only
 * that guarantees the silence cannot match every alert, as {@code team=~".+"} or {@code team!="x"} can.
 *
 * @param matchers matchers such as {@code dataset="product_events"}
 * @param startsAt ISO-8601 instant, or null for now
 * @param endsAt ISO-8601 instant, or null when {@code duration} is given
 * @param duration a duration like {@code 30m}, {@code 2h} or {@code 1d}, or null when {@code endsAt} is given
 * @param createdBy who creates the silence
 * @param comment why
 */
@Serdeable
public record SilenceRequest(@Nullable List<String> matchers, @Nullable String startsAt, @Nullable String endsAt,
                             @Nullable String duration, @Nullable String createdBy, @Nullable String comment) {

    /** Silences last at most this long; a longer one is a config change, not a silence. */
    public static final Duration MAX_DURATION = Duration.ofDays(365);

    /** At most this many matchers: a silence names a few labels, not a list of every series. */
    public static final int MAX_MATCHERS = 50;

    /** At most this many characters per matcher. */
    public static final int MAX_MATCHER_LENGTH = 1000;

    /** At most this many characters in {@code createdBy}. */
    public static final int MAX_CREATED_BY = 200;

    /** At most this many characters in {@code comment}. */
    public static final int MAX_COMMENT = 2000;

    /** At most this many characters in {@code startsAt}, {@code endsAt} and {@code duration}. */
    public static final int MAX_TIME_LENGTH = 64;

    /**
     * Validates the request and returns the silence it asks for, with {@code id}.
     *
     * @throws InvalidSilenceException naming the first field at fault
     */
    public Silence toSilence(String id, Instant now) {
        // Lengths first, so that no later message quotes a megabyte of input back.
        bounded("startsAt", startsAt, MAX_TIME_LENGTH);
        bounded("endsAt", endsAt, MAX_TIME_LENGTH);
        bounded("duration", duration, MAX_TIME_LENGTH);
        bounded("createdBy", createdBy, MAX_CREATED_BY);
        bounded("comment", comment, MAX_COMMENT);
        List<Matcher> parsed = parsedMatchers();
        Instant start = startsAt == null || startsAt.isBlank() ? now : instant("startsAt", startsAt);
        if (start.isBefore(now)) {
            start = now;
        }
        Instant end = end(start);
        if (!end.isAfter(now)) {
            throw new InvalidSilenceException("endsAt", end + " is not in the future: a silence needs an expiry ahead");
        }
        if (!end.isAfter(start)) {
            throw new InvalidSilenceException("endsAt", end + " is not after startsAt " + start);
        }
        if (Duration.between(start, end).compareTo(MAX_DURATION) > 0) {
            throw new InvalidSilenceException(endsAt != null ? "endsAt" : "duration", "a silence lasts at most 365 days: "
                    + "to stop alerts for good, change the checks or the routing");
        }
        if (createdBy == null || createdBy.isBlank()) {
            throw new InvalidSilenceException("createdBy", "say who creates the silence");
        }
        if (comment == null || comment.isBlank()) {
            throw new InvalidSilenceException("comment", "a silence needs a comment saying why, such as \"backfill of "
                    + "product_events\"");
        }
        return new Silence(id, parsed, start, end, createdBy.strip(), comment.strip());
    }

    private List<Matcher> parsedMatchers() {
        if (matchers == null || matchers.isEmpty()) {
            throw new InvalidSilenceException("matchers", "a silence needs at least one matcher, such as "
                    + "dataset=\"product_events\"");
        }
        if (matchers.size() > MAX_MATCHERS) {
            throw new InvalidSilenceException("matchers", "at most " + MAX_MATCHERS + " matchers (got " + matchers.size()
                    + ")");
        }
        List<Matcher> parsed = new ArrayList<>();
        for (int i = 0; i < matchers.size(); i++) {
            String text = matchers.get(i) == null ? "" : matchers.get(i);
            if (text.length() > MAX_MATCHER_LENGTH) {
                throw new InvalidSilenceException("matchers", "matcher " + (i + 1) + " has " + text.length()
                        + " characters: at most " + MAX_MATCHER_LENGTH);
            }
            try {
                parsed.add(Matcher.parse(text));
            } catch (MatcherSpec.SyntaxException e) {
                throw new InvalidSilenceException("matchers", e.getMessage());
            }
        }
        // Not "some matcher fails on the empty string": team=~".+" does, yet matches every alert with a team.
        if (parsed.stream().noneMatch(m -> m.type() == MatcherSpec.Type.EQUAL && !m.value().isEmpty())) {
            throw new InvalidSilenceException("matchers", "a silence needs at least one matcher name=\"value\" with a "
                    + "non-empty value, such as dataset=\"product_events\": without one it could match every alert");
        }
        return parsed;
    }

    private static void bounded(String field, @Nullable String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidSilenceException(field, "at most " + max + " characters (got " + value.length() + ")");
        }
    }

    private Instant end(Instant start) {
        boolean hasEnd = endsAt != null && !endsAt.isBlank();
        boolean hasDuration = duration != null && !duration.isBlank();
        if (hasEnd && hasDuration) {
            throw new InvalidSilenceException("duration", "give endsAt or duration, not both");
        }
        if (hasEnd) {
            return instant("endsAt", endsAt);
        }
        if (!hasDuration) {
            throw new InvalidSilenceException("endsAt", "a silence needs an expiry: give endsAt (ISO-8601, such as "
                    + "2026-11-20T18:00:00Z) or duration (such as 2h)");
        }
        Duration d = Durations.parse(duration.strip()).orElseThrow(() -> new InvalidSilenceException("duration",
                "'" + duration + "' is not a duration like 30m, 2h or 1d"));
        return start.plus(d);
    }

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text.strip()).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new InvalidSilenceException(field, "'" + text + "' is not an ISO-8601 instant such as 2026-11-20T18:00:00Z");
        }
    }
}
