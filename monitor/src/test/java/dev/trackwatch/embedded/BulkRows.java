package dev.trackwatch.embedded;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 100,000 rows the bulk-insert tests write and then check, chosen to break inserts that treat
 * a blank line as the end of the data: strings whose bytes contain {@code 0x0A 0x0A}, and the
 * number 2570 ({@code 0x0A0A}) in an Int32 and a UInt16 column, which RowBinary encodes as those
 * same bytes. Verification compares aggregates over every row (including a CRC-32 of every string,
 * which ClickHouse's {@code crc32} computes exactly like {@link CRC32}) and a few rows exactly.
 */
final class BulkRows {

    static final int ROWS = 100_000;
    static final String DEFINITION = "(id UInt32, i Int32, u UInt16, s String) ENGINE = MergeTree ORDER BY id";
    private static final String[] SPECIAL = {"\n\n", "a\n\nb", "\n\n\n\n", "\r\n\r\n", "tab\tand\\backslash",
        "quote ' and \" double", "ünïcødé ✓", "", "nul\0byte", "\n"};

    private BulkRows() {
    }

    static int i(int id) {
        return id % 7 == 0 ? 2570 : id - 50_000;
    }

    static int u(int id) {
        return id % 5 == 0 ? 2570 : id % 65_536;
    }

    static String s(int id) {
        return SPECIAL[id % SPECIAL.length] + (id % 3 == 0 ? "" : "#" + id);
    }

    /** Adds every row to the batch of {@code INSERT INTO t VALUES (?, ?, ?, ?)} and executes it. */
    static int[] insert(PreparedStatement ps) throws SQLException {
        for (int id = 0; id < ROWS; id++) {
            ps.setInt(1, id);
            ps.setInt(2, i(id));
            ps.setInt(3, u(id));
            ps.setString(4, s(id));
            ps.addBatch();
        }
        return ps.executeBatch();
    }

    /** Asserts that {@code table} holds exactly the rows {@link #insert} wrote. */
    static void verify(ClickHouseSuiteSupport suite, String table) throws SQLException {
        long sumI = 0;
        long sumU = 0;
        long bytes = 0;
        long blankLines = 0;
        long crcs = 0;
        long i2570 = 0;
        long u2570 = 0;
        for (int id = 0; id < ROWS; id++) {
            byte[] utf8 = s(id).getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(utf8);
            sumI += i(id);
            sumU += u(id);
            bytes += utf8.length;
            blankLines += s(id).contains("\n\n") ? 1 : 0;
            crcs += crc.getValue();
            i2570 += i(id) == 2570 ? 1 : 0;
            u2570 += u(id) == 2570 ? 1 : 0;
        }
        assertThat(suite.queryRow("SELECT count(), sum(i), sum(u), sum(length(s)), countIf(position(s, '\\n\\n') > 0),"
                + " sum(crc32(s)), countIf(i = 2570), countIf(u = 2570) FROM " + table))
                .containsExactly(Long.toString(ROWS), Long.toString(sumI), Long.toString(sumU), Long.toString(bytes),
                        Long.toString(blankLines), Long.toString(crcs), Long.toString(i2570), Long.toString(u2570));
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        String sample = "SELECT id, i, u, s FROM " + table + " WHERE id < 30 OR id >= " + (ROWS - 3) + " ORDER BY id";
        try (var c = suite.connect(); var st = c.createStatement(); var rs = st.executeQuery(sample)) {
            while (rs.next()) {
                int id = rs.getInt(1);
                actual.add(id + "|" + rs.getInt(2) + "|" + rs.getInt(3) + "|" + rs.getString(4));
            }
        }
        for (int id = 0; id < ROWS; id++) {
            if (id < 30 || id >= ROWS - 3) {
                expected.add(id + "|" + i(id) + "|" + u(id) + "|" + s(id));
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
