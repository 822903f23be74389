package dev.trackwatch.embedded;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * A client run in a child JVM with a heap far smaller than the result it reads: it selects one
 * million rows of about 95 bytes each through the official driver, checks every row and prints a
 * one-line summary. It can only finish if the driver streams the response, decoding it block by
 * block, instead of holding it. Usage: {@code StreamingClientMain <jdbc-url>}; credentials come
 * from the same environment variables the tests use.
 */
public final class StreamingClientMain {

    static final int ROWS = 1_000_000;
    private static final int PADDING = 80;

    private StreamingClientMain() {
    }

    public static void main(String[] args) throws Exception {
        long rows = 0;
        long sum = 0;
        long chars = 0;
        long mismatches = 0;
        try (Connection c = TestingClickHouse.connect(args[0], new Properties());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT number, toString(number) || repeat('x', " + PADDING
                     + ") FROM numbers(" + ROWS + ")")) {
            while (rs.next()) {
                long number = rs.getLong(1);
                String text = rs.getString(2);
                rows++;
                sum += number;
                chars += text.length();
                if (!text.startsWith(Long.toString(number)) || text.length() != digits(number) + PADDING) {
                    mismatches++;
                }
            }
        }
        System.out.println(summary(rows, sum, chars, mismatches) + " maxHeapMiB="
                + Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    /** Returns the summary a correct run prints. */
    static String expectedSummary() {
        long chars = 0;
        for (long n = 0; n < ROWS; n++) {
            chars += digits(n) + PADDING;
        }
        return summary(ROWS, (long) ROWS * (ROWS - 1) / 2, chars, 0);
    }

    private static String summary(long rows, long sum, long chars, long mismatches) {
        return "rows=" + rows + " sum=" + sum + " chars=" + chars + " mismatches=" + mismatches;
    }

    private static int digits(long n) {
        return Long.toString(n).length();
    }
}
