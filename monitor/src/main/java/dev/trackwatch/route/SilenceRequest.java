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
 * defaults to now; a start in the past is now.
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

    /**
     * Validates the request and returns the silence it asks for, with {@code id}.
     *
     * @throws InvalidSilenceException naming the first field at fault
     */
    public Silence toSilence(String id, Instant now) {
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
        List<Matcher> parsed = new ArrayList<>();
        for (int i = 0; i < matchers.size(); i++) {
            try {
                parsed.add(Matcher.parse(matchers.get(i) == null ? "" : matchers.get(i)));
            } catch (MatcherSpec.SyntaxException e) {
                throw new InvalidSilenceException("matchers", e.getMessage());
            }
        }
        if (parsed.stream().allMatch(m -> m.matchesValue(""))) {
            throw new InvalidSilenceException("matchers", "every matcher also matches alerts without its label, so the "
                    + "silence would match every alert: add one such as dataset=\"product_events\"");
        }
        return parsed;
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
