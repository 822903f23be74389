package dev.trackwatch.backtest;

import dev.trackwatch.loader.ConfigLoader;
import dev.trackwatch.config.LoadResult;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.query.QueryGuardrails;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backtests on a table built for it in the embedded ClickHouse: twelve days of hourly events with
 * a daily cycle, and an iOS drop on day eleven. The backtest must open exactly the drop's alert,
 * in the bucket after it starts, and must be causal: rows ingested after a tick, or after the
 * span, change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacktestTest {

    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant FROM = START.plus(Duration.ofDays(10));
    private static final Instant TO = START.plus(Duration.ofDays(12));
    private static final Instant DROP = START.plus(Duration.ofDays(11)).plus(Duration.ofHours(9));

    private Connection connection;
    private DSLContext dsl;
    private LoadResult checks;

    @BeforeAll
    void createEvents(@TempDir Path dir) throws Exception {
        connection = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"), new Properties());
        dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
        dsl.execute("DROP DATABASE IF EXISTS bt");
        dsl.execute("CREATE DATABASE bt");
        dsl.execute("CREATE TABLE bt.events (event_time DateTime64(3, 'UTC'), ingested_at DateTime64(3, 'UTC'), "
                + "platform LowCardinality(String)) ENGINE = MergeTree ORDER BY event_time");
        insert(START, 12 * 24, 30);
        Files.writeString(dir.resolve("checks.yaml"), """
                teams:
                  - name: growth
                    slack_channel: "#growth"
                    datasets: [bt_events]
                datasets:
                  - name: bt_events
                    table: bt.events
                    event_time: event_time
                    ingestion_time: ingested_at
                    segments: [platform]
                    interval: 1h
                    late_buckets: 1
                    backfill: 10d
                    checks:
                      - name: volume
                        type: volume
                        segments: [platform]
                        min_segment_rows: 5
                """);
        checks = ConfigLoader.load(dir, dir.resolve("runbooks"));
        assertThat(checks.errors()).isEmpty();
    }

    @AfterAll
    void dropEvents() throws Exception {
        dsl.execute("DROP DATABASE IF EXISTS bt");
        connection.close();
    }

    @Test
    void theDropOpensOneAlertInTheBucketAfterItStartsAndLaterIngestionChangesNothing() {
        List<BacktestAlert> before = backtest();
        // Rows for the replayed span that arrive only after it, and rows after it: invisible to every tick.
        insert(FROM, 2 * 24, Duration.between(FROM, TO).toSeconds() + 3600);
        insert(TO, 24, 30);
        List<BacktestAlert> after = backtest();

        assertThat(before).extracting(a -> a.openedAt() + " " + a.kind() + " " + a.metric() + " " + a.segment())
                .containsExactly(DROP.plus(Duration.ofHours(1)) + " volume row_count {platform=ios}");
        BacktestAlert ios = before.getFirst();
        assertThat(ios.table()).isEqualTo("bt.events");
        assertThat(ios.bucketStart()).isEqualTo(DROP);
        assertThat(ios.observed()).isLessThan(ios.lower());
        assertThat(ios.expected()).isBetween(ios.lower(), ios.upper());
        assertThat(after).extracting(BacktestAlert::toJson).isEqualTo(before.stream().map(BacktestAlert::toJson).toList());
        assertThat(dsl.fetchOne("SELECT count() FROM system.databases WHERE name LIKE 'trackwatch_backtest_%'")
                .get(0, Long.class)).isZero();
    }

    private List<BacktestAlert> backtest() {
        List<BacktestAlert> alerts = new ArrayList<>();
        Backtest.Summary summary = new Backtest(dsl, QueryGuardrails.of(Duration.ofMinutes(1)), Duration.ofDays(7))
                .run(checks.spec(), FROM, TO, Duration.ofHours(1), alerts::add);
        assertThat(summary.ticks()).isEqualTo(49);
        assertThat(summary.alertsByCheck()).isEqualTo(Map.of("bt_events/volume", alerts.size()));
        return alerts;
    }

    /**
     * Inserts {@code hours} hours of events from {@code from}, each ingested {@code lagSeconds} after
     * its event time: 40 to 160 an hour on a daily cycle with ±10 of noise per hour, a third from iOS,
     * and iOS at a tenth for
     * three hours from {@link #DROP}.
     */
    private void insert(Instant from, int hours, long lagSeconds) {
        dsl.execute("""
                INSERT INTO bt.events (event_time, ingested_at, platform)
                SELECT ts, ts + toIntervalSecond(?), p FROM (
                    SELECT toDateTime64(?, 3, 'UTC') + toIntervalHour(intDiv(number, 200))
                               + toIntervalSecond((number % 200) * 17) AS ts,
                           number % 200 AS k, if(number % 3 = 0, 'ios', 'web') AS p,
                           100 + 60 * sin((toHour(ts) - 13) * pi() / 12)
                               + (cityHash64(intDiv(number, 200)) % 21) - 10.0 AS rate
                    FROM numbers(?))
                WHERE k < rate AND NOT (p = 'ios' AND ts >= toDateTime64(?, 3, 'UTC')
                                        AND ts < toDateTime64(?, 3, 'UTC') AND k % 10 != 0)
                """, lagSeconds, from.getEpochSecond(), hours * 200L, DROP.getEpochSecond(),
                DROP.plus(Duration.ofHours(3)).getEpochSecond());
    }
}
