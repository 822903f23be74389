package dev.trackwatch.checks;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.evaluate.AnomalySettings;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.History;
import dev.trackwatch.plan.DriftFinding;
import dev.trackwatch.query.Observation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one scan's observations into check results, each check judged by its type. The judged
 * buckets are the ones that closed since the previous run (at least the newest closed one), so a
 * run after downtime judges every bucket it missed, within each check's detection period.
 */
public final class DatasetEvaluator {

    private DatasetEvaluator() {
    }

    /**
     * Judges every check of {@code dataset} on the newest closed bucket, without history.
     *
     * @param closedTo the end of the newest closed bucket; that bucket is the one judged
     */
    public static List<CheckResult> evaluate(DatasetSpec dataset, List<EventContract> trackingPlan,
                                             List<Observation> observations, List<DriftFinding> drift,
                                             Instant windowFrom, Instant closedTo, Instant asOf) {
        return evaluate(DatasetPlan.of(dataset, trackingPlan), observations, drift, windowFrom, closedTo, asOf,
                List.of(closedTo.minus(dataset.bucket())), History.NONE);
    }

    /** Plans, then judges every check of {@code dataset} on {@code judged} buckets with {@code history}. */
    public static List<CheckResult> evaluate(DatasetSpec dataset, List<EventContract> trackingPlan,
                                             List<Observation> observations, List<DriftFinding> drift,
                                             Instant windowFrom, Instant closedTo, Instant asOf, List<Instant> judged,
                                             History history) {
        return evaluate(DatasetPlan.of(dataset, trackingPlan), observations, drift, windowFrom, closedTo, asOf, judged,
                history);
    }

    /**
     * Judges every check of the plan's dataset on {@code judged} buckets, with seasonal baselines
     * learned from {@code history}.
     *
     * @param plan the run's plan, the one its scan was planned from
     * @param judged the bucket starts to judge, oldest first, all closed
     */
    public static List<CheckResult> evaluate(DatasetPlan plan, List<Observation> observations, List<DriftFinding> drift,
                                             Instant windowFrom, Instant closedTo, Instant asOf, List<Instant> judged,
                                             History history) {
        List<CheckResult> results = new ArrayList<>();
        for (DatasetPlan.PlannedCheck planned : plan.checks()) {
            Instant since = closedTo.minus(AnomalySettings.detectionPeriod(planned.check()));
            List<Instant> buckets = judged.stream().filter(b -> !b.isBefore(since)).toList();
            if (buckets.isEmpty()) {
                buckets = List.of(judged.getLast());
            }
            Judging judging = new Judging(plan.dataset(), planned.requests(), observations, drift, windowFrom, closedTo,
                    asOf, buckets, history);
            results.addAll(CheckTypes.judge(CheckTypes.of(planned.check()), planned.check(), judging));
        }
        return results;
    }
}
