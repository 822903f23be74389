package dev.trackwatch.query;

import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.checks.Judging;
import dev.trackwatch.checks.LatencyCheck;
import dev.trackwatch.checks.LatencySpec;
import dev.trackwatch.checks.VolumeSpec;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.History;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.plan.DatasetQuery;
import dev.trackwatch.plan.PlanTestEvents;
import dev.trackwatch.plan.QueryPlanner;
import dev.trackwatch.plan.SeriesKey;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows whose ingestion time is NULL stay in every check (a scan limited to what had arrived by a
 * time used to drop them), and the latency check reports their share.
 */
class NullIngestionTimeTest {

    private static final Instant FROM = Instant.parse("2026-04-13T00:00:00Z");
    private static final Instant TO = FROM.plusSeconds(3600);

    @Test
    void rowsWithoutAnIngestionTimeAreCountedAndReported() throws Exception {
        try (Connection connection = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"),
                new Properties())) {
            DSLContext dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
            dsl.execute("CREATE DATABASE IF NOT EXISTS null_ingestion_test");
            dsl.execute("DROP TABLE IF EXISTS null_ingestion_test.events");
            dsl.execute("CREATE TABLE null_ingestion_test.events (event_time DateTime64(3, 'UTC'), "
                    + "ingested_at Nullable(DateTime64(3, 'UTC'))) ENGINE = MergeTree ORDER BY event_time");
            dsl.execute("INSERT INTO null_ingestion_test.events VALUES "
                    + "('2026-04-13 00:01:00', '2026-04-13 00:01:02'), ('2026-04-13 00:02:00', '2026-04-13 00:02:02'), "
                    + "('2026-04-13 00:03:00', '2026-04-13 00:03:02'), ('2026-04-13 00:04:00', NULL), "
                    + "('2026-04-13 00:05:00', NULL)");
            LatencySpec latency = new LatencySpec(PlanTestEvents.common("latency"), Duration.ofMinutes(10), List.of(),
                    Bounds.NONE, Bounds.NONE);
            DatasetSpec dataset = new DatasetSpec("null_ingestion", "null_ingestion_test", "events", "event_time",
                    "ingested_at", Duration.ofHours(1), List.of(), null, "growth", Map.of(), Duration.ofMinutes(5), 2,
                    Duration.ofDays(1), List.of(new VolumeSpec(PlanTestEvents.common("volume"), List.of(), 0,
                            Bounds.NONE), latency), SourceLocation.of("datasets/null_ingestion.yaml"));
            // As of a time after every row arrived: the scan keeps rows ingested by then, and the NULLs.
            DatasetQuery query = QueryPlanner.plan(dataset, CheckTypes.metrics(dataset, List.of()),
                    TableColumnsReader.read(dsl, List.of(dataset)).get(dataset.name()), FROM, TO,
                    TO.plusSeconds(600));

            ScanSuccess scan = (ScanSuccess) MetricQueryExecutor.execute(dsl, query,
                    QueryGuardrails.of(Duration.ofSeconds(20)));
            List<CheckResult> results = LatencyCheck.TYPE.judge(latency, new Judging(dataset,
                    CheckTypes.metrics(dataset, latency, List.of()),
                    scan.observations(), List.of(), FROM, TO, TO.plusSeconds(600), List.of(FROM), History.NONE));
            dsl.execute("DROP DATABASE IF EXISTS null_ingestion_test");

            assertThat(scan.observations()).filteredOn(o -> o.metric().equals(SeriesKey.ROW_COUNT))
                    .extracting(Observation::value).containsExactly(5.0);
            assertThat(results).filteredOn(r -> r.series() instanceof SeriesKey.NullRate).singleElement()
                    .satisfies(r -> {
                        assertThat(r.outcome()).isEqualTo(Outcome.WARN);
                        assertThat(r.observed()).isEqualTo(0.4);
                        assertThat(r.metric()).isEqualTo("null_rate:ingested_at");
                    });
        }
    }
}
