package dev.trackwatch.evaluate;

import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.query.Observation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The freshness rules: the newest event and the newest ingestion must be younger than their SLA
 * at the run's "now", and every closed bucket of the recheck window must have rows.
 */
final class Freshness {

    private Freshness() {
    }

    static List<CheckResult> judge(DatasetSpec dataset, CheckSpec.Freshness check, List<Observation> observations,
                                   Instant windowFrom, Instant windowTo, Instant asOf) {
        List<CheckResult> results = new ArrayList<>();
        if (check.maxEventAge() != null) {
            results.add(age(dataset, check, observations, "max_event_time", check.maxEventAge(), asOf, windowFrom));
        }
        if (dataset.ingestionTimeColumn() != null && check.maxIngestionAge() != null) {
            results.add(age(dataset, check, observations, "max_ingestion_time", check.maxIngestionAge(), asOf, windowFrom));
        }
        if (check.expectRowsEveryBucket()) {
            Set<Instant> withRows = observations.stream()
                    .filter(o -> o.metric().equals("row_count") && o.isTotal() && o.value() > 0)
                    .map(Observation::bucketStart).collect(Collectors.toSet());
            Instant first = windowTo.minus(dataset.bucket().multipliedBy(Math.max(1, dataset.lateBuckets())));
            for (Instant b = first.isBefore(windowFrom) ? windowFrom : first; b.isBefore(windowTo); b = b.plus(dataset.bucket())) {
                if (!withRows.contains(b)) {
                    results.add(new CheckResult(dataset.name(), check.common().name(), check.type(),
                            check.common().severity(), check.common().owner(), Outcome.FAILED, "row_count", Map.of(),
                            b, 0.0, "bucket " + b + " has no rows", false));
                }
            }
        }
        return results;
    }

    private static CheckResult age(DatasetSpec dataset, CheckSpec.Freshness check, List<Observation> observations,
                                   String metric, Duration sla, Instant asOf, Instant windowFrom) {
        double newest = observations.stream().filter(o -> o.metric().equals(metric) && o.isTotal())
                .mapToDouble(Observation::value).max().orElse(Double.NaN);
        if (Double.isNaN(newest)) {
            return new CheckResult(dataset.name(), check.common().name(), check.type(), check.common().severity(),
                    check.common().owner(), Outcome.FAILED, metric, Map.of(), null, null,
                    "no rows since " + windowFrom + " (SLA " + CheckEvaluator.age(sla) + ")", false);
        }
        Duration age = Duration.between(Instant.ofEpochMilli((long) newest), asOf);
        boolean late = age.compareTo(sla) > 0;
        String what = metric.equals("max_event_time") ? "newest event" : "newest ingestion";
        return new CheckResult(dataset.name(), check.common().name(), check.type(), check.common().severity(),
                check.common().owner(), late ? Outcome.FAILED : Outcome.PASSED, metric, Map.of(), null,
                (double) age.toSeconds(), what + " is " + CheckEvaluator.age(age) + " old (SLA "
                + CheckEvaluator.age(sla) + ")", false);
    }
}
