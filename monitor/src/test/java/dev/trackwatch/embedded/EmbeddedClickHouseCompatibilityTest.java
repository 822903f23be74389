package dev.trackwatch.embedded;

import com.clickhouse.client.api.internal.CompressedBlockInputStream;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the whole ClickHouse compatibility suite against the embedded endpoint (chDB behind
 * Trackwatch's implementation of the ClickHouse HTTP interface), proving that the official driver
 * and jOOQ cannot tell it from a ClickHouse server. It adds checks that only make sense in
 * process: the engine is the pinned ClickHouse 26, a second endpoint on the same engine enforces
 * its own password, and the checksums of the compressed framing are the engine's own.
 */
class EmbeddedClickHouseCompatibilityTest extends ClickHouseCompatibilitySuite {

    @Override
    protected String jdbcUrl() {
        return TestingClickHouse.embedded().jdbcUrl("default");
    }

    @Test
    void engineIsClickHouse26() throws Exception {
        String version = text(http("", null, "query", "SELECT version()")).strip();
        assertThat(version).startsWith("26.").isEqualTo(TestingClickHouse.embedded().engine().version());
    }

    @Test
    void passwordProtectedEndpointAcceptsOnlyItsUserAndPassword() throws Exception {
        ChdbEngine engine = TestingClickHouse.embedded().engine();
        try (EmbeddedClickHouseServer secured = EmbeddedClickHouseServer.start(engine,
                new EmbeddedClickHouseServer.Options("127.0.0.1", 0, "default", "secret"))) {
            String url = secured.jdbcUrl("default");
            for (Map<String, String> wrong : java.util.List.of(Map.of("user", "default", "password", "wrong"),
                    Map.of("user", "default", "password", ""), Map.of("user", "intruder", "password", "secret"))) {
                assertThatThrownBy(() -> selectOne(url, wrong)).as("credentials %s", wrong)
                        .isInstanceOfSatisfying(SQLException.class, e -> {
                            assertThat(clickHouseCode(e)).isEqualTo(516);
                            assertThat(e.getMessage()).contains("Authentication failed");
                        });
            }
            assertThat(selectOne(url, Map.of("user", "default", "password", "secret"))).isEqualTo(1);
        }
    }

    private static int selectOne(String url, Map<String, String> credentials) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(credentials);
        try (Connection c = TestingClickHouse.connect(url, properties); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void driverVerifiesChecksumsTheEngineItselfWrote() throws Exception {
        // A MergeTree column file is a sequence of the same compressed blocks, checksummed by ClickHouse's
        // own code: the driver's decoder (which reads our compress=1 responses) must accept them.
        String table = createTable("bin",
                "(n UInt64) ENGINE = MergeTree ORDER BY n SETTINGS min_bytes_for_wide_part = 0");
        execute("INSERT INTO " + table + " SELECT number * 2570 FROM numbers(200000)");
        Path part = Path.of(queryRow("SELECT path FROM system.parts WHERE active AND table = '" + table + "'")
                .getFirst());
        byte[] decoded;
        try (InputStream in = new CompressedBlockInputStream(Files.newInputStream(part.resolve("n.bin")),
                LZ4Factory.fastestInstance().fastDecompressor(), 1 << 20)) {
            decoded = in.readAllBytes();
        }
        ByteBuffer values = ByteBuffer.wrap(decoded).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(values.remaining()).isEqualTo(200_000 * Long.BYTES);
        long wrong = 0;
        for (long i = 0; i < 200_000; i++) {
            wrong += values.getLong() == i * 2570 ? 0 : 1;
        }
        assertThat(wrong).isZero();
    }
}
