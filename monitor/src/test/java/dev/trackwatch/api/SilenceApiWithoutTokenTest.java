package dev.trackwatch.api;

import dev.trackwatch.route.SilenceRequest;
import dev.trackwatch.route.SilenceView;
import dev.trackwatch.route.SilenceStore;
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
 * Without trackwatch.api.token the API reads but refuses every write (silences, incidents, reload),
 * saying how to configure a token.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SilenceApiWithoutTokenTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "trackwatch.clickhouse.embedded.enabled", "true",
                "trackwatch.clickhouse.embedded.data-dir", TestingClickHouse.embeddedDataDir().toString(),
                "trackwatch.run.scheduler-enabled", "false",
                "trackwatch.api.token", "");
    }

    @Test
    void writesAre403AndReadsWork() {
        HttpClientResponseException post = catchThrowableOfType(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(HttpRequest.POST("/api/silences", new SilenceRequest(List.of("check=\"x\""),
                        null, null, "1h", "ana", "x")).bearerAuth("anything"), String.class));
        HttpClientResponseException delete = catchThrowableOfType(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(HttpRequest.DELETE("/api/silences/x"), String.class));

        assertThat(post.code()).isEqualTo(403);
        assertThat(post.getResponse().getBody(String.class).orElseThrow()).isEqualTo("{\"error\":\"the API refuses "
                + "writes until a token is configured: set TRACKWATCH_API_TOKEN (trackwatch.api.token) on the daemon and "
                + "send Authorization: Bearer <token>\"}");
        assertThat(delete.code()).isEqualTo(403);
        assertThat(http.toBlocking().exchange(HttpRequest.GET("/api/silences"), String.class).code()).isEqualTo(200);
    }

    @Test
    void incidentAndReloadWritesAre403Too() {
        for (HttpRequest<?> write : List.of(
                HttpRequest.POST("/api/incidents/x/close", Map.of("by", "mallory", "reason", "false_positive")),
                HttpRequest.POST("/api/incidents/x/acknowledge", Map.of("by", "mallory")),
                HttpRequest.POST("/api/reload", ""),
                HttpRequest.PUT("/api/anything", ""))) {
            HttpClientResponseException refused = catchThrowableOfType(HttpClientResponseException.class, () ->
                    http.toBlocking().exchange(write, String.class));
            assertThat(refused.code()).as(write.getPath()).isEqualTo(403);
            assertThat(refused.getResponse().getBody(String.class).orElseThrow()).as(write.getPath())
                    .contains("the API refuses writes until a token is configured");
        }
    }
}
