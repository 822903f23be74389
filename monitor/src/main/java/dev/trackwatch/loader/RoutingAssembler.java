package dev.trackwatch.loader;

import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.Problems;
import dev.trackwatch.config.ReceiverSpec;
import dev.trackwatch.config.RoutingSpec;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.Suggestions;
import dev.trackwatch.config.TimeIntervalSpec;
import dev.trackwatch.config.TrackwatchSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routing rules that span files: at most one {@code routing:} section; receivers named by
 * routes exist (a receiver, a team or {@code owner}); receivers do not take a team's name; mute
 * time intervals named by routes exist; datasets' {@code upstream:} names datasets, not
 * themselves, without cycles; and no dataset or check label takes the name of a label every alert
 * already carries. Attaches the routing to the spec when nothing anywhere was wrong.
 */
final class RoutingAssembler {

    /** The labels every alert carries (see {@code dev.trackwatch.route.AlertLabels}); config labels may not use them. */
    static final List<String> RESERVED_LABELS = List.of("team", "dataset", "check", "kind", "severity");

    private RoutingAssembler() {
    }

    /** Checks the rules and returns the spec with its routing, or null when any error was found anywhere. */
    static TrackwatchSpec attach(TrackwatchSpec spec, List<RoutingReader.RoutingDraft> drafts,
                                 List<TeamReader.TeamDraft> teams, List<DatasetReader.DatasetDraft> datasets,
                                 Problems problems) {
        Set<String> teamNames = new LinkedHashSet<>();
        teams.forEach(t -> teamNames.add(t.name()));
        RoutingSpec routing = RoutingSpec.DEFAULT;
        if (!drafts.isEmpty()) {
            RoutingReader.RoutingDraft first = drafts.getFirst();
            for (RoutingReader.RoutingDraft other : drafts.subList(1, drafts.size())) {
                problems.add(other.location(), ConfigError.DUPLICATE_KEY, "routing is already defined at "
                        + first.location().file() + ":" + first.location().line() + ": checks/ holds one routing: section");
            }
            routing = first.spec();
            references(first, teamNames, problems);
        }
        upstream(datasets, problems);
        reservedLabels(datasets, problems);
        if (spec == null || !problems.isEmpty()) {
            return null;
        }
        return new TrackwatchSpec(spec.teams(), spec.datasets(), spec.trackingPlan(), spec.hash(), spec.calendar(),
                routing);
    }

    private static void references(RoutingReader.RoutingDraft draft, Set<String> teams, Problems problems) {
        RoutingSpec routing = draft.spec();
        Set<String> receivers = new LinkedHashSet<>();
        for (ReceiverSpec receiver : routing.receivers()) {
            receivers.add(receiver.name());
            if (teams.contains(receiver.name())) {
                problems.add(receiver.location(), ConfigError.DUPLICATE_NAME, "receiver '" + receiver.name()
                        + "' has the name of a team, and receiver: " + receiver.name() + " already means that team's "
                        + "channel: rename the receiver");
            }
        }
        List<String> known = new ArrayList<>(receivers);
        known.addAll(teams);
        known.add(RoutingSpec.OWNER);
        for (RoutingReader.Reference ref : draft.receiverRefs()) {
            if (!known.contains(ref.name())) {
                problems.add(ref.at(), ConfigError.UNKNOWN_REFERENCE, "receiver '" + ref.name() + "' is not defined: "
                        + "name one of routing.receivers, a team, or owner" + Suggestions.didYouMean(ref.name(), known));
            }
        }
        List<String> intervals = routing.muteTimeIntervals().stream().map(TimeIntervalSpec::name).toList();
        for (RoutingReader.Reference ref : draft.intervalRefs()) {
            if (!intervals.contains(ref.name())) {
                problems.add(ref.at(), ConfigError.UNKNOWN_REFERENCE, "mute time interval '" + ref.name()
                        + "' is not defined in routing.mute_time_intervals" + Suggestions.didYouMean(ref.name(), intervals));
            }
        }
    }

    /** Upstream datasets exist and are not the dataset itself; the graph has no cycle. */
    private static void upstream(List<DatasetReader.DatasetDraft> datasets, Problems problems) {
        Map<String, DatasetReader.DatasetDraft> byName = new LinkedHashMap<>();
        datasets.forEach(d -> byName.putIfAbsent(d.name(), d));
        boolean references = true;
        for (DatasetReader.DatasetDraft dataset : byName.values()) {
            for (Map.Entry<String, SourceLocation> up : dataset.upstreamAt().entrySet()) {
                if (up.getKey().equals(dataset.name())) {
                    problems.add(up.getValue(), ConfigError.BAD_VALUE, "dataset '" + dataset.name()
                            + "' lists itself as upstream");
                    references = false;
                } else if (!byName.containsKey(up.getKey())) {
                    problems.add(up.getValue(), ConfigError.UNKNOWN_REFERENCE, "upstream dataset '" + up.getKey()
                            + "' is not defined" + Suggestions.didYouMean(up.getKey(), byName.keySet()));
                    references = false;
                }
            }
        }
        if (!references) {
            return;
        }
        Set<String> done = new LinkedHashSet<>();
        for (String name : byName.keySet()) {
            List<String> cycle = cycle(name, byName, new ArrayList<>(), done);
            if (cycle != null) {
                String start = cycle.getFirst();
                DatasetReader.DatasetDraft from = byName.get(cycle.get(cycle.size() - 2));
                problems.add(from.upstreamAt().get(start), ConfigError.BAD_VALUE, "upstream datasets form a cycle, "
                        + String.join(" -> ", cycle) + " (each lists the next as upstream): a dataset cannot feed itself");
                return;
            }
        }
    }

    /** Depth-first search for a cycle through {@code name}'s upstream; returns its names, first repeated last. */
    private static List<String> cycle(String name, Map<String, DatasetReader.DatasetDraft> byName, List<String> path,
                                      Set<String> done) {
        int at = path.indexOf(name);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(name);
            return cycle;
        }
        if (done.contains(name)) {
            return null;
        }
        path.add(name);
        for (String up : byName.get(name).upstreamAt().keySet()) {
            List<String> cycle = cycle(up, byName, path, done);
            if (cycle != null) {
                return cycle;
            }
        }
        path.removeLast();
        done.add(name);
        return null;
    }

    private static void reservedLabels(List<DatasetReader.DatasetDraft> datasets, Problems problems) {
        for (DatasetReader.DatasetDraft dataset : datasets) {
            reserved(dataset.labels(), dataset.location(), "dataset '" + dataset.name() + "'", problems);
            for (CheckReader.CheckDraft check : dataset.checks()) {
                reserved(check.labels(), check.location(), "check '" + check.name() + "'", problems);
            }
        }
    }

    private static void reserved(Map<String, String> labels, SourceLocation at, String owner, Problems problems) {
        for (String key : labels.keySet()) {
            if (RESERVED_LABELS.contains(key)) {
                problems.add(at, ConfigError.BAD_VALUE, "label '" + key + "' of " + owner + " is reserved: every alert "
                        + "carries team, dataset, check, kind and severity of its own");
            }
        }
    }
}
