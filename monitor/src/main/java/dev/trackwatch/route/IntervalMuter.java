package dev.trackwatch.route;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The mute-time-interval stage: an alert whose route names a mute time interval that holds now is
 * muted, with reason {@code mute time interval}.
 */
public final class IntervalMuter implements Muter {

    private final Router router;

    /** @param router the route tree whose {@code mute_time_intervals} are looked up */
    public IntervalMuter(Router router) {
        this.router = router;
    }

    @Override
    public Optional<String> mutes(Map<String, String> labels, RouteDecision route,
                                  Collection<Map<String, String>> firing, Instant at) {
        return router.muted(route, at) ? Optional.of("mute time interval") : Optional.empty();
    }
}
