package dev.trackwatch.bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.data.ClickHouseFormat;
import dev.trackwatch.embedded.ChdbEngine;
import dev.trackwatch.embedded.ChdbResult;
import dev.trackwatch.embedded.EmbeddedClickHouseServer;
import dev.trackwatch.embedded.EngineQuery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * Measures the embedded endpoint side by side in one run: insert throughput through the JDBC
 * driver's default batch path, through the client's RowBinary path and inside the engine
 * ({@code INSERT ... SELECT}), and the round trip of {@code SELECT 1} through the driver, raw
 * HTTP and a direct chDB call. It prints figures and ratios; it asserts nothing.
 */
public final class EmbeddedBenchmark {

    private final EmbeddedClickHouseServer server;
    private final PrintStream out;

    public EmbeddedBenchmark(EmbeddedClickHouseServer server, PrintStream out) {
        this.server = server;
        this.out = out;
    }

    /** Runs every measurement with {@code rows} rows per insert and {@code roundTrips} round trips. */
    public void run(int rows, int roundTrips) throws Exception {
        ChdbEngine engine = server.engine();
        engine.scalar("CREATE DATABASE IF NOT EXISTS bench");
        for (String t : new String[] {"jdbc_batch", "row_binary", "insert_select"}) {
            engine.scalar("DROP TABLE IF EXISTS bench." + t);
            engine.scalar("CREATE TABLE bench." + t + " (id UInt64, name String, ts DateTime64(3, 'UTC')) "
                    + "ENGINE = MergeTree ORDER BY id");
        }
        out.printf("embedded ClickHouse %s, %d rows per insert, %d round trips%n", engine.version(), rows, roundTrips);
        double batch = rate(rows, () -> jdbcBatchInsert(rows));
        double rowBinary = rate(rows, () -> rowBinaryInsert(rows));
        double insertSelect = rate(rows, () -> engine.scalar("INSERT INTO bench.insert_select SELECT number, "
                + "concat('name-', toString(number)), toDateTime64(1700000000 + number, 3, 'UTC') FROM numbers(" + rows + ")"));
        out.printf("insert, rows/s: JDBC batch %,.0f | RowBinary (client-v2) %,.0f | INSERT SELECT in engine %,.0f%n",
                batch, rowBinary, insertSelect);
        out.printf("insert ratios: RowBinary / JDBC batch = %.2fx, in-engine / RowBinary = %.2fx%n",
                rowBinary / batch, insertSelect / rowBinary);

        double driver = latencyMicros(roundTrips, driverSelectOne());
        double http = latencyMicros(roundTrips, httpSelectOne());
        double direct = latencyMicros(roundTrips, () -> {
            try (ChdbResult r = engine.execute(EngineQuery.of("SELECT 1", "TabSeparated"))) {
                r.length();
            }
        });
        out.printf("SELECT 1 round trip, mean us: JDBC driver %.0f | raw HTTP %.0f | direct chDB %.0f%n", driver, http, direct);
        out.printf("round-trip ratios: driver / direct = %.2fx, HTTP / direct = %.2fx%n", driver / direct, http / direct);
    }

    private void jdbcBatchInsert(int rows) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("default"), new Properties());
             PreparedStatement ps = c.prepareStatement("INSERT INTO bench.jdbc_batch (id, name, ts) VALUES (?, ?, ?)")) {
            for (int i = 0; i < rows; i++) {
                ps.setLong(1, i);
                ps.setString(2, "name-" + i);
                ps.setTimestamp(3, new java.sql.Timestamp(1_700_000_000_000L + i * 1000L));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void rowBinaryInsert(int rows) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows * 32);
        for (int i = 0; i < rows; i++) {
            writeLong(bytes, i);
            byte[] name = ("name-" + i).getBytes(StandardCharsets.UTF_8);
            bytes.write(name.length); // names are shorter than 128 bytes: a one-byte varint
            bytes.write(name);
            writeLong(bytes, 1_700_000_000_000L + i * 1000L);
        }
        try (Client client = new Client.Builder().addEndpoint(server.httpUri().toString()).setUsername("default")
                .setPassword("").build();
             InsertResponse response = client.insert("bench.row_binary", new ByteArrayInputStream(bytes.toByteArray()),
                     ClickHouseFormat.RowBinary).get()) {
            if (response.getWrittenRows() != rows) {
                throw new IllegalStateException("RowBinary insert wrote " + response.getWrittenRows() + " rows, not " + rows);
            }
        }
    }

    private Task driverSelectOne() throws Exception {
        Connection c = DriverManager.getConnection(server.jdbcUrl("default"), new Properties());
        Statement s = c.createStatement();
        return () -> {
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
        };
    }

    private Task httpSelectOne() {
        HttpClient http = HttpClient.newHttpClient();
        // POST with the statement as the body, as the driver sends it (a GET would add readonly=2).
        HttpRequest request = HttpRequest.newBuilder(server.httpUri())
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build();
        return () -> http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static double rate(int rows, Task task) throws Exception {
        long started = System.nanoTime();
        task.run();
        return rows / ((System.nanoTime() - started) / 1e9);
    }

    private static double latencyMicros(int n, Task task) throws Exception {
        for (int i = 0; i < Math.min(100, n); i++) {
            task.run(); // warm-up: JIT, connection pools
        }
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            task.run();
        }
        return (System.nanoTime() - started) / 1e3 / n;
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    @FunctionalInterface
    private interface Task {
        void run() throws Exception;
    }
}
