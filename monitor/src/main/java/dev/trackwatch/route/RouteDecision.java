package dev.trackwatch.route;

import java.time.Duration;
import java.util.List;

/**
 * One route an alert takes: where its notifications go and how they are grouped and paced.
 *
 * @param receiver where notifications go
 * @param groupBy the labels alerts are grouped by; {@code ["..."]} groups by every label, an empty list puts
 *                every alert of the route into one group
 * @param groupWait how long a new group waits for more alerts before its first notification
 * @param groupInterval how long a group waits before notifying about alerts added to it
 * @param repeatInterval how long before an unchanged firing group is notified again (for the alert's severity)
 * @param muteTimeIntervals the names of the mute time intervals during which this route sends nothing
 */
public record RouteDecision(Receiver receiver, List<String> groupBy, Duration groupWait,
                            Duration groupInterval, Duration repeatInterval, List<String> muteTimeIntervals) {

    public RouteDecision {
        groupBy = List.copyOf(groupBy);
        muteTimeIntervals = List.copyOf(muteTimeIntervals);
    }
}
