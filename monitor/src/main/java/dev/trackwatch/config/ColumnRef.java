package dev.trackwatch.config;

import java.util.List;

/**
 * A column of a dataset, or a property path inside a JSON column: {@code user_id} or
 * {@code properties.user_id} (column {@code properties}, path {@code [user_id]}).
 *
 * @param column the table column
 * @param path the property path inside a JSON/String JSON column, empty for the column itself
 */
public record ColumnRef(String column, List<String> path) {

    public ColumnRef {
        path = List.copyOf(path);
    }

    /** Returns the dotted form used in config and in metric names, e.g. {@code properties.user_id}. */
    public String dotted() {
        return path.isEmpty() ? column : column + "." + String.join(".", path);
    }

    @Override
    public String toString() {
        return dotted();
    }
}
