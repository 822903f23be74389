package dev.trackwatch.watchdog;

import dev.trackwatch.notify.OutboxSink;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon with its ClickHouse unreachable from the start (a closed port): its runs fail to
 * connect, counted as {@code clickhouse_unreachable}, and the watchdog tells the platform team's
 * channel (the config's routing of a critical monitor fault of {@code platform}) through the
 * daemon's own sink, the outbox, exactly once, however many rounds follow.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchdogDaemonTest implements TestPropertyProvider {

    private Path outbox;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    WatchdogService watchdog;

    @Override
    public Map<String, String> getProperties() {
        try (ServerSocket socket = new ServerSocket(0)) {
            int closedPort = socket.getLocalPort();
            Path dir = Files.createTempDirectory("watchdog-daemon-");
            Path checks = Files.createDirectories(dir.resolve("checks"));
            Files.writeString(checks.resolve("teams.yaml"), """
                    teams:
                      - name: growth
                        slack_channel: "#growth"
                      - name: platform
                        slack_channel: "#data-platform"
                    """);
            Files.writeString(checks.resolve("events.yaml"), """
                    datasets:
                      - name: unreachable_events
                        table: nowhere.events
                        event_time: event_time
                        owner: growth
                        interval: 30s
                        checks:
                          - name: volume
                            type: volume
                            anomaly: false
                    """);
            outbox = dir.resolve("outbox.jsonl");
            return Map.of(
                    "trackwatch.clickhouse.url", "jdbc:clickhouse://127.0.0.1:" + closedPort + "/default",
                    "trackwatch.clickhouse.connect-timeout", "1s",
                    "trackwatch.run.scheduler-enabled", "true",
                    "trackwatch.run.checks-dir", checks.toString(),
                    "trackwatch.notify.outbox", outbox.toString(),
                    "trackwatch.watchdog.clickhouse-down-after", "3s",
                    "trackwatch.watchdog.probe-interval", "1s",
                    "trackwatch.clickhouse.health-interval", "1s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anUnreachableClickHouseIsToldToThePlatformChannelOnce() throws Exception {
        String failed = "trackwatch_runs_failed_total{dataset=\"unreachable_events\",reason=\"clickhouse_unreachable\"}";
        List<String> told = List.of();
        String metrics = "";
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            told = new OutboxSink(outbox).lines();
            metrics = http.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class);
            if (!told.isEmpty() && metrics.contains(failed)) {
                break;
            }
            Thread.sleep(200); // polling interval of a wait with a deadline, not synchronisation
        }
        watchdog.check();
        watchdog.check();

        assertThat(told).singleElement().asString().contains("\"type\":\"firing\"", "\"receiver\":\"platform\"",
                "\"channel\":\"#data-platform\"", "Trackwatch cannot reach ClickHouse");
        assertThat(new OutboxSink(outbox).lines()).as("more rounds tell nothing more").isEqualTo(told);
        assertThat(metrics).contains(failed, "trackwatch_clickhouse_reachable 0.0", "trackwatch_watchdog_alert_firing 1.0");
    }
}
