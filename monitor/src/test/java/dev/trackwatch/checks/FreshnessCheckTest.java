package dev.trackwatch.checks;

import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.History;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.query.Observation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A freshness check compares the newest event's age with its SLA, fails empty buckets and passes the others. */
class FreshnessCheckTest {

    private static final Instant B = Instant.parse("2026-06-01T10:00:00Z");
    private static final FreshnessSpec CHECK = new FreshnessSpec(Specs.common("fresh"), Duration.ofMinutes(30),
            null, true);

    @Test
    void itAsksForTheNewestTimesAndTheRowCountTotalsOnly() {
        assertThat(FreshnessCheck.TYPE.metrics(Specs.dataset("ingested_at", CHECK), CHECK, List.of()))
                .allSatisfy(r -> assertThat(r.segments()).isEmpty())
                .extracting(r -> r.metric().name()).containsExactly("max_event_time", "max_ingestion_time", "row_count", "future_share:300s");
        assertThat(FreshnessCheck.TYPE.metrics(Specs.dataset(null, CHECK), CHECK, List.of()))
                .extracting(r -> r.metric().name()).containsExactly("max_event_time", "row_count", "future_share:300s");
        FreshnessSpec tolerant = new FreshnessSpec(Specs.common("fresh"), null, null, true, Duration.ofSeconds(30));
        assertThat(FreshnessCheck.TYPE.metrics(Specs.dataset(null, tolerant), tolerant, List.of()))
                .extracting(r -> r.metric().name()).contains("future_share:30s");
    }

    @Test
    void aStaleNewestEventAndAnEmptyBucketFailWhileABucketWithRowsPasses() {
        Instant closedTo = B.plus(Duration.ofHours(1));
        Instant asOf = closedTo.plus(Duration.ofMinutes(50));
        List<Observation> observed = List.of(
                new Observation("events", SeriesKey.MAX_EVENT_TIME, Map.of(), B, B.plusSeconds(600).toEpochMilli(), 5),
                new Observation("events", SeriesKey.ROW_COUNT, Map.of(), B, 5, 5));
        Judging judging = new Judging(Specs.dataset(null, CHECK), List.of(), observed, List.of(),
                B.minus(Duration.ofHours(1)), closedTo, asOf, List.of(B), History.NONE);

        List<CheckResult> results = FreshnessCheck.TYPE.judge(CHECK, judging);

        assertThat(results).extracting(CheckResult::outcome, CheckResult::metric, CheckResult::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Outcome.FAILED, "max_event_time", "newest event is 100m old (SLA 30m)"),
                org.assertj.core.groups.Tuple.tuple(Outcome.FAILED, "row_count",
                        "bucket " + B.minus(Duration.ofHours(1)) + " has no rows"),
                // The healthy bucket is a verdict too: it is what resolves an incident an empty bucket opened.
                org.assertj.core.groups.Tuple.tuple(Outcome.PASSED, "row_count", "bucket " + B + " has 5 rows"));
    }

    @Test
    void aFutureShareThatWasNotCountedIsAMonitorFaultNotADataAlert() {
        Instant closedTo = B.plus(Duration.ofHours(1));
        FreshnessSpec check = new FreshnessSpec(Specs.common("fresh"), null, null, false);
        // The side query failed: the run has the scan's observations but no future_share one.
        Judging judging = new Judging(Specs.dataset(null, check), FreshnessCheck.TYPE.metrics(Specs.dataset(null, check),
                check, List.of()), List.of(new Observation("events", SeriesKey.ROW_COUNT, Map.of(), B, 5, 5)), List.of(),
                B, closedTo, closedTo, List.of(B), History.NONE);

        assertThat(FreshnessCheck.TYPE.judge(check, judging)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.NOT_EVALUATED);
            assertThat(r.monitorFault()).isTrue();
            assertThat(r.metric()).isEqualTo("future_share:300s");
            assertThat(r.reason()).isEqualTo("rows dated more than 5m in the future were not counted: the side query "
                    + "failed (its error is in the log)");
        });
    }
}
