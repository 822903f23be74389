package dev.trackwatch.clickhouse;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
 * With ClickHouse unreachable the service still starts, and /health answers 503 with ClickHouse
 * DOWN and the reason, never leaking the configured password.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceWithUnreachableClickHouseTest implements TestPropertyProvider {

    private static final String PASSWORD = "s3cret-never-shown";

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "trackwatch.clickhouse.url", "jdbc:clickhouse://127.0.0.1:" + closedPort + "/default",
                "trackwatch.clickhouse.password", PASSWORD,
                "trackwatch.clickhouse.connect-timeout", "2s");
    }

    @Test
    void healthIsDownWithTheReason() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/health"), String.class));

        HttpResponse<?> response = e.getResponse();
        assertThat(response.code()).isEqualTo(503);
        String body = response.getBody(String.class).orElseThrow();
        assertThat(body).containsPattern("\"clickhouse\":\\{[^}]*\"status\":\"DOWN\"");
        assertThat(body).doesNotContain(PASSWORD);
    }
}
