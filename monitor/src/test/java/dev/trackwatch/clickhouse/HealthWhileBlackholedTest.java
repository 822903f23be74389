package dev.trackwatch.clickhouse;

import dev.trackwatch.embedded.TestingClickHouse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service behind a proxy that black-holes ClickHouse: /health keeps answering from the
 * background probe (DOWN while traffic is dropped, UP again after), and /prometheus keeps
 * answering too. Every request must return: the HTTP client gives up after its read timeout,
 * shorter than the socket timeout a blocking health check would wait for.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthWhileBlackholedTest implements TestPropertyProvider {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String CLICKHOUSE_UP = "\"clickhouse\":\\{[^}]*\"status\":\"UP\"";
    private static final String CLICKHOUSE_DOWN = "\"clickhouse\":\\{[^}]*\"status\":\"DOWN\"";

    private BlackholeProxy proxy;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        try {
            proxy = BlackholeProxy.start(TestingClickHouse.embedded().port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "trackwatch.clickhouse.url", "jdbc:clickhouse://127.0.0.1:" + proxy.port() + "/default",
                "trackwatch.clickhouse.connect-timeout", "2s",
                "trackwatch.clickhouse.socket-timeout", "60s",
                "trackwatch.clickhouse.query-timeout", "50s",
                "trackwatch.clickhouse.health-interval", "1s",
                "trackwatch.clickhouse.health-timeout", "1s",
                "micronaut.http.client.read-timeout", "15s",
                "trackwatch.run.scheduler-enabled", "false");
    }

    @AfterAll
    void stopProxy() throws IOException {
        proxy.close();
    }

    @Test
    void healthAnswersFromTheLastProbeWhileClickHouseBlackholesAndRecovers() {
        awaitHealth(CLICKHOUSE_UP);

        proxy.blackhole(true);
        String down = awaitHealth(CLICKHOUSE_DOWN);
        assertThat(down).contains("\"error\"").contains("\"ageMillis\"");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/prometheus"))).as("/prometheus answers").contains("# TYPE jvm_");

        proxy.blackhole(false);
        String up = awaitHealth(CLICKHOUSE_UP);
        assertThat(up).contains("\"roundTripMillis\"").containsPattern("\"version\":\"26\\.\\d+");
    }

    /** Polls /health until its body matches {@code pattern}; every request must answer. */
    private String awaitHealth(String pattern) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = health();
            if (java.util.regex.Pattern.compile(pattern).matcher(body).find()) {
                return body;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // poll interval
        }
        assertThat(body).as("health within %s", DEADLINE).containsPattern(pattern);
        return body;
    }

    private String health() {
        try {
            return http.toBlocking().retrieve(HttpRequest.GET("/health"));
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(503);
            return e.getResponse().getBody(String.class).orElse("");
        }
    }
}
