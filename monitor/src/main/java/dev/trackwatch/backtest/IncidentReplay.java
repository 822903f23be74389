package dev.trackwatch.backtest;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentChange;
import dev.trackwatch.incidents.IncidentKeys;
import dev.trackwatch.incidents.IncidentTracker;
import dev.trackwatch.incidents.ResolveAfter;
import dev.trackwatch.notify.Dispatcher;
import dev.trackwatch.route.Inhibitor;
import dev.trackwatch.route.Router;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The daemon's incident stages, in memory, for a backtest: each dataset run's results go through
 * the daemon's own {@link IncidentTracker} (with each check's {@code resolve_after}, see
 * {@link ResolveAfter}), so an alert is an incident the tracker opens; once every dataset due at a
 * tick has run, each opening is judged by the daemon's {@link Inhibitor} against every incident
 * active at that tick, and the told ones are grouped by the {@link Router}'s {@code group_by}.
 * This is the one class of the backtest that knows the incident, route and inhibit types, so a
 * change to them is a change here. Not thread-safe: one per backtest.
 */
final class IncidentReplay {

    /**
     * An incident the tracker opened at a tick.
     *
     * @param dataset the dataset it is about
     * @param result the failing verdict that opened it
     * @param inhibitedBy why the daemon would not tell it (the inhibit rule and its firing source), or null when told
     */
    record Opening(DatasetSpec dataset, CheckResult result, String inhibitedBy) {
    }

    private final TrackwatchSpec spec;
    private final IncidentTracker tracker;
    private final Inhibitor inhibitor;
    private final Router router;
    /** Each dataset's active incidents by key, as the daemon's incident store holds them. */
    private final Map<String, Map<String, Incident>> active = new HashMap<>();
    /** Openings of the current tick, judged once every dataset has run. */
    private final List<Pending> pending = new ArrayList<>();
    /** Ids of active incidents that were inhibited when they opened: not told, so they start no group. */
    private final Set<String> inhibited = new HashSet<>();
    /** The notification groups with a told incident active at the end of the previous tick. */
    private Set<String> liveGroups = Set.of();
    private int groups;
    private int monitorFaults;

    private record Pending(DatasetSpec dataset, CheckResult result, Incident incident) {
    }

    /** @param resolveAfter the daemon's {@code trackwatch.notify.resolve-after}, for checks that do not set their own */
    IncidentReplay(TrackwatchSpec spec, int resolveAfter) {
        this.spec = spec;
        this.tracker = new IncidentTracker(resolveAfter);
        this.inhibitor = Inhibitor.of(spec);
        this.router = Router.of(spec);
    }

    /** Applies one dataset run's {@code results} at {@code tick}, as the daemon does after each run. */
    void observe(DatasetSpec dataset, List<CheckResult> results, Instant tick) {
        Map<String, Incident> incidents = active.computeIfAbsent(dataset.name(), k -> new HashMap<>());
        for (IncidentChange change : tracker.apply(spec, incidents, results, tick)) {
            Incident incident = change.incident();
            // An incident opened by an old bucket and resolved by a newer one of the same run comes back RESOLVED.
            boolean opened = change.type() == IncidentChange.Type.OPENED
                    || change.type() == IncidentChange.Type.RESOLVED && incident.openedAt().equals(tick);
            if (!opened) {
                continue;
            }
            if (incident.kind().equals(IncidentTracker.MONITOR_FAULT)) {
                monitorFaults++; // the monitor's fault, not the data's: counted, never an alert
                continue;
            }
            pending.add(new Pending(dataset, openingResult(incident, results), incident));
        }
    }

    /**
     * Ends {@code tick}: returns its openings in the order they opened, each with whether an
     * incident active at the tick inhibits it, and counts the notification groups the told ones start.
     */
    List<Opening> endTick(Instant tick) {
        List<Map<String, String>> firing = new ArrayList<>();
        active.values().forEach(incidents -> incidents.values().forEach(i -> firing.add(i.labels())));
        Set<String> started = new HashSet<>();
        List<Opening> openings = new ArrayList<>();
        for (Pending p : pending) {
            Map<String, String> labels = p.incident().labels();
            String why = inhibitor.inhibitedBy(labels, firing).orElse(null);
            openings.add(new Opening(p.dataset(), p.result(), why));
            if (why != null) {
                inhibited.add(p.incident().id());
            } else if (p.incident().isActive()) {
                for (String group : groupKeys(labels)) {
                    if (!liveGroups.contains(group) && started.add(group)) {
                        groups++;
                    }
                }
            }
        }
        pending.clear();
        Set<String> live = new HashSet<>();
        Set<String> stillActive = new HashSet<>();
        active.values().forEach(incidents -> incidents.values().forEach(i -> {
            stillActive.add(i.id());
            if (!inhibited.contains(i.id())) {
                live.addAll(groupKeys(i.labels()));
            }
        }));
        inhibited.retainAll(stillActive);
        liveGroups = live;
        return openings;
    }

    /** Returns how many notification groups the told openings started (a group lives while a told incident in it is active). */
    int groups() {
        return groups;
    }

    /** Returns how many monitor-fault incidents opened (a query over its limits, ClickHouse unreachable). */
    int monitorFaults() {
        return monitorFaults;
    }

    /** The failing verdict that opened {@code incident}: of its series, the one of its first bucket. */
    private static CheckResult openingResult(Incident incident, List<CheckResult> results) {
        String key = IncidentKeys.key(incident.dataset(), incident.check(), incident.metric(), incident.segment());
        CheckResult first = null;
        for (CheckResult r : results) {
            boolean failing = r.outcome() == Outcome.FAILED || r.outcome() == Outcome.WARN;
            if (!failing || r.monitorFault()
                    || !IncidentKeys.key(r.dataset(), r.check(), r.metric() == null ? "" : r.metric(), r.segment()).equals(key)) {
                continue;
            }
            Instant bucket = r.bucketStart() != null ? r.bucketStart() : incident.openedAt();
            if (bucket.equals(incident.firstBucket())) {
                return r;
            }
            first = first == null ? r : first;
        }
        if (first == null) {
            throw new IllegalStateException("no failing verdict opened " + key);
        }
        return first;
    }

    /** The groups the alert joins, one per route it takes: receiver and group_by values, as the dispatcher keys them. */
    private List<String> groupKeys(Map<String, String> labels) {
        return router.route(labels).stream().map(route -> Dispatcher.groupKey(route, labels)).toList();
    }
}
