package dev.trackwatch.embedded;

import dev.trackwatch.bench.ChildProcess;
import dev.trackwatch.cli.TrackwatchCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves, with real child processes running {@code trackwatch clickhouse}, what only the embedded
 * endpoint has to get right: its data directory survives a stop and a restart; a second process on
 * a directory that is in use (another child's, or this test JVM's own engine's) exits with a clear
 * message naming the holder instead of opening it; and {@code DROP ... SYNC}, which crashes chDB
 * itself, leaves the server running. The servers run in child JVMs because chDB allows one engine
 * per process, and so that a crash cannot take the test JVM with it. Children are always killed.
 */
class EmbeddedClickHouseProcessTest {

    private static final Pattern LISTENING =
            Pattern.compile("embedded ClickHouse (\\S+) listening on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final String IN_USE = "is in use by another process";
    /** What a JVM stopped by SIGTERM exits with once its shutdown hooks have run. */
    private static final int EXIT_AFTER_SIGTERM = 143;

    private static ChildProcess startServer(Path dataDir) {
        return ChildProcess.start(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), TrackwatchCli.class.getName(),
                "clickhouse", "--data", dataDir.toString(), "--port", "0");
    }

    private static String awaitJdbcUrl(ChildProcess server) throws InterruptedException {
        Matcher listening = server.awaitLine(LISTENING, STARTUP);
        assertThat(listening.group(1)).startsWith("26.");
        return "jdbc:clickhouse://127.0.0.1:" + listening.group(2) + "/default";
    }

    private static Connection connect(String url, Map<String, String> settings) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "default");
        properties.setProperty("password", "");
        // A crashed or hung engine must fail the test, not hang it.
        properties.setProperty("socket_timeout", "30000");
        properties.putAll(settings);
        return java.sql.DriverManager.getConnection(url, properties);
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void dataSurvivesAStopAndARestart(@TempDir Path dataDir) throws Exception {
        try (ChildProcess first = startServer(dataDir)) {
            try (Connection c = connect(awaitJdbcUrl(first), Map.of()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id UInt32, s String) ENGINE = MergeTree ORDER BY id");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO kept VALUES (?, ?)")) {
                    for (int id = 0; id < 1000; id++) {
                        ps.setInt(1, id);
                        ps.setString(2, "\n\n" + id);
                        ps.addBatch();
                    }
                    assertThat(ps.executeBatch()).hasSize(1000).containsOnly(1);
                }
            }
            assertThat(first.stop()).as(first.output()).isEqualTo(EXIT_AFTER_SIGTERM);
            assertThat(first.output()).doesNotContain("fatal error");
        }
        try (ChildProcess second = startServer(dataDir);
             Connection c = connect(awaitJdbcUrl(second), Map.of()); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT concat(toString(count()), '/', toString(sum(id)), '/',"
                    + " toString(countIf(s = concat('\\n\\n', toString(id))))) FROM kept"))
                    .isEqualTo("1000/499500/1000");
        }
    }

    /**
     * chDB is clickhouse-local inside: an INSERT appends whatever the process's stdin holds to its
     * own data, and blocks until stdin ends. A daemon's stdin (or surefire's command pipe) is not
     * data, so the engine must never read it.
     */
    @Test
    void anInsertNeverReadsTheProcessStdin(@TempDir Path dataDir) throws Exception {
        try (ChildProcess server = startServer(dataDir)) {
            // Written while the child JVM boots, so the bytes wait in the pipe when the engine
            // starts. A broken pipe means the child already let go of it, which is as good.
            try {
                server.stdin().write("(99)\n:not-data:\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                server.stdin().flush();
            } catch (java.io.IOException e) {
                assertThat(e).hasMessageContaining("Broken pipe");
            }
            String url = awaitJdbcUrl(server);
            try (Connection c = connect(url, Map.of()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE inserted (a UInt8) ENGINE = MergeTree ORDER BY a");
                s.execute("INSERT INTO inserted VALUES (1), (2)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO inserted (a) VALUES (?)")) {
                    ps.setInt(1, 3);
                    ps.execute();
                }
                assertThat(scalar(s, "SELECT groupArray(a) FROM (SELECT a FROM inserted ORDER BY a)"))
                        .isEqualTo("[1, 2, 3]");
            }
            assertThat(server.output()).doesNotContain("parsed from stdin");
        }
    }

    @Test
    void secondProcessOnADataDirectoryInUseIsRefused(@TempDir Path dataDir) throws Exception {
        try (ChildProcess first = startServer(dataDir)) {
            String url = awaitJdbcUrl(first);
            try (ChildProcess second = startServer(dataDir)) {
                assertThat(second.awaitExit(STARTUP)).as(second.output()).isNotZero();
                assertThat(second.output()).contains(IN_USE)
                        .contains(dataDir.toAbsolutePath().normalize().toString())
                        .contains("(pid " + first.pid() + ")");
            }
            try (Connection c = connect(url, Map.of()); Statement s = c.createStatement()) {
                assertThat(scalar(s, "SELECT 'first still serves'")).isEqualTo("first still serves");
            }
        }
    }

    @Test
    void theTestJvmsOwnDataDirectoryIsRefused() throws Exception {
        Path own = TestingClickHouse.embeddedDataDir();
        try (ChildProcess child = startServer(own)) {
            assertThat(child.awaitExit(STARTUP)).as(child.output()).isNotZero();
            assertThat(child.output()).contains(IN_USE).contains("(pid " + ProcessHandle.current().pid() + ")");
        }
        String parent = TestingClickHouse.embedded().jdbcUrl("default");
        try (Connection c = TestingClickHouse.connect(parent, new Properties()); Statement s = c.createStatement()) {
            assertThat(scalar(s, "SELECT 'parent unaffected'")).isEqualTo("parent unaffected");
        }
    }

    @Test
    void dropSyncLeavesTheServerRunning(@TempDir Path dataDir) throws Exception {
        try (ChildProcess server = startServer(dataDir)) {
            String url = awaitJdbcUrl(server);
            try (Connection c = connect(url, Map.of()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE dropped (a UInt8) ENGINE = MergeTree ORDER BY a");
                s.execute("INSERT INTO dropped VALUES (1)");
                s.execute("DROP TABLE dropped SYNC");
                s.execute("CREATE DATABASE scratch");
                s.execute("CREATE TABLE scratch.t (a UInt8) ENGINE = MergeTree ORDER BY a");
                s.execute("DROP DATABASE scratch SYNC");
                s.execute("CREATE TABLE dropped (a UInt8) ENGINE = MergeTree ORDER BY a");
            }
            // The setting that makes every DROP synchronous, sent by the driver as a server setting.
            try (Connection c = connect(url, Map.of(
                    "clickhouse_setting_database_atomic_wait_for_drop_and_detach_synchronously", "1"));
                 Statement s = c.createStatement()) {
                s.execute("DROP TABLE dropped");
                assertThat(scalar(s, "SELECT count() FROM system.tables WHERE name IN ('dropped', 't')"
                        + " AND database IN ('default', 'scratch')")).isEqualTo("0");
            }
            assertThat(server.output()).doesNotContain("fatal error");
        }
    }

    /**
     * State writes acknowledged just before the process is SIGKILLed are there after a restart: an
     * insert answers only once its part is written and renamed into place (see
     * docs/embedded-clickhouse.md), and a killed process leaves written files to the kernel.
     */
    @Test
    void acknowledgedStateWritesSurviveASigkill(@TempDir Path dataDir) throws Exception {
        java.util.List<java.util.UUID> runs = new java.util.ArrayList<>();
        java.time.Instant t0 = java.time.Instant.parse("2026-01-05T10:00:00Z");
        try (ChildProcess first = startServer(dataDir)) {
            try (Connection c = connect(awaitJdbcUrl(first), Map.of())) {
                var state = new dev.trackwatch.state.StateStore(
                        org.jooq.impl.DSL.using(c, org.jooq.SQLDialect.CLICKHOUSE));
                state.migrate();
                for (int i = 0; i < 5; i++) {
                    java.util.UUID id = java.util.UUID.randomUUID();
                    state.recordRun(new dev.trackwatch.state.CheckRun(id, "killed", t0, t0, t0, t0, i, "OK", 0, 0, 0,
                            "", "h"));
                    runs.add(id);
                }
                state.advanceWatermark("killed", t0, "h", t0);
            }
            first.kill();
        }
        try (ChildProcess second = startServer(dataDir);
             Connection c = connect(awaitJdbcUrl(second), Map.of()); Statement s = c.createStatement()) {
            var state = new dev.trackwatch.state.StateStore(org.jooq.impl.DSL.using(c, org.jooq.SQLDialect.CLICKHOUSE));
            assertThat(state.lastClosedBucket("killed")).contains(t0);
            assertThat(scalar(s, "SELECT count() FROM trackwatch.check_runs WHERE dataset = 'killed'"))
                    .isEqualTo(String.valueOf(runs.size()));
        }
    }
}
