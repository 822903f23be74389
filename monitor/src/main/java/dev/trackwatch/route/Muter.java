package dev.trackwatch.route;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One reason an alert is not told right now, as the mute stages of Alertmanager's pipeline:
 * silences ({@link SilenceMuter}), inhibition ({@link Inhibitor}) and mute time intervals
 * ({@link IntervalMuter}). The dispatcher asks each in order and the first reason wins, so the
 * reason {@code GET /api/suppressed} shows is that of the earliest stage that mutes.
 */
@FunctionalInterface
public interface Muter {

    /**
     * Returns why the alert with {@code labels}, routed by {@code route}, is muted at {@code at},
     * or empty when this stage lets it through.
     *
     * @param firing the labels of every active alert, which inhibition compares with
     */
    Optional<String> mutes(Map<String, String> labels, RouteDecision route, Collection<Map<String, String>> firing,
                           Instant at);

    /** Nothing is muted. */
    static Muter none() {
        return (labels, route, firing, at) -> Optional.empty();
    }

    /** The stages in order: the first that mutes gives the reason. */
    static Muter inOrder(List<Muter> stages) {
        List<Muter> ordered = List.copyOf(stages);
        return (labels, route, firing, at) -> {
            for (Muter stage : ordered) {
                Optional<String> why = stage.mutes(labels, route, firing, at);
                if (why.isPresent()) {
                    return why;
                }
            }
            return Optional.empty();
        };
    }
}
