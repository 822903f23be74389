package dev.trackwatch.config;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One node of the route tree as written. Settings left unset are null (an empty map for
 * {@code repeat_interval}) and are inherited from the parent route; the root's unset settings
 * take the defaults below.
 *
 * @param matchers all must match for an alert to take this route; empty on the root, which takes every alert
 * @param receiver a receiver's name, a team's name or {@code owner}; null to inherit
 * @param groupBy the labels alerts are grouped by ({@code ...} alone: every label); null to inherit
 * @param groupWait how long a new group waits for more alerts before its first notification; null to inherit
 * @param groupInterval how long a group waits before notifying about alerts added to it; null to inherit
 * @param repeatInterval how long before an unchanged firing group is notified again, by severity;
 *                       severities not present are inherited
 * @param continueMatching whether the siblings after this route are tried too when it matches
 * @param muteTimeIntervals names of the mute time intervals during which this route is muted; null to inherit
 * @param routes the child routes, tried in order
 * @param location where the route is written
 */
public record RouteSpec(List<MatcherSpec> matchers, String receiver, List<String> groupBy, Duration groupWait,
                        Duration groupInterval, Map<Severity, Duration> repeatInterval, boolean continueMatching,
                        List<String> muteTimeIntervals, List<RouteSpec> routes, SourceLocation location) {

    /** The {@code group_by} entry that groups by every label. */
    public static final String ALL_LABELS = "...";
    public static final List<String> DEFAULT_GROUP_BY = List.of("dataset", "check", "kind");
    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    /** A root route with every setting defaulted: all alerts to their owner. */
    public static final RouteSpec ROOT_DEFAULTS = new RouteSpec(List.of(), null, null, null, null, Map.of(), false,
            null, List.of(), null);

    public RouteSpec {
        matchers = List.copyOf(matchers);
        groupBy = groupBy == null ? null : List.copyOf(groupBy);
        repeatInterval = repeatInterval.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(repeatInterval));
        muteTimeIntervals = muteTimeIntervals == null ? null : List.copyOf(muteTimeIntervals);
        routes = List.copyOf(routes);
    }
}
