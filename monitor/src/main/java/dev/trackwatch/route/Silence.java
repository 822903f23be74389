package dev.trackwatch.route;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A silence: alerts whose labels match all its matchers are not notified from {@code startsAt}
 * (inclusive) to {@code endsAt} (exclusive). Expiring a silence moves its end to the moment of
 * expiry; it is kept for the record.
 *
 * @param id a random id
 * @param matchers all must match; a silence from a {@link SilenceRequest} has at least one {@code name="value"} with a
 *                 non-empty value, so it cannot match every alert
 * @param startsAt when it takes effect
 * @param endsAt when it stops
 * @param createdBy who created it
 * @param comment why
 */
public record Silence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
                      String comment) {

    /** Where a silence stands at a moment. */
    public enum Status {
        /** Starts later. */
        PENDING,
        /** In effect. */
        ACTIVE,
        /** Ended or expired. */
        EXPIRED
    }

    public Silence {
        matchers = List.copyOf(matchers);
    }

    /** Returns whether every matcher matches the labels (an absent label is the empty string). */
    public boolean matches(Map<String, String> labels) {
        return Matcher.all(matchers, labels);
    }

    /** Returns whether the silence is in effect at {@code t}: {@code startsAt <= t < endsAt}. */
    public boolean activeAt(Instant t) {
        return !t.isBefore(startsAt) && t.isBefore(endsAt);
    }

    /** Returns whether the silence is pending, active or expired at {@code t}. */
    public Status status(Instant t) {
        return t.isBefore(startsAt) ? Status.PENDING : t.isBefore(endsAt) ? Status.ACTIVE : Status.EXPIRED;
    }
}
