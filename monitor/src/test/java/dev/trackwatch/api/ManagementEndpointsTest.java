package dev.trackwatch.api;

import dev.trackwatch.embedded.TestingClickHouse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Of Micronaut's management endpoints only {@code /health} and {@code /prometheus} answer anonymous
 * requests; {@code /beans}, {@code /routes}, {@code /threaddump}, {@code /refresh} and the rest
 * would tell an attacker the daemon's insides (or restart its beans) and are off.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementEndpointsTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "trackwatch.clickhouse.embedded.enabled", "true",
                "trackwatch.clickhouse.embedded.data-dir", TestingClickHouse.embeddedDataDir().toString(),
                "trackwatch.run.scheduler-enabled", "false",
                // An operator switching one back on still gets it sensitive: refused to anonymous requests.
                "endpoints.beans.enabled", "true");
    }

    @Test
    void onlyHealthAndPrometheusAreOpen() {
        List<HttpRequest<?>> closed = List.of(HttpRequest.GET("/beans"), HttpRequest.GET("/routes"),
                HttpRequest.GET("/threaddump"), HttpRequest.POST("/refresh", "{}"), HttpRequest.GET("/loggers"),
                HttpRequest.GET("/env"), HttpRequest.GET("/info"), HttpRequest.POST("/stop", "{}"));
        for (HttpRequest<?> request : closed) {
            HttpClientResponseException refused = catchThrowableOfType(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(request, String.class));
            assertThat(refused).as(request.getMethod() + " " + request.getPath()).isNotNull();
            assertThat(refused.code()).as(request.getMethod() + " " + request.getPath()).isIn(401, 403, 404);
        }

        assertThat(catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.GET("/beans"), String.class)).code()).as("enabled but sensitive").isEqualTo(401);
        assertThat(http.toBlocking().exchange(HttpRequest.GET("/health"), String.class).code()).isEqualTo(200);
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class)).contains("jvm_");
    }
}
