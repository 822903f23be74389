package dev.trackwatch.route;

import dev.trackwatch.config.ReceiverSpec;
import dev.trackwatch.config.RouteSpec;
import dev.trackwatch.config.RoutingSpec;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.TeamSpec;
import dev.trackwatch.config.TimeIntervalSpec;
import dev.trackwatch.config.TrackwatchSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The route tree of {@code routing.route}, built once per loaded config, deciding where an alert's
 * notifications go, as Alertmanager does: an alert enters at the root, which takes every alert;
 * the first child route whose matchers all match takes it (and its own children are tried in
 * turn), unless that child says {@code continue: true}, in which case the following siblings are
 * tried too; when no child matches, the route itself is where the alert goes. Settings a route
 * leaves unset are inherited from its parent; the root's default to the owner receiver, grouping
 * by dataset, check and kind, 30s, 5m and 4h. Immutable and thread-safe.
 */
public final class Router {

    /**
     * A route an alert takes, with where it is in the tree.
     *
     * @param route the route's path, {@code route} for the root, e.g. {@code route.routes[1].routes[0]}
     * @param decision what the route decides for the alert
     */
    public record Match(String route, RouteDecision decision) {
    }

    /** A route with its inherited settings resolved. */
    private record Node(String path, List<Matcher> matchers, String receiver, List<String> groupBy,
                        Duration groupWait, Duration groupInterval, Map<Severity, Duration> repeatInterval,
                        boolean continueMatching, List<String> muteTimeIntervals, List<Node> children) {
    }

    private final Node root;
    private final Map<String, TeamSpec> teams = new LinkedHashMap<>();
    private final Map<String, ReceiverSpec> receivers = new LinkedHashMap<>();
    private final Map<String, MuteTimeInterval> intervals = new LinkedHashMap<>();

    private Router(TrackwatchSpec spec) {
        RoutingSpec routing = spec.routing();
        spec.teams().forEach(t -> teams.put(t.name(), t));
        routing.receivers().forEach(r -> receivers.put(r.name(), r));
        for (TimeIntervalSpec interval : routing.muteTimeIntervals()) {
            intervals.put(interval.name(), MuteTimeInterval.of(interval));
        }
        Map<Severity, Duration> repeat = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            repeat.put(s, RouteSpec.DEFAULT_REPEAT_INTERVAL);
        }
        Node defaults = new Node("", List.of(), RoutingSpec.OWNER, RouteSpec.DEFAULT_GROUP_BY,
                RouteSpec.DEFAULT_GROUP_WAIT, RouteSpec.DEFAULT_GROUP_INTERVAL, repeat, false, List.of(), List.of());
        this.root = resolve(routing.route(), defaults, "route");
    }

    /** Builds the router of a loaded config: its routing section (or the default) and its teams. */
    public static Router of(TrackwatchSpec spec) {
        return new Router(spec);
    }

    private static Node resolve(RouteSpec route, Node parent, String path) {
        Map<Severity, Duration> repeat = new EnumMap<>(parent.repeatInterval());
        repeat.putAll(route.repeatInterval());
        Node self = new Node(path, Matcher.of(route.matchers()),
                route.receiver() != null ? route.receiver() : parent.receiver(),
                route.groupBy() != null ? route.groupBy() : parent.groupBy(),
                route.groupWait() != null ? route.groupWait() : parent.groupWait(),
                route.groupInterval() != null ? route.groupInterval() : parent.groupInterval(),
                Map.copyOf(repeat), route.continueMatching(),
                route.muteTimeIntervals() != null ? route.muteTimeIntervals() : parent.muteTimeIntervals(),
                List.of());
        List<Node> children = new ArrayList<>();
        for (int i = 0; i < route.routes().size(); i++) {
            children.add(resolve(route.routes().get(i), self, path + ".routes[" + i + "]"));
        }
        return new Node(self.path(), self.matchers(), self.receiver(), self.groupBy(), self.groupWait(),
                self.groupInterval(), self.repeatInterval(), self.continueMatching(), self.muteTimeIntervals(),
                List.copyOf(children));
    }

    /**
     * Returns the routes an alert with these labels takes, in tree order, never empty: when no
     * route below the root matches, the root (by default: the owning team's channel) takes it.
     * Two routes that decide exactly the same thing count once.
     */
    public List<RouteDecision> route(Map<String, String> labels) {
        return trace(labels).stream().map(Match::decision).toList();
    }

    /** Like {@link #route}, with the path of each route taken, for explaining a decision. */
    public List<Match> trace(Map<String, String> labels) {
        List<Node> matched = new ArrayList<>();
        match(root, labels, matched);
        List<Match> result = new ArrayList<>();
        for (Node node : matched) {
            RouteDecision decision = decide(node, labels);
            if (result.stream().noneMatch(m -> m.decision().equals(decision))) {
                result.add(new Match(node.path(), decision));
            }
        }
        return List.copyOf(result);
    }

    /** Adds the routes under {@code node} the labels end at; returns whether {@code node} matched at all. */
    private static boolean match(Node node, Map<String, String> labels, List<Node> out) {
        if (!Matcher.all(node.matchers(), labels)) {
            return false;
        }
        int before = out.size();
        for (Node child : node.children()) {
            if (match(child, labels, out) && !child.continueMatching()) {
                break;
            }
        }
        if (out.size() == before) {
            out.add(node);
        }
        return true;
    }

    private RouteDecision decide(Node node, Map<String, String> labels) {
        return new RouteDecision(receiver(node.receiver(), labels), node.groupBy(), node.groupWait(),
                node.groupInterval(), node.repeatInterval().get(severity(labels)), node.muteTimeIntervals());
    }

    /** The alert's severity; a missing or unknown one is paced as a warning. */
    private static Severity severity(Map<String, String> labels) {
        String s = labels.getOrDefault("severity", "").toUpperCase(Locale.ROOT);
        for (Severity severity : Severity.values()) {
            if (severity.name().equals(s)) {
                return severity;
            }
        }
        return Severity.WARNING;
    }

    private Receiver receiver(String name, Map<String, String> labels) {
        if (name.equals(RoutingSpec.OWNER)) {
            TeamSpec team = teams.get(labels.getOrDefault("team", ""));
            return team == null ? new Receiver(RoutingSpec.OWNER, null, null)
                    : new Receiver(team.name(), team.slackChannel(), null);
        }
        ReceiverSpec receiver = receivers.get(name);
        if (receiver != null) {
            return new Receiver(receiver.name(), receiver.slackChannel(), receiver.mention());
        }
        TeamSpec team = teams.get(name);
        return new Receiver(name, team == null ? null : team.slackChannel(), null);
    }

    /** Returns whether any of the decision's mute time intervals holds at {@code at}. */
    public boolean muted(RouteDecision decision, Instant at) {
        return !activeMuteTimeIntervals(decision, at).isEmpty();
    }

    /** Returns the names of the decision's mute time intervals that hold at {@code at}. */
    public List<String> activeMuteTimeIntervals(RouteDecision decision, Instant at) {
        return decision.muteTimeIntervals().stream()
                .filter(name -> intervals.containsKey(name) && intervals.get(name).contains(at))
                .toList();
    }

    /** Returns the mute time interval with this name. */
    public Optional<MuteTimeInterval> muteTimeInterval(String name) {
        return Optional.ofNullable(intervals.get(name));
    }
}
