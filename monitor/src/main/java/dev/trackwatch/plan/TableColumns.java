package dev.trackwatch.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The columns of one table as ClickHouse reports them in {@code system.columns}: name to type, in
 * table order. The planner uses the types to choose SQL (a JSON column and a String column holding
 * JSON are read differently) and to leave out requests whose column is gone; the schema check
 * compares them with its contract. An empty map means the table does not exist.
 *
 * @param database the database
 * @param table the table or view
 * @param columns column name to ClickHouse type, in table order
 */
public record TableColumns(String database, String table, Map<String, String> columns) {

    public TableColumns {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** Returns true when the table exists (has at least one column). */
    public boolean exists() {
        return !columns.isEmpty();
    }

    /** Returns true when the table has this column. */
    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** Returns the column's ClickHouse type, or null when there is no such column. */
    public String type(String column) {
        return columns.get(column);
    }

    /** Returns true when the column is of the {@code JSON} type (with or without declared paths). */
    public boolean isJson(String column) {
        String type = type(column);
        return type != null && (type.equals("JSON") || type.startsWith("JSON(") || type.startsWith("Object("));
    }

    /** Returns true when the column holds text: String, FixedString, possibly Nullable or LowCardinality. */
    public boolean isString(String column) {
        String type = unwrap(type(column));
        return type != null && (type.equals("String") || type.startsWith("FixedString("));
    }

    /** Returns true when the column is Nullable (possibly inside LowCardinality). */
    public boolean isNullable(String column) {
        String type = type(column);
        return type != null && (type.startsWith("Nullable(") || type.startsWith("LowCardinality(Nullable("));
    }

    /** Returns {@code db.table} for messages. */
    public String qualifiedName() {
        return database + "." + table;
    }

    /** Strips LowCardinality(...) and Nullable(...) wrappers. */
    private static String unwrap(String type) {
        String t = type;
        while (t != null && (t.startsWith("LowCardinality(") || t.startsWith("Nullable(")) && t.endsWith(")")) {
            t = t.substring(t.indexOf('(') + 1, t.length() - 1);
        }
        return t;
    }
}
