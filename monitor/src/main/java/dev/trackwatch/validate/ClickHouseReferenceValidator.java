package dev.trackwatch.validate;

import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.checks.ColumnUse;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.ConfigLocations;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.LoadResult;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.Suggestions;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.plan.TableColumns;
import dev.trackwatch.query.TableColumnsReader;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a loaded spec against a live ClickHouse: every dataset's table exists, every column the
 * config names exists (with a did-you-mean), time columns are DateTime or DateTime64, and JSON
 * property paths start at a JSON, Object or String column. One query to {@code system.columns}
 * covers all datasets; table names are bound values, never spliced into the SQL.
 *
 * <p>When every column reference of a dataset resolves, its {@code filter} and custom
 * {@code expression}s are compiled by ClickHouse itself ({@link ExpressionProbe}), one round trip
 * each. Not checked: the schema check's column contract, whose differences from the table are
 * what that check reports at run time.
 */
public final class ClickHouseReferenceValidator {


    private ClickHouseReferenceValidator() {
    }

    /** Validates with only the spec records' own locations; prefer the overload with the loader's index. */
    public static List<ConfigError> validate(TrackwatchSpec spec, DSLContext dsl) {
        return validate(spec, ConfigLocations.NONE, dsl);
    }

    /**
     * Validates {@code spec}, locating each error at the YAML node that names the missing table or
     * column, as recorded in {@code locations} (from {@link LoadResult#locations()}).
     *
     * @return the errors, sorted; empty when every reference resolves
     * @throws org.jooq.exception.DataAccessException when ClickHouse cannot be queried
     */
    public static List<ConfigError> validate(TrackwatchSpec spec, ConfigLocations locations, DSLContext dsl) {
        // The same one-query read of system.columns that the runs use.
        Map<String, TableColumns> tables = TableColumnsReader.read(dsl, spec.datasets());
        List<ConfigError> errors = new ArrayList<>();
        for (DatasetSpec dataset : spec.datasets()) {
            TableColumns columns = tables.get(dataset.name());
            if (columns == null || !columns.exists()) {
                errors.add(ConfigError.at(locations.dataset(dataset, "table"), ConfigError.UNKNOWN_TABLE,
                        "table " + qualified(dataset) + " does not exist"));
                continue;
            }
            int before = errors.size();
            new TableChecker(dataset, columns.columns(), locations, errors).check();
            if (errors.size() == before) {
                ExpressionProbe.probe(dsl, dataset, locations, errors);
            }
        }
        return errors.stream().sorted().toList();
    }

    private static String qualified(DatasetSpec dataset) {
        return dataset.database() + "." + dataset.table();
    }

    /** The checks for one dataset whose table exists. */
    private record TableChecker(DatasetSpec dataset, Map<String, String> columns, ConfigLocations locations,
                                List<ConfigError> errors) {

        void check() {
            timeColumn("event_time", dataset.eventTimeColumn(), locations.dataset(dataset, "event_time"));
            if (dataset.ingestionTimeColumn() != null) {
                timeColumn("ingestion_time", dataset.ingestionTimeColumn(),
                        locations.dataset(dataset, "ingestion_time"));
            }
            for (int i = 0; i < dataset.segments().size(); i++) {
                exists(dataset.segments().get(i),
                        locations.dataset(dataset, ConfigLocations.element("segments", i)));
            }
            for (CheckSpec check : dataset.checks()) {
                // Each type says which columns its settings name; segments are a subset of the dataset's.
                for (ColumnUse use : CheckTypes.columnUses(check)) {
                    SourceLocation at = locations.check(dataset, check, use.field());
                    String type = columns.get(use.column());
                    if (exists(use.column(), at) && use.needsJsonFor() != null && !isJsonRoot(type)) {
                        error(at, ConfigError.BAD_COLUMN_TYPE, use.role() + " '" + use.column() + "' in "
                                + qualified(dataset) + " is " + type + ": " + use.needsJsonFor()
                                + " needs a JSON, Object('json') or String column");
                    }
                }
            }
        }

        private void timeColumn(String role, String column, SourceLocation at) {
            if (exists(column, at) && !isDateTime(columns.get(column))) {
                error(at, ConfigError.BAD_COLUMN_TYPE, role + " column '" + column + "' in " + qualified(dataset)
                        + " is " + columns.get(column) + ", not DateTime or DateTime64");
            }
        }

        private boolean exists(String column, SourceLocation at) {
            if (columns.containsKey(column)) {
                return true;
            }
            error(at, ConfigError.UNKNOWN_COLUMN, "column '" + column + "' does not exist in " + qualified(dataset)
                    + Suggestions.didYouMean(column, columns.keySet()));
            return false;
        }

        private void error(SourceLocation at, String code, String message) {
            errors.add(ConfigError.at(at, code, message));
        }
    }

    /** Strips the wrappers that do not change what a column holds: Nullable and LowCardinality. */
    static String unwrap(String type) {
        String t = type.strip();
        while (true) {
            if (t.startsWith("Nullable(") && t.endsWith(")")) {
                t = t.substring("Nullable(".length(), t.length() - 1).strip();
            } else if (t.startsWith("LowCardinality(") && t.endsWith(")")) {
                t = t.substring("LowCardinality(".length(), t.length() - 1).strip();
            } else {
                return t;
            }
        }
    }

    static boolean isDateTime(String type) {
        String t = unwrap(type);
        return t.equals("DateTime") || t.startsWith("DateTime(") || t.startsWith("DateTime64");
    }

    static boolean isJsonRoot(String type) {
        String t = unwrap(type);
        return t.equals("String") || t.equals("JSON") || t.startsWith("JSON(") || t.startsWith("Object(");
    }
}
