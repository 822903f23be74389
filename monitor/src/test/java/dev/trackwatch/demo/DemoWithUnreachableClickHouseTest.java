package dev.trackwatch.demo;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The demo's event generator on a ClickHouse that cannot be reached at start: the daemon still
 * starts and reports ClickHouse DOWN (503), as plain {@code serve} does, and the generator keeps
 * retrying in the background instead of failing the start.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoWithUnreachableClickHouseTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DemoFeed feed;

    @Override
    public Map<String, String> getProperties() {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "trackwatch.demo.enabled", "true",
                "trackwatch.clickhouse.url", "jdbc:clickhouse://127.0.0.1:" + closedPort + "/default",
                "trackwatch.clickhouse.connect-timeout", "2s",
                "trackwatch.run.scheduler-enabled", "false");
    }

    @Test
    void theDaemonStartsReportsDownAndTheFeedWaitsToRetry() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/health"), String.class));

        assertThat(e.getResponse().code()).isEqualTo(503);
        assertThat(feed.ready()).isFalse();
        feed.tick(); // what the schedule does: another attempt, which fails again without throwing
        assertThat(feed.ready()).isFalse();
    }
}
