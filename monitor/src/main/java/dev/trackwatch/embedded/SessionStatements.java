package dev.trackwatch.embedded;

import java.util.List;
import java.util.Set;

/**
 * Rewrites the few statements that would change or break chDB's single, process-wide session, so
 * that each request behaves as it does on a ClickHouse server's HTTP interface without a session.
 *
 * <ul>
 *   <li>{@code SET a = 1, b = 2} changes nothing beyond its own request on a server; in chDB it
 *       would change the one session every client shares ({@code SET readonly = 1} would make the
 *       endpoint read-only for good). It becomes {@code SELECT 1 FORMAT Null SETTINGS a = 1, b = 2},
 *       which still validates names and values and still obeys {@code readonly}, and returns
 *       nothing, like {@code SET}.</li>
 *   <li>{@code DROP ... SYNC} crashes chDB 26.5 (SIGSEGV in the engine). The catalog drops the
 *       table immediately without it; only the removal of its files is deferred. The trailing
 *       {@code SYNC} is removed.</li>
 * </ul>
 * {@code USE db} is handled by {@link ChdbEngine}, which restores the database after every statement.
 */
final class SessionStatements {

    /** Setting that makes every DROP behave as DROP ... SYNC, with the same crash. */
    static final String SYNCHRONOUS_DROP_SETTING = "database_atomic_wait_for_drop_and_detach_synchronously";
    /** SET statements that are not assignments of settings. */
    private static final Set<String> NOT_ASSIGNMENTS = Set.of("ROLE", "DEFAULT", "TRANSACTION");
    /** Words after which {@code sync} is an object name rather than the modifier. */
    private static final Set<String> OBJECT_KEYWORDS = Set.of("TABLE", "EXISTS", "DATABASE", "DICTIONARY", "VIEW",
            "TEMPORARY");

    private SessionStatements() {
    }

    /** Returns the statement to run in place of {@code sql}: usually {@code sql} itself. */
    static String rewrite(String sql) {
        String first = SqlScanner.firstKeyword(sql);
        if (!first.equals("SET") && !first.equals("DROP")) {
            return sql;
        }
        List<SqlScanner.Word> words = SqlScanner.topLevelWords(sql, w -> false);
        if (first.equals("SET") && words.size() > 1 && !NOT_ASSIGNMENTS.contains(words.get(1).upper())) {
            return "SELECT 1 FORMAT Null SETTINGS " + sql.substring(words.getFirst().end()).strip();
        }
        if (first.equals("DROP") && words.size() > 3 && isSyncModifier(sql, words)) {
            SqlScanner.Word sync = words.getLast();
            return sql.substring(0, sync.start()) + sql.substring(sync.end());
        }
        return sql;
    }

    /** Whether the last word is the SYNC modifier rather than a table named {@code sync}, as in {@code db.sync}. */
    private static boolean isSyncModifier(String sql, List<SqlScanner.Word> words) {
        SqlScanner.Word last = words.getLast();
        String before = sql.substring(0, last.start()).stripTrailing();
        return last.upper().equals("SYNC") && before.length() < last.start()
                && !before.endsWith(".") && !before.endsWith(",")
                && !OBJECT_KEYWORDS.contains(words.get(words.size() - 2).upper());
    }

    /** Returns true when the statement switches the session's database. */
    static boolean switchesDatabase(String sql) {
        return SqlScanner.firstKeyword(sql).equals("USE");
    }
}
