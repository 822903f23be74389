package dev.trackwatch.checks;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.Durations;
import dev.trackwatch.evaluate.BoundsJudge;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.plan.Metric;
import dev.trackwatch.plan.MetricRequest;
import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.query.Observation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The freshness rules: the newest event and the newest ingestion must be younger than their SLA
 * at the run's "now", every closed bucket of the recheck window must have rows, and no row may be
 * dated later than "now" plus the future tolerance.
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
        for (MetricRequest request : judging.requests()) {
            if (request.metric() instanceof Metric.FutureShare future) {
                results.add(future(dataset, check, observations, future, judging.asOf()));
            }
        }
        if (check.expectRowsEveryBucket()) {
            Map<Instant, Double> withRows = observations.stream()
                    .filter(o -> o.metric() instanceof SeriesKey.RowCount && o.isTotal() && o.value() > 0)
                    .collect(Collectors.toMap(Observation::bucketStart, Observation::value, Double::sum));
            Instant first = windowTo.minus(dataset.bucket().multipliedBy(Math.max(1, dataset.lateBuckets())));
            for (Instant b = first.isBefore(windowFrom) ? windowFrom : first; b.isBefore(windowTo); b = b.plus(dataset.bucket())) {
                Double rows = withRows.get(b);
                // A bucket with rows passes, so that an incident opened by an empty bucket resolves
                // once rows flow again (without it, the outage's incident stayed open, and inhibited
                // every volume, null-rate and cardinality alert of the dataset, for good).
                results.add(CheckResult.of(dataset, check).outcome(rows == null ? Outcome.FAILED : Outcome.PASSED)
                        .series(SeriesKey.ROW_COUNT).bucketStart(b).observed(rows == null ? 0.0 : rows)
                        .reason(rows == null ? "bucket " + b + " has no rows"
                                : "bucket " + b + " has " + BoundsJudge.fmt(rows) + " rows").build());
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

    /**
     * Rows dated in the future warn: a static bound of zero, no baseline. The value comes from the
     * run's side query; without it (the query failed) the monitor could not judge.
     */
    private static CheckResult future(DatasetSpec dataset, FreshnessSpec check, List<Observation> observations,
                                      Metric.FutureShare metric, Instant asOf) {
        SeriesKey key = metric.series().getFirst();
        CheckResult.Builder result = CheckResult.of(dataset, check).series(key);
        String tolerance = Durations.format(metric.tolerance());
        Observation observed = observations.stream().filter(o -> o.metric().equals(key) && o.isTotal())
                .findFirst().orElse(null);
        if (observed == null) {
            return result.outcome(Outcome.NOT_EVALUATED).monitorFault(true).reason("rows dated more than " + tolerance
                    + " in the future were not counted: the side query failed (its error is in the log)").build();
        }
        long future = Math.round(observed.value() * observed.rows());
        String share = String.format(Locale.ROOT, "%.1f %%", observed.value() * 100);
        return result.outcome(future > 0 ? Outcome.WARN : Outcome.PASSED).observed(observed.value())
                .reason(future > 0
                        ? future + (future == 1 ? " row (" : " rows (") + share + ") " + (future == 1 ? "is" : "are")
                        + " dated more than " + tolerance + " in the future (after " + asOf.plus(metric.tolerance()) + ")"
                        : "no row of " + observed.rows() + " is dated more than " + tolerance + " in the future")
                .build();
    }

    static String age(Duration d) {
        long minutes = d.toMinutes();
        return minutes < 120 ? minutes + "m" : (minutes / 60) + "h" + (minutes % 60) + "m";
    }
}
