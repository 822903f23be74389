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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backtest's alerts are the daemon's incidents: on three days of hourly events in the embedded
 * ClickHouse, 30 an hour spread over the hour, with two short hours (two events in their first
 * minutes) three hours apart, a check's {@code resolve_after} decides whether the second short
 * hour is a second alert, and a freshness failure at the same tick inhibits the volume alert.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BacktestIncidentsTest {

    private static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
    private static final Instant FROM = START.plus(Duration.ofDays(2));
    private static final Instant TO = START.plus(Duration.ofDays(3));
    /** The short hours: hour 54 fails, 55 and 56 are healthy, 57 fails again. */
    private static final Instant FIRST = START.plus(Duration.ofHours(54));
    private static final Instant SECOND = START.plus(Duration.ofHours(57));

    private Connection connection;
    private DSLContext dsl;

    @BeforeAll
    void createEvents() throws Exception {
        connection = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"), new Properties());
        dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
        dsl.execute("DROP DATABASE IF EXISTS bti");
        dsl.execute("CREATE DATABASE bti");
        dsl.execute("CREATE TABLE bti.events (event_time DateTime64(3, 'UTC'), ingested_at DateTime64(3, 'UTC')) "
                + "ENGINE = MergeTree ORDER BY event_time");
        // 30 events an hour, one every 118 s; in the short hours only the first two (at 0 s and 118 s).
        dsl.execute("""
                INSERT INTO bti.events (event_time, ingested_at)
                SELECT ts, ts + toIntervalSecond(30) FROM (
                    SELECT toDateTime64(?, 3, 'UTC') + toIntervalHour(intDiv(number, 30))
                               + toIntervalSecond((number % 30) * 118) AS ts,
                           intDiv(number, 30) AS h, number % 30 AS k
                    FROM numbers(?))
                WHERE h NOT IN (54, 57) OR k < 2
                """, START.getEpochSecond(), 3 * 24 * 30);
    }

    @AfterAll
    void dropEvents() throws Exception {
        dsl.execute("DROP DATABASE IF EXISTS bti");
        connection.close();
    }

    @Test
    void aResolveAfterOfThreeKeepsTheIncidentOpenAcrossTwoHealthyHours(@TempDir Path dir) throws IOException {
        List<BacktestAlert> alerts = backtest(load(dir, volume("resolve_after: 3"), ""));

        // Closing on the first healthy verdict (as the backtest once did) would open a second alert at hour 57.
        assertThat(alerts).extracting(a -> a.bucketStart() + " " + a.check() + " " + a.told())
                .containsExactly(FIRST + " volume true");
    }

    @Test
    void theDaemonsDefaultResolvesAfterTwoHealthyHoursSoTheSecondShortHourIsASecondAlert(@TempDir Path dir)
            throws IOException {
        List<BacktestAlert> alerts = backtest(load(dir, volume(""), ""));

        assertThat(alerts).extracting(a -> a.bucketStart() + " " + a.check())
                .containsExactly(FIRST + " volume", SECOND + " volume");
    }

    @Test
    void aVolumeAlertOpeningWhileFreshnessFailsIsReportedAsInhibited(@TempDir Path dir) throws IOException {
        String freshness = """
                      - name: freshness
                        type: freshness
                        max_event_age: 30m
                """;
        String routing = """
                routing:
                  inhibit_rules:
                    - source_matchers: ['kind="freshness"']
                      target_matchers: ['kind="volume"']
                      equal: [dataset]
                """;
        List<BacktestAlert> alerts = new ArrayList<>();
        Backtest.Summary summary = new Backtest(dsl, QueryGuardrails.of(Duration.ofMinutes(1)), Duration.ofDays(7))
                .run(load(dir, volume("resolve_after: 3") + freshness, routing).spec(), FROM, TO,
                        Duration.ofHours(1), alerts::add);

        BacktestAlert volume = alerts.stream().filter(a -> a.check().equals("volume")).findFirst().orElseThrow();
        BacktestAlert fresh = alerts.stream().filter(a -> a.check().equals("freshness")).findFirst().orElseThrow();
        assertThat(volume.openedAt()).isEqualTo(fresh.openedAt()).isEqualTo(FIRST.plus(Duration.ofHours(1)));
        assertThat(volume.told()).isFalse();
        assertThat(volume.inhibitedBy()).isEqualTo(
                "inhibit_rules[0]: {check=\"freshness\", dataset=\"bti_events\", kind=\"freshness\"} is firing");
        assertThat(volume.toJson()).contains("\"inhibited_by\":\"inhibit_rules[0]: ");
        assertThat(fresh.told()).isTrue();
        assertThat(fresh.toJson()).contains("\"inhibited_by\":null");
        assertThat(summary.inhibitedByCheck()).containsEntry("bti_events/volume", 1);
        assertThat(summary.inhibited()).isEqualTo(1);
        // Only told alerts start notification groups: each freshness opening starts one, the volume one none.
        assertThat(summary.groups()).isEqualTo(alerts.stream().filter(BacktestAlert::told).count());
    }

    private List<BacktestAlert> backtest(LoadResult checks) {
        List<BacktestAlert> alerts = new ArrayList<>();
        Backtest.Summary summary = new Backtest(dsl, QueryGuardrails.of(Duration.ofMinutes(1)), Duration.ofDays(7))
                .run(checks.spec(), FROM, TO, Duration.ofHours(1), alerts::add);
        assertThat(summary.alerts()).isEqualTo(alerts.size());
        assertThat(summary.inhibited()).isZero();
        return alerts;
    }

    /** A static volume check (fails under 10 rows an hour) with {@code extra} as one more key. */
    private static String volume(String extra) {
        return """
                      - name: volume
                        type: volume
                        anomaly: false
                        fail: {min: 10}
                """ + (extra.isEmpty() ? "" : "        " + extra + "\n");
    }

    private static LoadResult load(Path dir, String checks, String routing) throws IOException {
        Files.writeString(dir.resolve("checks.yaml"), """
                teams:
                  - name: growth
                    slack_channel: "#growth"
                    datasets: [bti_events]
                datasets:
                  - name: bti_events
                    table: bti.events
                    event_time: event_time
                    ingestion_time: ingested_at
                    interval: 1h
                    late_buckets: 1
                    backfill: 1d
                    checks:
                """ + checks + routing);
        LoadResult loaded = ConfigLoader.load(dir, dir.resolve("runbooks"));
        assertThat(loaded.errors()).isEmpty();
        return loaded;
    }
}
