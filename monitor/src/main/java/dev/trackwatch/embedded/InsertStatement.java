package dev.trackwatch.embedded;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * An INSERT split into its head ({@code INSERT INTO t (a, b) [SETTINGS ...]}), input format and
 * inline data, so the data can reach the engine through a file.
 *
 * <p>chDB silently truncates data written inline after {@code FORMAT x} at the first blank line
 * ({@code \n\n}), which binary formats hit constantly (the number 2570 is {@code 0x0A0A}). Every
 * insert with data is therefore rewritten to {@code INSERT ... FROM INFILE 'file' FORMAT x}.
 *
 * @param head the statement up to, not including, SETTINGS/VALUES/FORMAT
 * @param settingsClause a {@code SETTINGS ...} clause of the insert, or empty
 * @param format the input format, {@code Values} for a VALUES clause
 * @param inlineData bytes after the format name in the statement text itself (often empty)
 */
record InsertStatement(String head, String settingsClause, String format, byte[] inlineData) {

    private static final Set<String> DATA_START = Set.of("VALUES", "FORMAT");
    private static final Set<String> QUERY_START = Set.of("SELECT", "WITH", "FROM");

    /**
     * Splits {@code sql} if it is an INSERT that takes data; returns null for anything else,
     * including {@code INSERT ... SELECT} and {@code INSERT ... FROM INFILE}, which run as written.
     */
    static InsertStatement parse(String sql) {
        List<SqlScanner.Word> words = SqlScanner.topLevelWords(sql, DATA_START::contains);
        if (words.isEmpty() || !words.getFirst().upper().equals("INSERT")) {
            return null;
        }
        int settingsAt = -1;
        for (int k = 1; k < words.size(); k++) {
            SqlScanner.Word w = words.get(k);
            if (QUERY_START.contains(w.upper())) {
                return null;
            }
            if (w.upper().equals("SETTINGS") && settingsAt < 0) {
                settingsAt = w.start();
            }
            if (w.upper().equals("VALUES")) {
                return split(sql, settingsAt, w.start(), "Values", w.end());
            }
            if (w.upper().equals("FORMAT") && k + 1 < words.size()) {
                SqlScanner.Word name = words.get(k + 1);
                return split(sql, settingsAt, w.start(), sql.substring(name.start(), name.end()), skipSeparator(sql, name.end()));
            }
        }
        // INSERT INTO t with no format: ClickHouse's HTTP interface reads TabSeparated.
        return split(sql, settingsAt, sql.length(), "TabSeparated", sql.length());
    }

    private static InsertStatement split(String sql, int settingsAt, int clauseAt, String format, int dataAt) {
        int headEnd = settingsAt >= 0 ? settingsAt : clauseAt;
        String settings = settingsAt >= 0 ? sql.substring(settingsAt, clauseAt).strip() : "";
        byte[] data = sql.substring(Math.min(dataAt, sql.length())).getBytes(StandardCharsets.UTF_8);
        return new InsertStatement(sql.substring(0, headEnd).strip(), settings, format, data);
    }

    /** Data begins after the format name, its trailing blanks and at most one newline. */
    private static int skipSeparator(String sql, int i) {
        while (i < sql.length() && (sql.charAt(i) == ' ' || sql.charAt(i) == '\t' || sql.charAt(i) == '\r')) {
            i++;
        }
        if (i < sql.length() && sql.charAt(i) == '\n') {
            i++;
        }
        return i;
    }

    /** Returns true when the statement text itself carries data. */
    boolean hasInlineData() {
        for (byte b : inlineData) {
            if (!Character.isWhitespace(b)) {
                return true;
            }
        }
        return false;
    }

    /** Renders the statement that reads its data from {@code file}. */
    String fromInfile(String file) {
        return head + " FROM INFILE " + ChdbEngine.quote(file) + " COMPRESSION 'none'"
                + (settingsClause.isEmpty() ? "" : " " + settingsClause) + " FORMAT " + format;
    }
}
