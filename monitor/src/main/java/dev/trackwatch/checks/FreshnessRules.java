package dev.trackwatch.checks;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.query.Observation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The freshness rules: the newest event and the newest ingestion must be younger than their SLA
 * at the run's "now", and every closed bucket of the recheck window must have rows.
 */
final class FreshnessRules {

    private FreshnessRules() {
    }

    static List<CheckResult> judge(FreshnessSpec check, Judging judging) {
        DatasetSpec dataset = judging.dataset();
        List<Observation> observations = judging.observations();
        Instant windowFrom = judging.windowFrom();
        Instant windowTo = judging.closedTo();
        List<CheckResult> results = new ArrayList<>();
        if (check.maxEventAge() != null) {
            results.add(age(dataset, check, observations, SeriesKey.MAX_EVENT_TIME, check.maxEventAge(),
                    judging.asOf(), windowFrom));
        }
        if (dataset.ingestionTimeColumn() != null && check.maxIngestionAge() != null) {
            results.add(age(dataset, check, observations, SeriesKey.MAX_INGESTION_TIME, check.maxIngestionAge(),
                    judging.asOf(), windowFrom));
        }
        if (check.expectRowsEveryBucket()) {
            Set<Instant> withRows = observations.stream()
                    .filter(o -> o.metric() instanceof SeriesKey.RowCount && o.isTotal() && o.value() > 0)
                    .map(Observation::bucketStart).collect(Collectors.toSet());
            Instant first = windowTo.minus(dataset.bucket().multipliedBy(Math.max(1, dataset.lateBuckets())));
            for (Instant b = first.isBefore(windowFrom) ? windowFrom : first; b.isBefore(windowTo); b = b.plus(dataset.bucket())) {
                if (!withRows.contains(b)) {
                    results.add(CheckResult.of(dataset, check).outcome(Outcome.FAILED).series(SeriesKey.ROW_COUNT)
                            .bucketStart(b).observed(0.0).reason("bucket " + b + " has no rows").build());
                }
            }
        }
        return results;
    }

    private static CheckResult age(DatasetSpec dataset, FreshnessSpec check, List<Observation> observations,
                                   SeriesKey metric, Duration sla, Instant asOf, Instant windowFrom) {
        double newest = observations.stream().filter(o -> o.metric().equals(metric) && o.isTotal())
                .mapToDouble(Observation::value).max().orElse(Double.NaN);
        CheckResult.Builder result = CheckResult.of(dataset, check).series(metric);
        if (Double.isNaN(newest)) {
            return result.outcome(Outcome.FAILED).reason("no rows since " + windowFrom + " (SLA " + age(sla) + ")")
                    .build();
        }
        Duration age = Duration.between(Instant.ofEpochMilli((long) newest), asOf);
        boolean late = age.compareTo(sla) > 0;
        String what = metric instanceof SeriesKey.MaxEventTime ? "newest event" : "newest ingestion";
        return result.outcome(late ? Outcome.FAILED : Outcome.PASSED).observed((double) age.toSeconds())
                .reason(what + " is " + age(age) + " old (SLA " + age(sla) + ")").build();
    }

    static String age(Duration d) {
        long minutes = d.toMinutes();
        return minutes < 120 ? minutes + "m" : (minutes / 60) + "h" + (minutes % 60) + "m";
    }
}
