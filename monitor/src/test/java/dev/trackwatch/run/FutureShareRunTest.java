package dev.trackwatch.run;

import dev.trackwatch.checks.FreshnessSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.plan.PlanTestEvents;
import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.query.QueryGuardrails;
import dev.trackwatch.query.TableColumnsReader;
import dev.trackwatch.state.StateStore;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's side query for future-dated rows: its verdict reaches the run's results, and when it
 * fails the freshness result is a monitor fault while the scan's own results stand.
 */
class FutureShareRunTest {

    private static final Instant AT = Instant.parse("2026-04-13T10:30:00Z");
    private static final String STATE = "future_share_run_state";

    @Test
    void theRunReportsFutureRowsAndAFailedSideQueryIsAMonitorFault() throws Exception {
        try (Connection connection = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"),
                new Properties())) {
            DSLContext dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
            dsl.execute("DROP DATABASE IF EXISTS " + STATE);
            dsl.execute("CREATE DATABASE IF NOT EXISTS future_share_run");
            dsl.execute("DROP TABLE IF EXISTS future_share_run.events");
            // Small granules, so that the scan reads the few rows of its window while the side query
            // reads the 200 rows dated next week too.
            dsl.execute("CREATE TABLE future_share_run.events (event_time DateTime64(3, 'UTC'), "
                    + "ingested_at Nullable(DateTime64(3, 'UTC'))) ENGINE = MergeTree ORDER BY event_time "
                    + "SETTINGS index_granularity = 2");
            dsl.execute("INSERT INTO future_share_run.events SELECT toDateTime64('2026-04-20 00:00:00', 3, 'UTC') "
                    + "+ toIntervalMinute(number), toDateTime64('2026-04-13 10:00:00', 3, 'UTC') "
                    + "FROM numbers(200)");
            dsl.execute("INSERT INTO future_share_run.events VALUES ('2026-04-13 10:10:00', '2026-04-13 10:10:01'), "
                    + "('2026-04-13 10:20:00', '2026-04-13 10:20:01'), ('2026-04-13 15:00:00', '2026-04-13 10:25:00')");
            FreshnessSpec fresh = new FreshnessSpec(PlanTestEvents.common("fresh"), Duration.ofHours(1), null, false);
            DatasetSpec dataset = new DatasetSpec("future_share_run", "future_share_run", "events", "event_time",
                    "ingested_at", Duration.ofHours(1), List.of(), null, "growth", Map.of(), Duration.ofMinutes(5), 0,
                    Duration.ofDays(1), List.of(fresh), SourceLocation.of("datasets/future_share_run.yaml"));
            TrackwatchSpec spec = new TrackwatchSpec(List.of(), List.of(dataset), List.of(), "test", List.of());
            StateStore state = new StateStore(dsl, STATE);
            state.migrate();
            var columns = TableColumnsReader.read(dsl, List.of(dataset)).get(dataset.name());
            Clock clock = Clock.fixed(AT, ZoneOffset.UTC);

            List<CheckResult> healthy = new DatasetRunner(dsl, state, QueryGuardrails.of(Duration.ofSeconds(20)),
                    Duration.ofDays(7), clock).run(spec, dataset, columns, AT);
            // The side query reads the 203 rows; the scan's window needs far fewer.
            List<CheckResult> limited = new DatasetRunner(dsl, state, QueryGuardrails.of(Duration.ofSeconds(20))
                    .withMaxRowsToRead(50), Duration.ofDays(7), clock).run(spec, dataset, columns, AT);
            dsl.execute("DROP DATABASE IF EXISTS future_share_run");
            dsl.execute("DROP DATABASE IF EXISTS " + STATE);

            assertThat(healthy).filteredOn(r -> r.series() instanceof SeriesKey.FutureShare).singleElement()
                    .satisfies(r -> {
                        assertThat(r.outcome()).isEqualTo(Outcome.WARN);
                        assertThat(r.reason()).startsWith("201 rows (99.0 %) are dated more than 5m in the future");
                    });
            assertThat(healthy).filteredOn(r -> r.series() instanceof SeriesKey.MaxEventTime).singleElement()
                    .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.PASSED));
            assertThat(limited).filteredOn(r -> r.series() instanceof SeriesKey.FutureShare).singleElement()
                    .satisfies(r -> {
                        assertThat(r.outcome()).isEqualTo(Outcome.NOT_EVALUATED);
                        assertThat(r.monitorFault()).isTrue();
                    });
            assertThat(limited).filteredOn(r -> r.series() instanceof SeriesKey.MaxEventTime).singleElement()
                    .satisfies(r -> {
                        assertThat(r.outcome()).isEqualTo(Outcome.PASSED);
                        assertThat(r.monitorFault()).isFalse();
                    });
        }
    }
}
