package dev.trackwatch.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One statement for the engine with everything a ClickHouse server would take from the request
 * around it: the default output format, the current database, per-query settings and bound
 * {@code {name:Type}} parameters.
 *
 * @param sql the statement text
 * @param format the output format used when the statement has no FORMAT clause
 * @param database the current database for this statement, or null for the engine's default
 * @param settings ClickHouse settings applied for this statement only, in request order
 * @param parameters values for {@code {name:Type}} placeholders, bound by the engine
 */
public record EngineQuery(String sql, String format, String database,
                          Map<String, String> settings, Map<String, String> parameters) {

    public EngineQuery {
        Objects.requireNonNull(sql, "sql");
        format = format == null || format.isBlank() ? "TabSeparated" : format;
        settings = Map.copyOf(new LinkedHashMap<>(settings == null ? Map.of() : settings));
        parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
    }

    /** A statement with no settings, parameters or database, in the given format. */
    public static EngineQuery of(String sql, String format) {
        return new EngineQuery(sql, format, null, Map.of(), Map.of());
    }
}
