package dev.trackwatch.checks;

import dev.trackwatch.config.ColumnRef;
import dev.trackwatch.config.ConfigLocations;

import java.util.ArrayList;
import java.util.List;

/**
 * A table column a check names in its own settings (beyond the dataset's time and segment
 * columns), which validation against a ClickHouse looks up in {@code system.columns}.
 *
 * @param field the setting that names it, as config locations know it (e.g. {@code columns[1]})
 * @param role what the error calls the column, e.g. {@code column} or {@code properties column}
 * @param column the column's name
 * @param needsJsonFor null when any type will do; otherwise what needs a JSON, Object('json') or
 *                     String column, in words (e.g. {@code the property path 'properties.plan'})
 */
public record ColumnUse(String field, String role, String column, String needsJsonFor) {

    /** The uses of a {@code columns:} list: each column, and a JSON column where a property path follows it. */
    static List<ColumnUse> ofColumns(List<ColumnRef> refs) {
        List<ColumnUse> uses = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            ColumnRef ref = refs.get(i);
            uses.add(new ColumnUse(ConfigLocations.element("columns", i), "column", ref.column(),
                    ref.path().isEmpty() ? null : "the property path '" + ref.dotted() + "'"));
        }
        return uses;
    }
}
