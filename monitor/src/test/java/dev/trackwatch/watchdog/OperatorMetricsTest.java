package dev.trackwatch.watchdog;

import dev.trackwatch.embedded.TestingClickHouse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator alerts on is at {@code /prometheus}, with the values the daemon's own runs
 * produce: a dataset whose run succeeded has its last-success time, one whose table is missing has
 * 0 there, a failed run counted under {@code table_missing} and its check among the open monitor
 * faults; the heartbeat moves, and the watchdog says ClickHouse is reachable.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorMetricsTest implements TestPropertyProvider {

    private static final String DB = "watchdog_metrics";
    private static final long STARTED = Instant.now().getEpochSecond();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        try (Connection c = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"), new Properties())) {
            DSLContext dsl = DSL.using(c, SQLDialect.CLICKHOUSE);
            dsl.execute("DROP DATABASE IF EXISTS " + DB);
            dsl.execute("DROP DATABASE IF EXISTS " + DB + "_state");
            dsl.execute("CREATE DATABASE " + DB);
            dsl.execute("CREATE TABLE " + DB + ".events (event_time DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY event_time");
            dsl.execute("INSERT INTO " + DB + ".events SELECT now64(3) - toIntervalSecond(number) FROM numbers(600)");
            Path dir = Files.createTempDirectory("operator-metrics-");
            Path checks = Files.createDirectories(dir.resolve("checks"));
            Files.writeString(checks.resolve("teams.yaml"), """
                    teams:
                      - name: growth
                        slack_channel: "#growth"
                      - name: platform
                        slack_channel: "#data-platform"
                    """);
            Files.writeString(checks.resolve("metrics.yaml"), """
                    datasets:
                      - name: metrics_ok
                        table: %1$s.events
                        event_time: event_time
                        owner: growth
                        bucket: 5m
                        interval: 30s
                        backfill: 1h
                        checks:
                          - name: volume
                            type: volume
                            anomaly: false
                      - name: metrics_missing
                        table: %1$s.missing
                        event_time: event_time
                        owner: growth
                        bucket: 5m
                        interval: 30s
                        backfill: 1h
                        checks:
                          - name: volume
                            type: volume
                            anomaly: false
                    """.formatted(DB));
            return Map.of(
                    "trackwatch.run.scheduler-enabled", "true",
                    "trackwatch.run.checks-dir", checks.toString(),
                    "trackwatch.notify.outbox", dir.resolve("outbox.jsonl").toString(),
                    "trackwatch.clickhouse.embedded.enabled", "true",
                    "trackwatch.clickhouse.embedded.data-dir", TestingClickHouse.embeddedDataDir().toString(),
                    "trackwatch.state.database", DB + "_state",
                    "trackwatch.watchdog.probe-interval", "1s",
                    "trackwatch.clickhouse.health-interval", "1s");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void dropTables() throws SQLException {
        try (Connection c = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"), new Properties())) {
            DSL.using(c, SQLDialect.CLICKHOUSE).execute("DROP DATABASE IF EXISTS " + DB);
        }
    }

    @Test
    void theRunsValuesAreExported() throws Exception {
        String failed = "trackwatch_runs_failed_total{dataset=\"metrics_missing\",reason=\"table_missing\"}";
        String okSuccess = "trackwatch_dataset_last_success_timestamp_seconds{dataset=\"metrics_ok\"}";
        String metrics = "";
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            metrics = http.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class);
            if (value(metrics, failed) != null && value(metrics, okSuccess) != null && value(metrics, okSuccess) > 0
                    && Double.valueOf(1.0).equals(value(metrics, "trackwatch_monitor_faults_open"))
                    // 0 until the watchdog's first probe has answered, which a busy machine may delay.
                    && Double.valueOf(1.0).equals(value(metrics, "trackwatch_clickhouse_reachable"))) {
                break;
            }
            Thread.sleep(200); // polling interval of a wait with a deadline, not synchronisation
        }

        assertThat(value(metrics, okSuccess)).as(okSuccess).isGreaterThanOrEqualTo((double) STARTED);
        assertThat(value(metrics, "trackwatch_dataset_last_success_timestamp_seconds{dataset=\"metrics_missing\"}"))
                .isEqualTo(0.0);
        assertThat(value(metrics, "trackwatch_dataset_interval_seconds{dataset=\"metrics_ok\"}")).isEqualTo(30.0);
        assertThat(value(metrics, failed)).as(failed).isGreaterThanOrEqualTo(1.0);
        assertThat(value(metrics, "trackwatch_monitor_faults_open")).isEqualTo(1.0);
        assertThat(value(metrics, "trackwatch_clickhouse_reachable")).isEqualTo(1.0);
        assertThat(value(metrics, "trackwatch_watchdog_alert_firing")).isEqualTo(0.0);
        assertThat(value(metrics, "trackwatch_heartbeat_total")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(metrics, "trackwatch_heartbeat_timestamp_seconds")).isGreaterThanOrEqualTo((double) STARTED);
    }

    /** The value of the series named exactly {@code series} (name and labels), or null. */
    private static Double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }
}
