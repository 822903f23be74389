package dev.trackwatch.embedded;

import dev.trackwatch.bench.ChildProcess;
import com.clickhouse.client.api.internal.CompressedBlockInputStream;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The protocol half of the ClickHouse compatibility suite: how the server reports errors (error
 * codes the official driver surfaces as {@link SQLException}s), how per-connection server
 * settings, timeouts and credentials behave, that concurrent clients stay isolated, that a large
 * result streams instead of being buffered, and the raw HTTP interface (ping, parameters,
 * compressed responses). Subclasses name the server; every test holds against a real ClickHouse.
 */
abstract class ClickHouseProtocolSuite extends ClickHouseSuiteSupport {

    @Test
    void unknownTableIsErrorCode60WithClickHouseText() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            String missing = "compat_missing_" + UUID.randomUUID().toString().replace("-", "");
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM " + missing))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(60);
                        assertThat(e.getMessage()).contains("Unknown table", "UNKNOWN_TABLE", missing);
                    });
            try (ResultSet rs = s.executeQuery("SELECT 'still usable'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still usable");
            }
        }
    }

    @Test
    void readonlyConnectionRejectsInsertWith164AndTheSettingDoesNotLeak() throws Exception {
        String table = createTable("readonly", "(id UInt32) ENGINE = MergeTree ORDER BY id");
        // jdbc-v2 sends every clickhouse_setting_<name> property as a server setting on each request.
        try (Connection readonly = connect(Map.of("clickhouse_setting_readonly", "1"));
             Statement s = readonly.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO " + table + " VALUES (1)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(164);
                        assertThat(e.getMessage()).contains("readonly");
                    });
            assertThat(queryRow(s, "SELECT count(), getSetting('readonly') FROM " + table)).containsExactly("0", "1");
        }
        try (Connection normal = connect(); Statement s = normal.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO " + table + " VALUES (2)")).isEqualTo(1);
            assertThat(queryRow(s, "SELECT count(), getSetting('readonly') FROM " + table)).containsExactly("1", "0");
        }
    }

    @Test
    void queryTimeoutIsCode159AndTheNextQueryOnTheConnectionIsClean() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // jdbc-v2 turns the timeout into max_execution_time=1; the server stops the query and answers 159,
            // which the driver raises as SQLTimeoutException with the server's exception as its cause.
            s.setQueryTimeout(1);
            // 100 blocks of one row, 100 ms each: 10 s unless the server enforces the limit between blocks.
            assertThatThrownBy(() -> s.executeQuery(
                    "SELECT sleepEachRow(0.1) FROM numbers(100) SETTINGS max_block_size = 1"))
                    .isInstanceOf(SQLTimeoutException.class)
                    .satisfies(e -> assertThat(clickHouseCode(e)).as("ClickHouse code of %s", e).isEqualTo(159));
            s.setQueryTimeout(0);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT number, repeat('z', toUInt32(number)) FROM numbers(4)")) {
                while (rs.next()) {
                    rows.add(rs.getLong(1) + ":" + rs.getString(2));
                }
            }
            assertThat(rows).containsExactly("0:", "1:z", "2:zz", "3:zzz");
        }
    }

    @Test
    void wrongPasswordIsCode516() {
        Map<String, String> wrong = Map.of("password", "wrong-" + UUID.randomUUID());
        assertThatThrownBy(() -> {
            try (Connection c = connect(wrong); Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1").close();
            }
        }).isInstanceOfSatisfying(SQLException.class, e -> assertThat(clickHouseCode(e)).isEqualTo(516));
    }

    @Test
    void concurrentClientsAlwaysSeeTheirOwnSettingsAndRows() throws Exception {
        int clients = 4;
        int rounds = 20;
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            tables.add(createTable("client" + i, "(client UInt8, round UInt32) ENGINE = MergeTree ORDER BY round"));
        }
        CyclicBarrier everyRound = new CyclicBarrier(clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                done.add(pool.submit(() -> runClient(client, tables.get(client), rounds, everyRound)));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get(90, TimeUnit.SECONDS)).isEqualTo(rounds);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(queryRow("SELECT getSetting('log_comment')"))
                .as("per-connection settings must not leak into other connections").containsExactly("");
    }

    private int runClient(int client, String table, int rounds, CyclicBarrier everyRound) throws Exception {
        Map<String, String> settings = Map.of("clickhouse_setting_max_threads", Integer.toString(client + 1),
                "clickhouse_setting_log_comment", "client-" + client);
        try (Connection c = connect(settings);
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)");
             Statement s = c.createStatement()) {
            for (int round = 0; round < rounds; round++) {
                everyRound.await(60, TimeUnit.SECONDS);
                insert.setInt(1, client);
                insert.setInt(2, round);
                assertThat(insert.executeUpdate()).isEqualTo(1);
                assertThat(queryRow(s, "SELECT getSetting('max_threads'), getSetting('log_comment'), count(),"
                        + " min(client), max(client), max(round) FROM " + table))
                        .as("client %d, round %d", client, round)
                        .containsExactly(Integer.toString(client + 1), "client-" + client, Integer.toString(round + 1),
                                Integer.toString(client), Integer.toString(client), Integer.toString(round));
            }
            return rounds;
        } catch (Exception | AssertionError e) {
            everyRound.reset(); // release the other clients at once instead of at the barrier's timeout
            throw e;
        }
    }

    @Test
    void millionRowResultStreamsThroughA48MegabyteClient() throws Exception {
        // ~95 MB of RowBinary: the child could not hold it, so the driver must stream it.
        try (ChildProcess child = ChildProcess.start(List.of("-Xmx48m", "-XX:+UseSerialGC"),
                StreamingClientMain.class.getName(), jdbcUrl())) {
            assertThat(child.awaitExit(Duration.ofSeconds(90))).as(child.output()).isZero();
            assertThat(child.output()).contains(StreamingClientMain.expectedSummary());
        }
    }

    @Test
    void summaryHeaderCountsRowsReadFromStorageNotResultRows() throws Exception {
        HttpResponse<byte[]> response = http("", null, "query", "SELECT sum(number) FROM numbers(1000000)");

        assertThat(text(response).strip()).isEqualTo("499999500000");
        // Cost accounting relies on this: one result row, a million rows read.
        assertThat(response.headers().firstValue("X-ClickHouse-Summary").orElseThrow())
                .contains("\"read_rows\":\"1000000\"");
    }

    @Test
    void pingAndVersionOverPlainHttp() throws Exception {
        HttpResponse<byte[]> ping = http("ping", null);
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(text(ping)).isEqualTo("Ok.\n");
        HttpResponse<byte[]> version = http("", null, "query", "SELECT version()");
        assertThat(version.statusCode()).as(text(version)).isEqualTo(200);
        assertThat(text(version)).matches("\\d+\\.\\d+\\.\\d+\\.\\d+\n")
                .isEqualTo(queryRow("SELECT version()").getFirst() + "\n");
    }

    @Test
    void queryParametersAreBoundFromParamUrlArguments() throws Exception {
        // Parameter values are read in TabSeparated escaping, so a newline is sent as backslash-n.
        HttpResponse<byte[]> sum = http("", null, "query", "SELECT {x:UInt32} + 1, length({s:String}), {s:String}",
                "param_x", "41", "param_s", "blank\\n\\nline");
        assertThat(sum.statusCode()).as(text(sum)).isEqualTo(200);
        assertThat(text(sum)).isEqualTo("42\t11\tblank\\n\\nline\n");
    }

    @Test
    void setAndUseStatementsDoNotOutliveTheirRequest() throws Exception {
        // Without a session_id every HTTP request starts from the user's own settings and database.
        String query = "SELECT getSetting('log_comment'), currentDatabase()";
        String before = text(http("", query));
        HttpResponse<byte[]> set = http("", "SET log_comment = 'set by an earlier request', max_threads = 1");
        assertThat(set.statusCode()).as(text(set)).isEqualTo(200);
        assertThat(set.body()).isEmpty();
        HttpResponse<byte[]> use = http("", "USE system");
        assertThat(use.statusCode()).as(text(use)).isEqualTo(200);
        assertThat(text(http("", query))).isEqualTo(before).doesNotContain("earlier request").doesNotContain("system");
        HttpResponse<byte[]> unknown = http("", "SET compat_no_such_setting_x = 1");
        assertThat(unknown.statusCode()).isNotEqualTo(200);
        assertThat(unknown.headers().firstValue("X-ClickHouse-Exception-Code")).contains("115");
    }

    @Test
    void compressedResponseIsFramedInChecksummedLz4Blocks() throws Exception {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 300_000; i++) {
            expected.append(i).append('\n');
        }
        HttpResponse<byte[]> response = http("", null, "query", "SELECT number FROM numbers(300000)",
                "compress", "1", "database", database());
        assertThat(response.statusCode()).isEqualTo(200);
        byte[] body = response.body();
        // Block = 16-byte CityHash128 checksum, method byte (0x82 = LZ4), compressed and raw sizes, payload.
        assertThat(body[16]).isEqualTo((byte) 0x82);
        assertThat(new String(decompress(body), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(expected.toString());
        // The decoder checks every checksum: one flipped payload bit must be detected.
        byte[] corrupted = body.clone();
        corrupted[30] ^= 0x01;
        assertThatThrownBy(() -> decompress(corrupted)).hasMessageContaining("checksum");
    }

    private static byte[] decompress(byte[] framed) throws IOException {
        try (InputStream in = new CompressedBlockInputStream(new ByteArrayInputStream(framed),
                LZ4Factory.fastestInstance().fastDecompressor(), 1 << 20)) {
            return in.readAllBytes();
        }
    }
}
