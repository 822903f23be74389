package dev.trackwatch.config;

import java.util.List;
import java.util.Optional;

/**
 * The top-level {@code routing:} section of checks/, validated: where alerts go (the route
 * tree), who the named receivers are, which alerts silence others while they fire, and when
 * routes are muted. A tree without {@code routing:} gets {@link #DEFAULT}: every alert to the
 * owning team's channel. These are parsed settings; {@code dev.trackwatch.route} builds the
 * runtime router, inhibitor and mute intervals from them.
 *
 * @param route the root route
 * @param receivers the named receivers
 * @param inhibitRules the inhibition rules, in order
 * @param muteTimeIntervals the named mute time intervals
 * @param location where {@code routing:} is written, or null for the default
 */
public record RoutingSpec(RouteSpec route, List<ReceiverSpec> receivers, List<InhibitRuleSpec> inhibitRules,
                          List<TimeIntervalSpec> muteTimeIntervals, SourceLocation location) {

    /** The receiver name that means the owning team's channel. */
    public static final String OWNER = "owner";

    /** No routing section: the root route with its defaults, no receivers, rules or intervals. */
    public static final RoutingSpec DEFAULT = new RoutingSpec(RouteSpec.ROOT_DEFAULTS, List.of(), List.of(), List.of(),
            null);

    public RoutingSpec {
        receivers = List.copyOf(receivers);
        inhibitRules = List.copyOf(inhibitRules);
        muteTimeIntervals = List.copyOf(muteTimeIntervals);
    }

    /** Returns the receiver with this name. */
    public Optional<ReceiverSpec> receiver(String name) {
        return receivers.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Returns the mute time interval with this name. */
    public Optional<TimeIntervalSpec> muteTimeInterval(String name) {
        return muteTimeIntervals.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
