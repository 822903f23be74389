package dev.trackwatch.query;

import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.checks.FreshnessCheck;
import dev.trackwatch.checks.FreshnessSpec;
import dev.trackwatch.checks.Judging;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.History;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.plan.DatasetQuery;
import dev.trackwatch.plan.FutureQuery;
import dev.trackwatch.plan.MetricRequest;
import dev.trackwatch.plan.PlanTestEvents;
import dev.trackwatch.plan.QueryPlanner;
import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.plan.TableColumns;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows dated in the future stay out of the scan's window, and the freshness check reports them
 * through the run's side query: counted and warned, a pass when there are none.
 */
class FutureRowsTest {

    private static final Instant FROM = Instant.parse("2026-04-13T00:00:00Z");
    private static final Instant NOW = FROM.plusSeconds(3600);
    private static final QueryGuardrails GUARDRAILS = QueryGuardrails.of(Duration.ofSeconds(20));
    private static final FreshnessSpec FRESH = new FreshnessSpec(PlanTestEvents.common("fresh"), null, null, false);

    /** Four rows in the window; one 2m ahead (within the 5m tolerance); three 2h ahead; one 3h ahead, not ingested; one 2h ahead, arriving after "now". */
    private static final String ROWS = "('2026-04-13 00:10:00', '2026-04-13 00:10:02'), ('2026-04-13 00:20:00', '2026-04-13 00:20:02'), "
            + "('2026-04-13 00:30:00', '2026-04-13 00:30:02'), ('2026-04-13 00:40:00', '2026-04-13 00:40:02'), "
            + "('2026-04-13 01:02:00', '2026-04-13 00:30:00'), "
            + "('2026-04-13 03:00:00', '2026-04-13 00:40:00'), ('2026-04-13 03:00:01', '2026-04-13 00:41:00'), "
            + "('2026-04-13 03:00:02', '2026-04-13 00:42:00'), ('2026-04-13 04:00:00', NULL), "
            + "('2026-04-13 03:00:00', '2026-04-13 02:00:00'), ('2026-04-12 23:00:00', '2026-04-12 23:00:01')";

    @Test
    void futureRowsAreCountedAndWarnedWhileTheScanCountsStayTheSame() throws Exception {
        try (Connection connection = connect()) {
            DSLContext dsl = table(connection, ROWS);
            DatasetSpec dataset = dataset("ingested_at");

            Run run = run(dsl, dataset);

            // The scan's window is unchanged: only the four rows in [FROM, NOW) count.
            assertThat(run.scan.observations()).filteredOn(o -> o.metric().equals(SeriesKey.ROW_COUNT))
                    .extracting(Observation::value).containsExactly(4.0);
            // Dated from the window start on and arrived by "now" (or without an ingestion time): 9 rows, 4 beyond now+5m.
            assertThat(run.result.outcome()).isEqualTo(Outcome.WARN);
            assertThat(run.result.metric()).isEqualTo("future_share:300s");
            assertThat(run.result.observed()).isEqualTo(4.0 / 9);
            assertThat(run.result.reason()).isEqualTo("4 rows (44.4 %) are dated more than 5m in the future (after "
                    + NOW.plusSeconds(300) + ")");
        }
    }

    @Test
    void withoutAnIngestionTimeTheRowsFromTheWindowStartOnAreCounted() throws Exception {
        try (Connection connection = connect()) {
            DSLContext dsl = table(connection, ROWS);

            Run run = run(dsl, dataset(null));

            assertThat(run.scan.observations()).filteredOn(o -> o.metric().equals(SeriesKey.ROW_COUNT))
                    .extracting(Observation::value).containsExactly(4.0);
            // event_time >= FROM: 10 rows, 5 beyond now+5m (the late arrival too, with no ingestion time to tell).
            assertThat(run.result.outcome()).isEqualTo(Outcome.WARN);
            assertThat(run.result.reason()).startsWith("5 rows (50.0 %) are dated more than 5m in the future");
        }
    }

    @Test
    void noFutureRowsPass() throws Exception {
        try (Connection connection = connect()) {
            DSLContext dsl = table(connection, "('2026-04-13 00:10:00', '2026-04-13 00:10:02'), "
                    + "('2026-04-13 01:02:00', '2026-04-13 00:30:00')");

            Run run = run(dsl, dataset("ingested_at"));

            assertThat(run.result.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(run.result.observed()).isEqualTo(0.0);
            assertThat(run.result.reason()).isEqualTo("no row of 2 is dated more than 5m in the future");
        }
    }

    @Test
    void anEmptyTablePasses() throws Exception {
        try (Connection connection = connect()) {
            DSLContext dsl = table(connection, null);

            Run run = run(dsl, dataset("ingested_at"));

            assertThat(run.result.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(run.result.reason()).isEqualTo("no row of 0 is dated more than 5m in the future");
        }
    }

    private record Run(ScanSuccess scan, CheckResult result) {
    }

    /** Scans as DatasetRunner does (the window, then the side query) and judges the freshness check. */
    private static Run run(DSLContext dsl, DatasetSpec dataset) {
        TableColumns columns = TableColumnsReader.read(dsl, List.of(dataset)).get(dataset.name());
        List<MetricRequest> requests = CheckTypes.metrics(dataset, List.of());
        DatasetQuery query = QueryPlanner.plan(dataset, requests, columns, FROM, NOW, NOW);
        ScanSuccess scan = (ScanSuccess) MetricQueryExecutor.execute(dsl, query, GUARDRAILS);
        DatasetQuery side = FutureQuery.plan(dataset, requests, columns, FROM, NOW).orElseThrow();
        ScanSuccess future = (ScanSuccess) MetricQueryExecutor.execute(dsl, side, GUARDRAILS);
        dsl.execute("DROP DATABASE IF EXISTS future_rows_test");
        List<Observation> observed = new ArrayList<>(scan.observations());
        observed.addAll(future.observations());
        List<CheckResult> results = FreshnessCheck.TYPE.judge(FRESH, new Judging(dataset,
                CheckTypes.metrics(dataset, FRESH, List.of()), observed, List.of(), FROM, NOW, NOW,
                List.of(NOW.minusSeconds(3600)), History.NONE));
        return new Run(scan, results.stream().filter(r -> r.series() instanceof SeriesKey.FutureShare)
                .findFirst().orElseThrow());
    }

    private static Connection connect() throws Exception {
        return TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"), new Properties());
    }

    private static DSLContext table(Connection connection, String rows) {
        DSLContext dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
        dsl.execute("CREATE DATABASE IF NOT EXISTS future_rows_test");
        dsl.execute("DROP TABLE IF EXISTS future_rows_test.events");
        dsl.execute("CREATE TABLE future_rows_test.events (event_time DateTime64(3, 'UTC'), "
                + "ingested_at Nullable(DateTime64(3, 'UTC'))) ENGINE = MergeTree ORDER BY event_time");
        if (rows != null) {
            dsl.execute("INSERT INTO future_rows_test.events VALUES " + rows);
        }
        return dsl;
    }

    private static DatasetSpec dataset(String ingestionTime) {
        return new DatasetSpec("future_rows", "future_rows_test", "events", "event_time", ingestionTime,
                Duration.ofHours(1), List.of(), null, "growth", Map.of(), Duration.ofMinutes(5), 0, Duration.ofDays(1),
                List.of(FRESH), SourceLocation.of("datasets/future_rows.yaml"));
    }
}
