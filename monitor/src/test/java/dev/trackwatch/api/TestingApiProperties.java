package dev.trackwatch.api;

import dev.trackwatch.embedded.TestingClickHouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * The properties of a daemon under API test: the embedded ClickHouse, the repo's checks, an
 * outbox of its own, a state database of its own (so each test class's data is its own), a token.
 */
final class TestingApiProperties {

    private TestingApiProperties() {
    }

    static Map<String, String> daemon(String name, String database, String token) {
        String outbox;
        try {
            outbox = Files.createTempDirectory(name + "-").resolve("outbox.jsonl").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "trackwatch.run.scheduler-enabled", "true",
                "trackwatch.notify.outbox", outbox,
                "trackwatch.clickhouse.embedded.enabled", "true",
                "trackwatch.clickhouse.embedded.data-dir", TestingClickHouse.embeddedDataDir().toString(),
                "trackwatch.run.checks-dir", "../checks",
                "trackwatch.state.database", database,
                "trackwatch.api.token", token);
    }
}
