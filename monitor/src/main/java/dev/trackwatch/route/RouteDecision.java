package dev.trackwatch.route;

import java.time.Duration;
import java.util.List;

/** What the route tree decided for an alert: receiver, grouping and timings, mute intervals. */
public record RouteDecision(Receiver receiver, List<String> groupBy, Duration groupWait, Duration groupInterval,
                            Duration repeatInterval, List<String> muteTimeIntervals) {
}
