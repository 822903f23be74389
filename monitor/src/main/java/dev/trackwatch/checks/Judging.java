package dev.trackwatch.checks;

import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.History;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.evaluate.SeriesJudge;
import dev.trackwatch.evaluate.SeriesRules;
import dev.trackwatch.plan.DriftFinding;
import dev.trackwatch.plan.MetricRequest;
import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.query.Observation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one check is judged on in one run: the scan's observations, the table's DDL drift, the
 * window and the buckets to judge, the stored history, and the metrics the check asked for.
 *
 * @param dataset the check's dataset
 * @param requests the check's metric requests, as planned for this run
 * @param observations what the scan observed from {@code windowFrom} up to {@code asOf}, including
 *                     the still-open bucket (used for freshness only)
 * @param drift DDL drift findings of the dataset's table (empty when no contract)
 * @param windowFrom the start of the scan window; buckets before it are settled
 * @param closedTo the end of the newest closed bucket
 * @param asOf the run's "now"
 * @param buckets the bucket starts this check judges, oldest first, all closed, never empty
 * @param history the stored past its baselines learn from
 */
public record Judging(DatasetSpec dataset, List<MetricRequest> requests, List<Observation> observations,
                      List<DriftFinding> drift, Instant windowFrom, Instant closedTo, Instant asOf,
                      List<Instant> buckets, History history) {

    /**
     * Judges the series of the check's metrics with static bounds and seasonal baselines, and
     * passes each judged bucket in which the scan saw no row to judge.
     */
    public List<CheckResult> series(CheckSpec check, SeriesRules rules) {
        Set<SeriesKey> series = new LinkedHashSet<>();
        for (MetricRequest request : requests) {
            series.addAll(request.metric().series());
        }
        List<CheckResult> results = new ArrayList<>(new SeriesJudge(dataset, check, rules, history, windowFrom)
                .judge(series, observations, buckets));
        for (Instant bucket : buckets) {
            if (results.stream().noneMatch(r -> bucket.equals(r.bucketStart()))) {
                results.add(CheckResult.of(dataset, check).outcome(Outcome.PASSED).bucketStart(bucket)
                        .reason("no rows in bucket " + bucket + " to judge").build());
            }
        }
        return results;
    }
}
