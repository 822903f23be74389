package dev.trackwatch.embedded;

import org.junit.jupiter.api.Test;

import java.sql.*;
import java.util.Properties;

class DriverSmokeTest {
    @Test
    void smoke() throws Exception {
        var server = TestingClickHouse.embedded();
        try (Connection c = TestingClickHouse.connect(server.jdbcUrl("default"), new Properties());
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version(), now64(3), toLowCardinality('x')")) {
                rs.next();
                System.out.println("V=" + rs.getString(1) + " " + rs.getTimestamp(2) + " " + rs.getString(3));
            }
            s.execute("CREATE TABLE IF NOT EXISTS smoke (a UInt32, s String) ENGINE=MergeTree ORDER BY a");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO smoke VALUES (?, ?)")) {
                for (int i = 0; i < 3000; i++) { ps.setInt(1, i); ps.setString(2, "v\n\n" + i); ps.addBatch(); }
                int[] counts = ps.executeBatch();
                System.out.println("counts=" + counts.length + " first=" + counts[0]);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(), sum(length(s)) FROM smoke")) { rs.next(); System.out.println("count=" + rs.getLong(1) + " " + rs.getLong(2)); }
        }
    }
}
