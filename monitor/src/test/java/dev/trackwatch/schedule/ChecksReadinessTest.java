package dev.trackwatch.schedule;

import dev.trackwatch.embedded.TestingClickHouse;
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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probes a Kubernetes chart points at: {@code /health/readiness} is DOWN until the first checks
 * tree has loaded (here the directory does not exist at start, as before git-sync's first checkout) and
 * ClickHouse has answered, then UP; {@code /health/liveness} is UP all along, since restarting the pod
 * fixes neither.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChecksReadinessTest implements TestPropertyProvider {

    private static final String TOKEN = "readiness-test-token";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    @Client("/")
    HttpClient http;

    private Path checksDir;

    @Override
    public Map<String, String> getProperties() {
        Path root;
        try {
            root = Files.createTempDirectory("readiness-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        checksDir = root.resolve("checks");
        return Map.of(
                "trackwatch.clickhouse.embedded.enabled", "true",
                "trackwatch.clickhouse.embedded.data-dir", TestingClickHouse.embeddedDataDir().toString(),
                "trackwatch.run.scheduler-enabled", "true",
                "trackwatch.run.checks-dir", checksDir.toString(),
                "trackwatch.run.reload-poll-interval", "1h",
                "trackwatch.state.database", "readiness_test",
                "trackwatch.notify.outbox", root.resolve("outbox.jsonl").toString(),
                "trackwatch.api.token", TOKEN);
    }

    @Test
    void readinessWaitsForTheFirstChecksTreeAndLivenessDoesNot() throws IOException {
        HttpResponse<String> before = get("/health/readiness");
        assertThat(before.code()).isEqualTo(503);
        assertThat(before.body()).containsPattern("\"checks\":\\{[^}]*\"status\":\"DOWN\"")
                .contains("no checks tree has loaded yet");
        assertThat(get("/health/liveness").code()).isEqualTo(200);

        copyTree(Path.of("../checks"), checksDir);
        assertThat(http.toBlocking().exchange(HttpRequest.POST("/api/reload", "").bearerAuth(TOKEN), String.class)
                .code()).isEqualTo(200);

        HttpResponse<String> after = awaitReady();
        assertThat(after.body()).containsPattern("\"checks\":\\{[^}]*\"status\":\"UP\"")
                .containsPattern("\"clickhouse\":\\{[^}]*\"status\":\"UP\"");
        assertThat(get("/health/liveness").code()).isEqualTo(200);
    }

    /** Polls readiness until it answers 200: the ClickHouse probe runs on its own schedule. */
    private HttpResponse<String> awaitReady() {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        HttpResponse<String> last = get("/health/readiness");
        while (last.code() != 200 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // poll interval
            last = get("/health/readiness");
        }
        assertThat(last.code()).as("readiness within %s: %s", DEADLINE, last.body()).isEqualTo(200);
        return last;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
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

    private HttpResponse<String> get(String path) {
        try {
            HttpResponse<String> r = http.toBlocking().exchange(HttpRequest.GET(path), String.class);
            return HttpResponse.<String>status(r.status()).body(r.getBody(String.class).orElse(""));
        } catch (HttpClientResponseException e) {
            return HttpResponse.<String>status(e.getStatus()).body(e.getResponse().getBody(String.class).orElse(""));
        }
    }
}
