package dev.trackwatch.run;

import dev.trackwatch.loader.ConfigLoader;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.LoadResult;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.demo.DemoEventGenerator;
import dev.trackwatch.demo.DemoScenario;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;
import io.micronaut.context.ApplicationContext;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One cycle of the example checks in checks/ over the generated demo table, as of chosen times:
 * ordinary hours pass, the injected loader lag fails the latency check, a stopped feed fails
 * freshness, a missing table is a monitor fault (NOT_EVALUATED) rather than a data alert, and
 * re-running the same window does not double count observations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunOnceTest {

    private static final Instant SEEDED_UNTIL = Instant.parse("2026-03-10T12:34:56Z");

    private ApplicationContext context;
    private CycleRunner cycle;
    private DSLContext dsl;
    private TrackwatchSpec spec;
    private Instant anchor;

    @BeforeAll
    void seedDemoAndLoadExampleChecks() {
        context = ApplicationContext.builder().properties(Map.of(
                "trackwatch.clickhouse.embedded.enabled", true,
                "trackwatch.clickhouse.embedded.data-dir", TestingClickHouse.embeddedDataDir().toString(),
                "trackwatch.run.scheduler-enabled", false)).start();
        dsl = context.getBean(DSLContext.class);
        dsl.execute("DROP DATABASE IF EXISTS demo");
        dsl.execute("DROP DATABASE IF EXISTS trackwatch");
        DemoEventGenerator generator = new DemoEventGenerator(dsl);
        anchor = generator.prepare(SEEDED_UNTIL);
        generator.topUp(anchor, SEEDED_UNTIL);
        LoadResult loaded = ConfigLoader.load(Path.of("../checks"));
        assertThat(loaded.errors()).isEmpty();
        spec = loaded.spec();
        cycle = context.getBean(CycleRunner.class);
    }

    @AfterAll
    void close() {
        context.close();
    }

    @Test
    void loaderLagFailsFreshnessAsItHappensAndShowsAsLatencyOnceTheEventsArrive() {
        Instant lagStart = anchor.plus(DemoScenario.incident("loader_lag").startOffset());

        // Three hours into the lag, the newest event that has arrived is two hours old.
        List<CheckResult> during = runAll(lagStart.plus(Duration.ofHours(3)));
        // Later, the lagged events have arrived: their bucket's p95 latency is about two hours.
        runAll(lagStart.plus(Duration.ofHours(4)));
        double p95 = dsl.fetchOne("SELECT value FROM trackwatch.observations FINAL WHERE dataset = 'product_events' "
                + "AND metric = 'latency_p95_seconds' AND segment_key = '{}' AND bucket_start = ?",
                dev.trackwatch.state.ClickHouseTime.format(lagStart)).get(0, Double.class);

        assertThat(during).filteredOn(r -> r.check().equals("freshness") && r.outcome() == Outcome.FAILED)
                .extracting(CheckResult::reason).contains("newest event is 2h0m old (SLA 30m)")
                .anyMatch(reason -> reason.endsWith("has no rows"));
        assertThat(during).filteredOn(r -> r.check().equals("volume")).extracting(CheckResult::outcome)
                .doesNotContain(Outcome.NOT_EVALUATED);
        assertThat(during).noneMatch(CheckResult::monitorFault);
        assertThat(p95).isBetween(7200.0, 7400.0); // 2 h plus the demo's normal 1.5 s to 2 min
    }

    @Test
    void theFirstCycleAfterTheDemoStartsFindsTheRecentIncidents() {
        // The demo's anchor is the hour it first started; the first cycle judges the hour before it.
        List<CheckResult> results = runAll(anchor.plus(Duration.ofMinutes(5)));

        assertThat(results).filteredOn(r -> r.outcome() == Outcome.FAILED)
                .extracting(r -> r.check() + " " + r.metric() + " " + r.segment())
                .contains("user_id_nulls null_rate:user_id {platform=web}",
                        "page_path_cardinality distinct:page_path {}",
                        "schema plan_violation_share {}",
                        "volume row_count {platform=android}",
                        "latency latency_p95_seconds {}");
        assertThat(results).filteredOn(r -> r.check().equals("user_id_nulls") && !r.segment().isEmpty()
                        && !r.segment().get("platform").equals("web"))
                .extracting(CheckResult::outcome).containsOnly(Outcome.PASSED);
        // iOS events of that hour are still queued (the 45-minute ingestion delay), so at 5 past the hour
        // iOS volume really is low against its baseline; web is untouched.
        assertThat(results).filteredOn(r -> r.check().equals("volume") && r.segment().equals(Map.of("platform", "ios")))
                .singleElement().satisfies(r -> {
                    assertThat(r.outcome()).as(r.reason() + " " + r.baseline()).isEqualTo(Outcome.FAILED);
                    assertThat(r.baseline().lower()).isGreaterThan(r.observed());
                    assertThat(r.reason()).contains("below its baseline");
                });
        assertThat(results).filteredOn(r -> r.check().equals("volume") && r.segment().equals(Map.of("platform", "web")))
                .extracting(CheckResult::outcome).containsOnly(Outcome.PASSED);
        assertThat(results).filteredOn(r -> r.check().equals("freshness")).extracting(CheckResult::outcome)
                .containsOnly(Outcome.PASSED);
    }

    @Test
    void freshnessFailsWhenTheFeedStopsAndPassesRightAfterIt() {
        List<CheckResult> fresh = runAll(SEEDED_UNTIL.minusSeconds(30));
        List<CheckResult> stale = runAll(SEEDED_UNTIL.plus(Duration.ofHours(3)));

        assertThat(fresh).filteredOn(r -> r.check().equals("freshness")).extracting(CheckResult::outcome)
                .containsOnly(Outcome.PASSED);
        assertThat(stale).filteredOn(r -> r.check().equals("freshness") && r.outcome() == Outcome.FAILED)
                .extracting(CheckResult::reason).anyMatch(reason -> reason.contains("newest event is"));
    }

    @Test
    void aMissingTableIsAMonitorFaultNotADataAlert() {
        DatasetSpec real = spec.datasets().getFirst();
        DatasetSpec missing = new DatasetSpec("missing_events", "demo", "no_such_table", real.eventTimeColumn(),
                real.ingestionTimeColumn(), real.bucket(), real.segments(), null, real.owner(), Map.of(),
                real.interval(), real.lateBuckets(), real.backfill(), real.checks(), real.location());

        List<CheckResult> results = cycle.run(spec, missing, null, SEEDED_UNTIL);

        assertThat(results).isNotEmpty().allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.NOT_EVALUATED);
            assertThat(r.monitorFault()).isTrue();
            assertThat(r.reason()).contains("no_such_table");
        });
    }

    @Test
    void rerunningReobservesTheLateBucketsWithoutDoubleCounting() {
        DatasetSpec real = spec.datasets().getFirst();
        DatasetSpec fresh = new DatasetSpec("rerun_events", real.database(), real.table(), real.eventTimeColumn(),
                real.ingestionTimeColumn(), real.bucket(), real.segments(), real.filter(), real.owner(), Map.of(),
                real.interval(), real.lateBuckets(), Duration.ofDays(2), real.checks(), real.location());
        Instant at = SEEDED_UNTIL.minus(Duration.ofDays(1));

        cycle.run(spec, fresh, null, at);
        long afterBackfill = observationRows("rerun_events");
        double lastHour = totalRows("rerun_events", at.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofHours(1)));
        cycle.run(spec, fresh, null, at);

        // 2 days of hourly buckets (plus the open one) once each, whatever the number of runs.
        assertThat(afterBackfill).isBetween(48L, 50L);
        assertThat(observationRows("rerun_events")).isEqualTo(afterBackfill);
        assertThat(totalRows("rerun_events", at.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofHours(1))))
                .isEqualTo(lastHour).isPositive();
    }

    @Test
    void aRunAsOfAPastTimeSeesOnlyRowsIngestedByThen() {
        DatasetSpec real = spec.datasets().getFirst();
        DatasetSpec asOf = new DatasetSpec("as_of_events", real.database(), real.table(), real.eventTimeColumn(),
                real.ingestionTimeColumn(), real.bucket(), real.segments(), real.filter(), real.owner(), Map.of(),
                real.interval(), real.lateBuckets(), Duration.ofDays(1), real.checks(), real.location());
        Instant lagStart = anchor.plus(DemoScenario.incident("loader_lag").startOffset());

        // During the loader lag, events of the first lagged hour arrive two hours late.
        cycle.run(spec, asOf, null, lagStart.plus(Duration.ofMinutes(90)));
        double seenThen = totalRows("as_of_events", lagStart);
        cycle.run(spec, asOf, null, lagStart.plus(Duration.ofHours(4)));
        double seenLater = totalRows("as_of_events", lagStart);

        assertThat(seenThen).isZero();
        assertThat(seenLater).isGreaterThan(100);
    }

    @Test
    void theRunStageKeepsItsStateInTheConfiguredStateDatabase() {
        String database = "trackwatch_runonce_elsewhere";
        dsl.execute("DROP DATABASE IF EXISTS " + database);
        var live = spec.dataset("product_events_live").orElseThrow();
        CycleRunner elsewhere = new CycleRunner(dsl, new RunConfiguration(),
                new dev.trackwatch.state.StateDatabase(database));

        elsewhere.run(spec, live, null, SEEDED_UNTIL);

        long rows = dsl.fetchOne("SELECT count() FROM " + database + ".observations WHERE dataset = ?", live.name())
                .get(0, Long.class);
        dsl.execute("DROP DATABASE IF EXISTS " + database);
        assertThat(rows).isPositive();
    }

    private long observationRows(String dataset) {
        return dsl.fetchOne("SELECT count() FROM trackwatch.observations FINAL WHERE dataset = ? "
                + "AND metric = 'row_count' AND segment_key = '{}'", dataset).get(0, Long.class);
    }

    private double totalRows(String dataset, Instant bucket) {
        return dsl.fetchOne("SELECT sum(value) FROM trackwatch.observations FINAL WHERE dataset = ? "
                + "AND metric = 'row_count' AND segment_key = '{}' AND bucket_start = ?", dataset,
                dev.trackwatch.state.ClickHouseTime.format(bucket)).get(0, Double.class);
    }

    private List<CheckResult> runAll(Instant asOf) {
        List<CheckResult> results = new ArrayList<>();
        cycle.runAll(spec, asOf, results::add);
        return results;
    }
}
