package dev.trackwatch.api;

import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.notify.RunningConfig;
import dev.trackwatch.schedule.ChecksHolder;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * POST /api/reload validates the checks tree before swapping it in: a broken tree is rejected with
 * its located errors and the last good config keeps running; the reload metrics say so, and the
 * alert stages hear of each outcome by event.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReloadTest implements TestPropertyProvider {

    private static final String TOKEN = "reload-test-token";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ChecksHolder checks;

    /** The alert stages' view of the config, which hears of reloads by event only. */
    @Inject
    RunningConfig alerts;

    private Path checksDir;

    @Override
    public Map<String, String> getProperties() {
        try {
            checksDir = Files.createTempDirectory("reload-checks-");
            copyTree(Path.of("../checks"), checksDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "trackwatch.clickhouse.embedded.enabled", "true",
                "trackwatch.clickhouse.embedded.data-dir", TestingClickHouse.embeddedDataDir().toString(),
                "trackwatch.run.checks-dir", checksDir.toString(),
                "trackwatch.api.token", TOKEN);
    }

    @Test
    void brokenTreeIsRejectedWithLocatedErrorsAndTheLastGoodOneKeepsRunning() throws IOException {
        HttpResponse<String> first = http.toBlocking().exchange(HttpRequest.POST("/api/reload", "").bearerAuth(TOKEN), String.class);
        assertThat(first.code()).isEqualTo(200);
        String goodHash = checks.current().hash();

        Path datasets = checksDir.resolve("product_events.yaml");
        String original = Files.readString(datasets);
        Files.writeString(datasets, original.replace("bucket: 1h", "bucket: hourly"));
        HttpClientResponseException rejected = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/api/reload", "").bearerAuth(TOKEN), String.class));

        assertThat(rejected.getResponse().code()).isEqualTo(422);
        assertThat(rejected.getResponse().getBody(String.class).orElseThrow())
                .containsPattern("product_events\\.yaml:\\d+:\\d+: ")
                .contains("hourly");
        assertThat(checks.current().hash()).isEqualTo(goodHash);
        assertThat(metric("trackwatch_config_last_reload_successful")).isEqualTo("0.0");
        assertThat(alerts.current().hash()).isEqualTo(goodHash);
        assertThat(alerts.rejectedErrors()).singleElement().asString().contains("hourly");

        Files.writeString(datasets, original.replace("late_buckets: 3", "late_buckets: 4"));
        HttpResponse<String> fixed = http.toBlocking().exchange(HttpRequest.POST("/api/reload", "").bearerAuth(TOKEN), String.class);

        assertThat(fixed.code()).isEqualTo(200);
        assertThat(checks.current().hash()).isNotEqualTo(goodHash);
        assertThat(metric("trackwatch_config_last_reload_successful")).isEqualTo("1.0");
        assertThat(alerts.current().hash()).isEqualTo(checks.current().hash());
        assertThat(alerts.rejectedErrors()).isEmpty();
    }

    private String metric(String name) {
        String text = http.toBlocking().retrieve(HttpRequest.GET("/prometheus"));
        return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)).findFirst().orElseThrow();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
