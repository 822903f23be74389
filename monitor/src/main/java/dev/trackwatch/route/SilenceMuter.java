package dev.trackwatch.route;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The silence stage: an alert matched by a silence in effect is muted, with reason {@code silence <id>}. */
public final class SilenceMuter implements Muter {

    private final ActiveSilences silences;

    public SilenceMuter(ActiveSilences silences) {
        this.silences = silences;
    }

    @Override
    public Optional<String> mutes(Map<String, String> labels, RouteDecision route,
                                  Collection<Map<String, String>> firing, Instant at) {
        return silences.at(at).stream().filter(s -> s.matches(labels)).map(s -> "silence " + s.id()).findFirst();
    }
}
