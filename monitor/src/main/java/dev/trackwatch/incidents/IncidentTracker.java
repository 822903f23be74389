package dev.trackwatch.incidents;

import dev.trackwatch.config.Severity;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a dataset run's check results into incident changes: a failing or warning verdict opens
 * an incident for its series (check, dataset, metric, segment) or updates the open one; after
 * {@code resolveAfter} consecutive healthy buckets (the check's own {@code resolve_after}, else
 * the daemon's default) it resolves. A run that could not evaluate the
 * dataset (ClickHouse down, a query timing out) opens one monitor-fault incident for the dataset,
 * never data incidents; a baseline still learning changes nothing. Every incident opened or
 * updated carries its routing labels ({@link AlertLabels}) under the spec it was judged with.
 * Pure: it works on a map of active incidents and needs no database (the daemon and backtest
 * both drive it).
 */
public final class IncidentTracker {

    /** The kind, metric and check name of monitor-fault incidents (one definition, on CheckResult). */
    public static final String MONITOR_FAULT = CheckResult.MONITOR_FAULT;

    /** What a failing verdict says about its series, whether a check result or a monitor fault. */
    private record Failure(String dataset, String check, String metric, Map<String, String> segment, String kind,
                           Severity severity, String owner, Instant bucket, Double observed, Double expected,
                           Double lower, Double upper, String reason) {
    }

    private final int resolveAfter;

    /** @param resolveAfter healthy buckets in a row that resolve an incident (at least 1) */
    public IncidentTracker(int resolveAfter) {
        this.resolveAfter = Math.max(1, resolveAfter);
    }

    /**
     * Applies one run's {@code results} to the dataset's {@code active} incidents (by key; updated in
     * place) and returns the changes, in a stable order. Each check's {@code resolve_after} and the
     * incidents' labels come from {@code spec}, the config the results were judged with.
     */
    public List<IncidentChange> apply(TrackwatchSpec spec, Map<String, Incident> active, List<CheckResult> results,
                                      Instant at) {
        Map<String, Integer> resolveAfterByCheck = results.isEmpty() ? Map.of()
                : spec.dataset(results.getFirst().dataset()).map(ResolveAfter::byCheck).orElse(Map.of());
        return apply(spec, active, results, at, resolveAfterByCheck);
    }

    /**
     * Like {@link #apply(TrackwatchSpec, Map, List, Instant)}, with {@code resolveAfterByCheck}
     * overriding the default number of healthy buckets for the checks it names (and the spec's).
     */
    public List<IncidentChange> apply(TrackwatchSpec spec, Map<String, Incident> active, List<CheckResult> results,
                                      Instant at, Map<String, Integer> resolveAfterByCheck) {
        Map<String, IncidentChange> changes = new LinkedHashMap<>();
        List<CheckResult> ordered = results.stream()
                .sorted(Comparator.comparing((CheckResult r) -> r.bucketStart() == null ? at : r.bucketStart()))
                .toList();
        boolean faulted = false;
        for (CheckResult r : ordered) {
            if (r.monitorFault()) {
                if (!faulted) {
                    faulted = true;
                    // One fault per dataset: the check is "monitor_fault" whatever check reported it.
                    fail(spec, active, changes, new Failure(r.dataset(), MONITOR_FAULT, MONITOR_FAULT, Map.of(),
                            MONITOR_FAULT, r.severity(), r.owner(), at, null, null, null, null, r.reason()), at);
                }
            } else if (r.outcome() == Outcome.FAILED || r.outcome() == Outcome.WARN) {
                fail(spec, active, changes, failure(r, at), at);
            } else if (r.outcome() == Outcome.PASSED) {
                heal(active, changes, IncidentKeys.key(r.dataset(), r.check(), metricName(r), r.segment()),
                        bucketOf(r, at), at, Math.max(1, resolveAfterByCheck.getOrDefault(r.check(), resolveAfter)));
            }
        }
        if (!faulted && !results.isEmpty()) {
            // The run evaluated the dataset: a monitor fault on it is over at once. resolve_after counts
            // healthy data buckets; one run that reached ClickHouse is all a fault needs (docs/incidents.md).
            String dataset = results.getFirst().dataset();
            heal(active, changes, IncidentKeys.key(dataset, MONITOR_FAULT, MONITOR_FAULT, Map.of()), at, at, 1);
        }
        return List.copyOf(changes.values());
    }

    /**
     * The name of the metric a result judged, "" for none: the one place the tracker reads a
     * result's metric, so that a typed metric key changes one line.
     */
    static String metricName(CheckResult r) {
        return r.metric() == null ? "" : r.metric();
    }

    private static Failure failure(CheckResult r, Instant at) {
        Double lower = r.baseline() == null ? null : r.baseline().lower();
        Double upper = r.baseline() == null ? null : r.baseline().upper();
        Double expected = r.baseline() == null ? null : r.baseline().expected();
        return new Failure(r.dataset(), r.check(), metricName(r), r.segment(), r.kind(), r.severity(), r.owner(),
                bucketOf(r, at), r.observed(), expected, lower, upper, r.reason());
    }

    private void fail(TrackwatchSpec spec, Map<String, Incident> active, Map<String, IncidentChange> changes,
                      Failure f, Instant at) {
        String key = IncidentKeys.key(f.dataset(), f.check(), f.metric(), f.segment());
        Incident current = active.get(key);
        if (current == null) {
            Incident opened = Incident.builder().id(IncidentKeys.id(key, at)).dataset(f.dataset()).check(f.check())
                    .metric(f.metric()).segment(f.segment()).kind(f.kind()).severity(f.severity()).owner(f.owner())
                    .state(IncidentState.OPEN).openedAt(at).updatedAt(at).firstBucket(f.bucket()).lastBucket(f.bucket())
                    .observed(f.observed()).expected(f.expected()).lower(f.lower()).upper(f.upper())
                    .reason(f.reason()).healthyBuckets(0).actor("").version(1).build();
            opened = opened.withLabels(AlertLabels.of(spec, opened));
            active.put(key, opened);
            changes.put(key, new IncidentChange(IncidentChange.Type.OPENED, opened));
            return;
        }
        boolean newBucket = current.lastBucket() == null || f.bucket().isAfter(current.lastBucket());
        if (!newBucket && current.healthyBuckets() == 0) {
            return; // the same bucket judged again: nothing new to say
        }
        Incident updated = current.toBuilder().severity(f.severity()).updatedAt(at)
                .lastBucket(newBucket ? f.bucket() : current.lastBucket()).observed(f.observed())
                .expected(f.expected()).lower(f.lower()).upper(f.upper()).reason(f.reason()).healthyBuckets(0)
                .version(current.version() + 1).build();
        updated = updated.withLabels(AlertLabels.of(spec, updated));
        active.put(key, updated);
        IncidentChange previous = changes.get(key);
        changes.put(key, new IncidentChange(previous != null && previous.type() == IncidentChange.Type.OPENED
                ? IncidentChange.Type.OPENED : IncidentChange.Type.UPDATED, updated));
    }

    private void heal(Map<String, Incident> active, Map<String, IncidentChange> changes, String key, Instant bucket,
                      Instant at, int needed) {
        Incident current = active.get(key);
        if (current == null || current.lastBucket() != null && !bucket.isAfter(current.lastBucket())) {
            return; // nothing open, or a bucket already counted
        }
        int healthy = current.healthyBuckets() + 1;
        IncidentState state = healthy >= needed ? IncidentState.RESOLVED : current.state();
        Incident updated = current.toBuilder().state(state).updatedAt(at).lastBucket(bucket).healthyBuckets(healthy)
                .version(current.version() + 1).build();
        if (state == IncidentState.RESOLVED) {
            active.remove(key);
            changes.put(key, new IncidentChange(IncidentChange.Type.RESOLVED, updated));
        } else {
            active.put(key, updated);
            changes.putIfAbsent(key, new IncidentChange(IncidentChange.Type.UPDATED, updated));
            changes.computeIfPresent(key, (k, c) -> new IncidentChange(c.type(), updated));
        }
    }

    private static Instant bucketOf(CheckResult r, Instant at) {
        return r.bucketStart() != null ? r.bucketStart() : at;
    }
}
