package dev.trackwatch.incidents;

import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a dataset run's check results into incident changes: a failing or warning verdict opens
 * an incident for its series (check, dataset, metric, segment) or updates the open one; after
 * {@code resolveAfter} consecutive healthy buckets (the check's own {@code resolve_after}, else
 * the daemon's default) it resolves. A run that could not evaluate the
 * dataset (ClickHouse down, a query timing out) opens one monitor-fault incident for the dataset,
 * never data incidents; a baseline still learning changes nothing.
 */
public final class IncidentTracker {

    /** The metric and check name of monitor-fault incidents. */
    public static final String MONITOR_FAULT = CheckResult.MONITOR_FAULT;

    private final int resolveAfter;

    /** @param resolveAfter healthy buckets in a row that resolve an incident (at least 1) */
    public IncidentTracker(int resolveAfter) {
        this.resolveAfter = Math.max(1, resolveAfter);
    }

    /**
     * Applies one run's {@code results} to the dataset's {@code active} incidents (by key; updated in
     * place) and returns the changes, in a stable order.
     */
    public List<IncidentChange> apply(Map<String, Incident> active, List<CheckResult> results, Instant at) {
        return apply(active, results, at, Map.of());
    }

    /**
     * Like {@link #apply(Map, List, Instant)}, with {@code resolveAfterByCheck} overriding the
     * default number of healthy buckets for the checks it names.
     */
    public List<IncidentChange> apply(Map<String, Incident> active, List<CheckResult> results, Instant at,
                                      Map<String, Integer> resolveAfterByCheck) {
        Map<String, IncidentChange> changes = new LinkedHashMap<>();
        List<CheckResult> ordered = results.stream()
                .sorted(Comparator.comparing((CheckResult r) -> r.bucketStart() == null ? at : r.bucketStart()))
                .toList();
        boolean faulted = false;
        for (CheckResult r : ordered) {
            if (r.monitorFault()) {
                if (!faulted) {
                    faulted = true;
                    fail(active, changes, faultResult(r), at);
                }
            } else if (r.outcome() == Outcome.FAILED || r.outcome() == Outcome.WARN) {
                fail(active, changes, r, at);
            } else if (r.outcome() == Outcome.PASSED) {
                heal(active, changes, r.dataset(), r.check(), r.metric(), r.segment(), bucketOf(r, at), at,
                        Math.max(1, resolveAfterByCheck.getOrDefault(r.check(), resolveAfter)));
            }
        }
        if (!faulted && !results.isEmpty()) {
            // The run evaluated the dataset: a monitor fault on it is over.
            CheckResult any = results.getFirst();
            heal(active, changes, any.dataset(), MONITOR_FAULT, MONITOR_FAULT, Map.of(), at, at, resolveAfter);
        }
        return List.copyOf(changes.values());
    }

    private void fail(Map<String, Incident> active, Map<String, IncidentChange> changes, CheckResult r, Instant at) {
        String metric = r.metric() == null ? "" : r.metric();
        String key = IncidentKeys.key(r.dataset(), r.check(), metric, r.segment());
        Instant bucket = bucketOf(r, at);
        Incident current = active.get(key);
        Double lower = r.baseline() == null ? null : r.baseline().lower();
        Double upper = r.baseline() == null ? null : r.baseline().upper();
        Double expected = r.baseline() == null ? null : r.baseline().expected();
        String severity = r.severity().name().toLowerCase(Locale.ROOT);
        if (current == null) {
            Incident opened = new Incident(IncidentKeys.id(key, at), r.dataset(), r.check(), metric, r.segment(),
                    r.monitorFault() ? MONITOR_FAULT : r.kind(), severity, r.owner(), IncidentState.OPEN, at, at, bucket,
                    bucket, r.observed(), expected, lower, upper, r.reason(), 0, "", 1);
            active.put(key, opened);
            changes.put(key, new IncidentChange(IncidentChange.Type.OPENED, opened));
            return;
        }
        boolean newBucket = current.lastBucket() == null || bucket.isAfter(current.lastBucket());
        if (!newBucket && current.healthyBuckets() == 0) {
            return; // the same bucket judged again: nothing new to say
        }
        Incident updated = new Incident(current.id(), current.dataset(), current.check(), current.metric(),
                current.segment(), current.kind(), severity, current.owner(), current.state(), current.openedAt(), at,
                current.firstBucket(), newBucket ? bucket : current.lastBucket(), r.observed(), expected, lower, upper,
                r.reason(), 0, current.actor(), current.version() + 1);
        active.put(key, updated);
        IncidentChange previous = changes.get(key);
        changes.put(key, new IncidentChange(previous != null && previous.type() == IncidentChange.Type.OPENED
                ? IncidentChange.Type.OPENED : IncidentChange.Type.UPDATED, updated));
    }

    private void heal(Map<String, Incident> active, Map<String, IncidentChange> changes, String dataset, String check,
                      String metric, Map<String, String> segment, Instant bucket, Instant at, int needed) {
        String key = IncidentKeys.key(dataset, check, metric == null ? "" : metric, segment);
        Incident current = active.get(key);
        if (current == null || current.lastBucket() != null && !bucket.isAfter(current.lastBucket())) {
            return; // nothing open, or a bucket already counted
        }
        int healthy = current.healthyBuckets() + 1;
        IncidentState state = healthy >= needed ? IncidentState.RESOLVED : current.state();
        Incident updated = new Incident(current.id(), current.dataset(), current.check(), current.metric(),
                current.segment(), current.kind(), current.severity(), current.owner(), state, current.openedAt(), at,
                current.firstBucket(), bucket, current.observed(), current.expected(), current.lower(), current.upper(),
                current.reason(), healthy, current.actor(), current.version() + 1);
        if (state == IncidentState.RESOLVED) {
            active.remove(key);
            changes.put(key, new IncidentChange(IncidentChange.Type.RESOLVED, updated));
        } else {
            active.put(key, updated);
            changes.putIfAbsent(key, new IncidentChange(IncidentChange.Type.UPDATED, updated));
            changes.computeIfPresent(key, (k, c) -> new IncidentChange(c.type(), updated));
        }
    }

    /** One fault result per dataset: the check is "monitor_fault" whatever check reported it. */
    private static CheckResult faultResult(CheckResult r) {
        return new CheckResult(r.dataset(), MONITOR_FAULT, MONITOR_FAULT, r.severity(), r.owner(), r.outcome(),
                MONITOR_FAULT, Map.of(), null, null, r.reason(), true);
    }

    private static Instant bucketOf(CheckResult r, Instant at) {
        return r.bucketStart() != null ? r.bucketStart() : at;
    }
}
