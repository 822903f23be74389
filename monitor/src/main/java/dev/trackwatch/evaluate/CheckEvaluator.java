package dev.trackwatch.evaluate;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.plan.CheckMetrics;
import dev.trackwatch.plan.DriftFinding;
import dev.trackwatch.plan.MetricRequest;
import dev.trackwatch.query.Observation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one scan's observations into check results: static bounds and seasonal baselines per
 * series and segment ({@link SeriesJudge}), the freshness SLA and empty buckets, and DDL drift.
 * The judged buckets are the ones that closed since the previous run (at least the newest closed
 * one), so a run after downtime judges every bucket it missed, within each check's detection period.
 */
public final class CheckEvaluator {

    private CheckEvaluator() {
    }

    /**
     * Judges every check of {@code dataset}.
     *
     * @param observations what the scan observed from {@code windowFrom} up to {@code asOf}, including
     *                     the still-open bucket (used for freshness only)
     * @param drift DDL drift findings of the dataset's table (empty when no contract)
     * @param closedTo the end of the newest closed bucket; that bucket is the one judged
     * @param asOf the run's "now"
     */
    public static List<CheckResult> evaluate(DatasetSpec dataset, List<EventContract> plan, List<Observation> observations,
                                             List<DriftFinding> drift, Instant windowFrom, Instant closedTo, Instant asOf) {
        return evaluate(dataset, plan, observations, drift, windowFrom, closedTo, asOf,
                List.of(closedTo.minus(dataset.bucket())), History.NONE);
    }

    /**
     * Judges every check of {@code dataset} on {@code judged} buckets, with seasonal baselines
     * learned from {@code history}.
     *
     * @param judged the bucket starts to judge, oldest first, all closed
     */
    public static List<CheckResult> evaluate(DatasetSpec dataset, List<EventContract> plan, List<Observation> observations,
                                             List<DriftFinding> drift, Instant windowFrom, Instant closedTo, Instant asOf,
                                             List<Instant> judged, History history) {
        List<CheckResult> results = new ArrayList<>();
        for (CheckSpec check : dataset.checks()) {
            Instant since = closedTo.minus(AnomalySettings.detectionPeriod(check));
            List<Instant> buckets = judged.stream().filter(b -> !b.isBefore(since)).toList();
            if (buckets.isEmpty()) {
                buckets = List.of(judged.getLast());
            }
            switch (check) {
                case CheckSpec.Freshness f -> results.addAll(Freshness.judge(dataset, f, observations, windowFrom, closedTo, asOf));
                case CheckSpec.Schema s -> {
                    results.addAll(judgeSeries(dataset, check, plan, observations, buckets, history, windowFrom));
                    results.addAll(ddlDrift(dataset, s, drift));
                }
                case CheckSpec.Volume v -> {
                    results.addAll(judgeSeries(dataset, check, plan, observations, buckets, history, windowFrom));
                    if (!history.available() || !check.common().detectsAnomalies()) {
                        // Without a baseline nothing else sees a segment that stopped sending.
                        buckets.forEach(b -> results.addAll(vanishedSegments(dataset, v, observations, b)));
                    }
                }
                default -> results.addAll(judgeSeries(dataset, check, plan, observations, buckets, history, windowFrom));
            }
        }
        return results;
    }

    /** Every check of the dataset NOT_EVALUATED for the same monitor-side reason. */
    public static List<CheckResult> notEvaluated(DatasetSpec dataset, String reason) {
        return dataset.checks().stream().map(c -> new CheckResult(dataset.name(), c.common().name(), c.type(),
                c.common().severity(), c.common().owner(), Outcome.NOT_EVALUATED, null, Map.of(), null, null, reason,
                true)).toList();
    }

    private static List<CheckResult> judgeSeries(DatasetSpec dataset, CheckSpec check, List<EventContract> plan,
                                                 List<Observation> observations, List<Instant> judged, History history,
                                                 Instant windowFrom) {
        Set<String> series = new LinkedHashSet<>();
        for (MetricRequest request : CheckMetrics.required(dataset, check, plan)) {
            series.addAll(request.metric().seriesNames());
        }
        List<CheckResult> results = new ArrayList<>(new SeriesJudge(dataset, check, history, windowFrom).judge(series, observations, judged));
        for (Instant bucket : judged) {
            if (results.stream().noneMatch(r -> bucket.equals(r.bucketStart()))) {
                results.add(new CheckResult(dataset.name(), check.common().name(), check.type(), check.common().severity(),
                        check.common().owner(), Outcome.PASSED, null, Map.of(), bucket, null,
                        "no rows in bucket " + bucket + " to judge", false));
            }
        }
        return results;
    }

    /**
     * A segment value that sent at least {@code min_segment_rows} rows in the previous bucket and none in
     * the judged one has no observation at all, so bounds cannot see it: an SDK that stops sending
     * entirely. It fails here, per dimension.
     */
    static List<CheckResult> vanishedSegments(DatasetSpec dataset, CheckSpec.Volume check, List<Observation> observations,
                                              Instant lastBucket) {
        Instant previous = lastBucket.minus(dataset.bucket());
        Set<Map<String, String>> now = new java.util.HashSet<>();
        List<Observation> before = new ArrayList<>();
        for (Observation o : observations) {
            if (!o.metric().equals("row_count") || o.isTotal()
                    || !check.segments().contains(o.segment().keySet().iterator().next())) {
                continue;
            }
            if (o.bucketStart().equals(lastBucket)) {
                now.add(o.segment());
            } else if (o.bucketStart().equals(previous) && o.value() >= Math.max(1, check.minSegmentRows())) {
                before.add(o);
            }
        }
        List<CheckResult> results = new ArrayList<>();
        for (Observation o : before) {
            if (!now.contains(o.segment())) {
                results.add(new CheckResult(dataset.name(), check.common().name(), check.type(), check.common().severity(),
                        check.common().owner(), Outcome.FAILED, "row_count", o.segment(), lastBucket, 0.0,
                        "segment " + o.segment() + " sent no rows (" + BoundsJudge.fmt(o.value())
                                + " in the bucket before)", false));
            }
        }
        return results;
    }

    /** The static bounds that apply to a series of a check, or null when the series is only recorded. */
    public static Bounds boundsFor(CheckSpec check, String series) {
        return switch (check) {
            case CheckSpec.Volume v -> series.equals("row_count") ? v.bounds() : null;
            case CheckSpec.NullRate n -> series.startsWith("null_rate:") ? n.bounds() : null;
            case CheckSpec.Cardinality c -> series.startsWith("distinct:") ? c.bounds() : null;
            case CheckSpec.Latency l -> series.equals("latency_p95_seconds") ? l.p95Bounds()
                    : series.startsWith("late_share:") ? l.lateShareBounds() : null;
            case CheckSpec.Schema s -> series.equals("plan_violation_share") || SeriesJudge.isPlanRule(series)
                    ? s.violationShareBounds() : null;
            case CheckSpec.Custom c -> series.startsWith("custom:") ? c.bounds() : null;
            case CheckSpec.Freshness f -> null;
        };
    }

    private static List<CheckResult> ddlDrift(DatasetSpec dataset, CheckSpec.Schema check, List<DriftFinding> drift) {
        List<CheckResult> results = new ArrayList<>();
        for (DriftFinding f : drift) {
            String reason = switch (f.kind()) {
                case MISSING -> "column " + f.column() + " (" + f.expected() + ") is missing from the table";
                case ADDED -> "column " + f.column() + " (" + f.actual() + ") is not in the contract";
                case RETYPED -> "column " + f.column() + " is " + f.actual() + ", the contract says " + f.expected();
            };
            results.add(new CheckResult(dataset.name(), check.common().name(), check.type(), check.common().severity(),
                    check.common().owner(), Outcome.FAILED, "ddl:" + f.column(), Map.of(), null, null, reason, false));
        }
        if (!check.columns().isEmpty() && drift.isEmpty()) {
            results.add(new CheckResult(dataset.name(), check.common().name(), check.type(), check.common().severity(),
                    check.common().owner(), Outcome.PASSED, "ddl", Map.of(), null, null,
                    "table matches the " + check.columns().size() + "-column contract", false));
        }
        return results;
    }

    static CheckResult result(DatasetSpec dataset, CheckSpec check, Outcome outcome, Observation o, String reason) {
        return result(dataset, check, outcome, o.metric(), o.segment(), o.bucketStart(), o.value(), reason, null);
    }

    static CheckResult result(DatasetSpec dataset, CheckSpec check, Outcome outcome, String metric,
                              Map<String, String> segment, Instant bucket, double value, String reason, Baseline baseline) {
        return new CheckResult(dataset.name(), check.common().name(), check.type(), check.common().severity(),
                check.common().owner(), outcome, metric, segment, bucket, value, reason, false, baseline);
    }

    static String age(Duration d) {
        long minutes = d.toMinutes();
        return minutes < 120 ? minutes + "m" : (minutes / 60) + "h" + (minutes % 60) + "m";
    }
}
