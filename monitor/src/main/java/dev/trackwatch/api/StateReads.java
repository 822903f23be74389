package dev.trackwatch.api;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.List;
import java.util.function.Supplier;

/**
 * Reads of the state database by the pages and the read API that answer "nothing yet" while the
 * database or one of its tables does not exist: a fresh daemon serves its pages before its first
 * run creates the schema ({@code StateStore.migrate}), and an empty page is the truth then, not a
 * 500. Any other failure is rethrown.
 */
final class StateReads {

    /** ClickHouse's error codes for a database or table that does not exist. */
    private static final int UNKNOWN_TABLE = 60;
    private static final int UNKNOWN_DATABASE = 81;

    private StateReads() {
    }

    /** Returns {@code read}'s result, or {@code empty} when the state schema is not there yet. */
    static <T> T orEmpty(Supplier<T> read, T empty) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            if (missingSchema(e)) {
                return empty;
            }
            throw e;
        }
    }

    /**
     * Runs {@code statement}, whose {@code ${db}} stands for the state database {@code db} (a name
     * {@code StateDatabase} validated), with bound values; no rows while the state schema does not exist yet.
     */
    static List<Record> fetch(DSLContext dsl, String db, String statement, Object... bindings) {
        return orEmpty(() -> List.<Record>copyOf(dsl.fetch(statement.replace("${db}", db), bindings)), List.of());
    }

    /** Whether {@code e} (or a cause) is ClickHouse saying the database or a table does not exist. */
    static boolean missingSchema(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException s && (s.getErrorCode() == UNKNOWN_TABLE || s.getErrorCode() == UNKNOWN_DATABASE)) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("(UNKNOWN_TABLE)") || message.contains("(UNKNOWN_DATABASE)"))) {
                return true;
            }
        }
        return false;
    }
}
