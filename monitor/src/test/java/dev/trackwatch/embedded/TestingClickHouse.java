package dev.trackwatch.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The ClickHouse that tests run against. One embedded endpoint per test JVM (chDB allows one
 * engine per process), on a fresh data directory under {@code target/}, shared by every test
 * class; or, for the external suite, the server named by {@code TRACKWATCH_TEST_CLICKHOUSE_URL}.
 */
public final class TestingClickHouse {

    /** Environment variable naming an external ClickHouse, e.g. {@code jdbc:clickhouse://host:8123/default}. */
    public static final String EXTERNAL_URL_ENV = "TRACKWATCH_TEST_CLICKHOUSE_URL";

    private static EmbeddedClickHouseServer embedded;
    private static Path dataDir;

    private TestingClickHouse() {
    }

    /** Returns the shared embedded endpoint, starting it on first use. */
    public static synchronized EmbeddedClickHouseServer embedded() {
        if (embedded == null) {
            try {
                Path target = Path.of("target");
                Files.createDirectories(target);
                // chDB allows one engine per process: one a test opened first (validate's syntax check
                // opens a private one) is served rather than refused.
                java.util.Optional<ChdbEngine> running = ChdbEngine.current();
                dataDir = running.isPresent() ? running.get().dataDir()
                        : Files.createTempDirectory(target.toAbsolutePath(), "test-clickhouse-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            embedded = EmbeddedClickHouseServer.start(ChdbLocator.locate(null), dataDir,
                    EmbeddedClickHouseServer.Options.loopback(0));
        }
        return embedded;
    }

    /** Returns the data directory of the shared embedded engine. */
    public static synchronized Path embeddedDataDir() {
        embedded();
        return dataDir;
    }

    /** Returns the JDBC URL of the external ClickHouse, or null when none is configured. */
    public static String externalUrl() {
        String url = System.getenv(EXTERNAL_URL_ENV);
        return url == null || url.isBlank() ? null : url;
    }

    /** Opens a driver connection to {@code jdbcUrl} with the given extra properties. */
    public static Connection connect(String jdbcUrl, Properties extra) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", System.getenv().getOrDefault("TRACKWATCH_TEST_CLICKHOUSE_USER", "default"));
        properties.setProperty("password", System.getenv().getOrDefault("TRACKWATCH_TEST_CLICKHOUSE_PASSWORD", ""));
        properties.putAll(extra);
        return DriverManager.getConnection(jdbcUrl, properties);
    }
}
