package dev.trackwatch.embedded;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * The ClickHouse compatibility suite: the official JDBC driver (jdbc-v2) and jOOQ used the way
 * Trackwatch uses them, against the server named by {@link #jdbcUrl()}. It proves that values of
 * the column types Trackwatch stores survive a round trip exactly, that bulk inserts through both
 * of the driver's insert paths (SQL VALUES text and RowBinary) keep every byte, and that jOOQ's
 * ClickHouse dialect works with bound values; {@link ClickHouseProtocolSuite} adds errors,
 * settings, sessions and the raw HTTP interface. Each test works in its own uniquely named tables,
 * so the suite can run against a shared or external server.
 */
abstract class ClickHouseCompatibilitySuite extends ClickHouseProtocolSuite {

    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    @Test
    void preparedStatementRoundTripsEveryColumnType() throws Exception {
        String table = createTable("types", """
                (id UInt32, ts DateTime64(3, 'UTC'), page LowCardinality(String), n Nullable(Int64),
                 note Nullable(String), tags Array(String), counters Map(String, UInt64), doc JSON, uid UUID,
                 amount Decimal(18, 4), level Enum8('debug' = 1, 'info' = 2, 'warn' = 3))
                ENGINE = MergeTree ORDER BY id""");
        Instant first = Instant.parse("2024-02-29T23:59:59.987Z");
        Instant second = Instant.parse("1999-12-31T00:00:00.001Z");
        UUID uid = UUID.fromString("0b6f8a3e-1c7d-4e2a-9f00-5a4b3c2d1e0f");
        String insert = "INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setInt(1, 1);
            ps.setObject(2, first);
            ps.setString(3, "/checkout");
            ps.setLong(4, -9_007_199_254_740_993L);
            ps.setString(5, "it's \"quoted\",\n\nmulti-line \\ text");
            ps.setObject(6, new String[] {"a", "b,c", "", "d'e", "f\n\ng"});
            ps.setObject(7, new LinkedHashMap<>(Map.of("views", 3L, "max_u32_plus", 4_294_967_296L)));
            // JSON goes in as its text: setString sends a string literal that ClickHouse parses into the
            // JSON column, whereas setObject(Map) would send a Map literal, which a JSON column rejects.
            ps.setString(8, "{\"user\":{\"id\":42,\"plan\":\"pro\"},\"tags\":[\"x\",\"y\"]}");
            ps.setObject(9, uid);
            ps.setBigDecimal(10, new BigDecimal("-12345678901234.5678"));
            ps.setString(11, "warn");
            ps.addBatch();
            ps.setInt(1, 2);
            ps.setTimestamp(2, Timestamp.from(second), utc());
            ps.setString(3, "/checkout");
            ps.setNull(4, Types.BIGINT);
            ps.setNull(5, Types.VARCHAR);
            ps.setObject(6, new String[0]);
            ps.setObject(7, Map.of());
            ps.setString(8, "{}");
            ps.setObject(9, new UUID(0, 0));
            ps.setBigDecimal(10, new BigDecimal("0.0001"));
            ps.setString(11, "debug");
            ps.addBatch();
            assertThat(ps.executeBatch()).containsExactly(1, 1);
        }
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, ts, toUnixTimestamp64Milli(ts), page, n, note, tags, counters,"
                     + " doc, toString(doc), doc.user.id, uid, amount, level FROM " + table + " ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(2, Instant.class)).isEqualTo(first);
            assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).isEqualTo(first);
            assertThat(rs.getTimestamp(2, utc()).toInstant()).isEqualTo(first);
            assertThat(rs.getLong(3)).isEqualTo(first.toEpochMilli());
            assertThat(rs.getString(4)).isEqualTo("/checkout");
            assertThat(rs.getLong(5)).isEqualTo(-9_007_199_254_740_993L);
            assertThat(rs.getString(6)).isEqualTo("it's \"quoted\",\n\nmulti-line \\ text");
            assertThat((Object[]) rs.getArray(7).getArray()).containsExactly("a", "b,c", "", "d'e", "f\n\ng");
            assertThat(rs.getObject(8)).isEqualTo(Map.of("views", BigInteger.valueOf(3),
                    "max_u32_plus", BigInteger.valueOf(4_294_967_296L)));
            assertThat(rs.getObject(9)).asInstanceOf(MAP)
                    .containsEntry("user.id", 42L).containsEntry("user.plan", "pro").containsKey("tags");
            assertThat(rs.getString(10)).isEqualTo("{\"tags\":[\"x\",\"y\"],\"user\":{\"id\":42,\"plan\":\"pro\"}}");
            assertThat(rs.getLong(11)).isEqualTo(42L);
            assertThat(rs.getObject(12)).isEqualTo(uid);
            assertThat(rs.getBigDecimal(13)).isEqualByComparingTo("-12345678901234.5678");
            assertThat(rs.getString(14)).isEqualTo("warn");

            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(2, Instant.class)).isEqualTo(second);
            assertThat(rs.getLong(3)).isEqualTo(second.toEpochMilli());
            assertThat(rs.getObject(5)).isNull();
            assertThat(rs.getObject(6)).isNull();
            assertThat(rs.wasNull()).isTrue();
            assertThat((Object[]) rs.getArray(7).getArray()).isEmpty();
            assertThat(rs.getObject(8)).isEqualTo(Map.of());
            assertThat(rs.getString(10)).isEqualTo("{}");
            assertThat(rs.getObject(11)).isNull();
            assertThat(rs.getObject(12)).isEqualTo(new UUID(0, 0));
            assertThat(rs.getBigDecimal(13)).isEqualByComparingTo("0.0001");
            assertThat(rs.getString(14)).isEqualTo("debug");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void batchOf100kRowsAsSqlValuesKeepsBlankLinesAnd2570() throws Exception {
        String table = createTable("batch", BulkRows.DEFINITION);
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?)")) {
            // The driver inlines all rows into one INSERT ... VALUES statement sent as the request body.
            assertThat(ps.getClass().getSimpleName()).isEqualTo("PreparedStatementImpl");
            assertThat(BulkRows.insert(ps)).hasSize(BulkRows.ROWS).containsOnly(1);
        }
        BulkRows.verify(this, table);
    }

    @Test
    void batchOf100kRowsAsRowBinaryKeepsBlankLinesAnd2570() throws Exception {
        String table = createTable("rowbinary", BulkRows.DEFINITION);
        // jdbc-v2 0.11 sends a simple "INSERT INTO t VALUES (?, ...)" as INSERT ... FORMAT RowBinary with
        // binary rows in the body when this beta property is set; 2570 is then the bytes 0x0A 0x0A.
        try (Connection c = connect(Map.of("beta.row_binary_for_simple_insert", "true"));
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?)")) {
            assertThat(ps.getClass().getSimpleName()).isEqualTo("WriterStatementImpl");
            assertThat(BulkRows.insert(ps)).hasSize(BulkRows.ROWS).containsOnly(1);
        }
        BulkRows.verify(this, table);
    }

    @Test
    void jooqGroupsByHourBucketsWithBoundValues() throws Exception {
        String name = createTable("jooq", "(ts DateTime64(3, 'UTC'), kind LowCardinality(String)) "
                + "ENGINE = MergeTree ORDER BY ts");
        Table<?> events = DSL.table(DSL.name(name));
        Field<Timestamp> ts = DSL.field(DSL.name("ts"), SQLDataType.TIMESTAMP);
        Field<String> kind = DSL.field(DSL.name("kind"), SQLDataType.VARCHAR);
        Instant from = Instant.parse("2024-05-01T00:00:00Z");
        try (Connection c = connect()) {
            DSLContext ctx = DSL.using(c, SQLDialect.CLICKHOUSE);
            var insert = ctx.insertInto(events, ts, kind);
            for (String at : List.of("00:00:00.000", "00:10:00.000", "00:59:59.999", "02:00:00.000", "02:01:00.000",
                    "02:30:00.000", "02:45:00.000", "02:59:59.999", "03:15:00.000", "03:30:00.000", "04:00:00.000")) {
                insert = insert.values(Timestamp.from(Instant.parse("2024-05-01T" + at + "Z")), "checkout");
            }
            insert = insert.values(Timestamp.from(Instant.parse("2024-05-01T00:30:00Z")), "refund")
                    .values(Timestamp.from(Instant.parse("2024-05-01T02:30:00Z")), "refund")
                    .values(Timestamp.from(Instant.parse("2024-04-30T23:59:59.999Z")), "checkout");
            assertThat(insert.execute()).isEqualTo(14);

            Field<Timestamp> hour = DSL.field("toStartOfInterval({0}, INTERVAL {1} HOUR)", SQLDataType.TIMESTAMP,
                    ts, DSL.val(1));
            Field<Long> bucket = DSL.function("toUnixTimestamp", SQLDataType.BIGINT, hour).as("bucket");
            var result = ctx.select(bucket, DSL.count().as("n"))
                    .from(events)
                    .where(kind.eq(DSL.val("checkout")))
                    .and(ts.ge(DSL.val(Timestamp.from(from))))
                    .and(ts.lt(DSL.val(Timestamp.from(from.plusSeconds(4 * 3600)))))
                    .groupBy(DSL.field(DSL.name("bucket")))
                    .orderBy(DSL.field(DSL.name("bucket")))
                    .fetch();
            Map<Long, Integer> counts = new LinkedHashMap<>();
            result.forEach(r -> counts.put(r.value1(), r.value2()));
            long h = from.getEpochSecond();
            assertThat(counts).containsExactly(Map.entry(h, 3), Map.entry(h + 2 * 3600, 5), Map.entry(h + 3 * 3600, 2));
        }
    }

    @Test
    void insertWithInlineValuesKeepsBlankLinesInsideStringLiterals() throws Exception {
        String table = createTable("blank", "(id UInt32, s String) ENGINE = MergeTree ORDER BY id");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // Real newlines inside the literals: the statement text itself contains "\n\n".
            assertThat(s.executeUpdate("INSERT INTO " + table + " VALUES (1, 'a\n\nb'), (2, '\n\n')")).isEqualTo(2);
        }
        HttpResponse<byte[]> inBody = http("", "INSERT INTO " + table + " VALUES (3, 'c\n\n\nd')",
                "database", database());
        assertThat(inBody.statusCode()).as(text(inBody)).isEqualTo(200);
        HttpResponse<byte[]> split = http("", "(4, 'e\n\nf')\n\n", "query", "INSERT INTO " + table + " VALUES",
                "database", database());
        assertThat(split.statusCode()).as(text(split)).isEqualTo(200);
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT s FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        assertThat(values).containsExactly("a\n\nb", "\n\n", "c\n\n\nd", "e\n\nf");
    }
}
