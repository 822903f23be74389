package dev.trackwatch.route;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * A silence as the API shows it: matchers as text, instants in ISO-8601, and its status at the
 * time of the answer ({@code pending}, {@code active} or {@code expired}).
 */
@Serdeable
public record SilenceView(String id, List<String> matchers, String startsAt, String endsAt, String createdBy,
                          String comment, String status) {

    /** Shows {@code silence} as it stands at {@code now}. */
    public static SilenceView of(Silence silence, Instant now) {
        return new SilenceView(silence.id(), silence.matchers().stream().map(Matcher::toString).toList(),
                silence.startsAt().toString(), silence.endsAt().toString(), silence.createdBy(), silence.comment(),
                silence.status(now).name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Returns the silence shown. */
    public Silence toSilence() {
        return new Silence(id, matchers.stream().map(Matcher::parse).toList(), Instant.parse(startsAt),
                Instant.parse(endsAt), createdBy, comment);
    }
}
