package dev.trackwatch.plan;

import dev.trackwatch.config.DatasetSpec;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The dataset being planned, its table's columns and the fully qualified column references the
 * SQL builders share. Validates the dataset-level names once, on creation.
 */
final class ScanContext {

    final DatasetSpec dataset;
    final TableColumns columns;

    /** A request that cannot be planned against this table; the message is the reason. */
    static final class Unplannable extends RuntimeException {
        Unplannable(String reason) {
            super(reason, null, false, false);
        }
    }

    ScanContext(DatasetSpec dataset, TableColumns columns) {
        this.dataset = dataset;
        this.columns = columns;
        String where = "dataset '" + dataset.name() + "':";
        SqlSafety.identifier(dataset.database(), where + " database");
        SqlSafety.identifier(dataset.table(), where + " table");
        SqlSafety.identifier(dataset.eventTimeColumn(), where + " event_time column");
        if (dataset.ingestionTimeColumn() != null) {
            SqlSafety.identifier(dataset.ingestionTimeColumn(), where + " ingestion_time column");
        }
        if (!columns.exists()) {
            throw new PlanException(where + " table " + dataset.database() + "." + dataset.table()
                    + " does not exist (no columns in system.columns)");
        }
        if (!columns.has(dataset.eventTimeColumn())) {
            throw new PlanException(where + " event_time column '" + dataset.eventTimeColumn()
                    + "' does not exist in " + columns.qualifiedName());
        }
    }

    /** Returns the dataset's table, quoted. */
    Table<?> table() {
        return DSL.table(DSL.name(dataset.database(), dataset.table()));
    }

    /** Returns a reference to a column of the dataset's table, quoted and fully qualified. */
    Field<Object> column(String name) {
        return DSL.field(DSL.name(dataset.database(), dataset.table(), name));
    }

    /** Returns a reference to a subcolumn, e.g. the path {@code user_id} of the JSON column {@code properties}. */
    Field<Object> subcolumn(String column, java.util.List<String> path) {
        String[] parts = new String[3 + path.size()];
        parts[0] = dataset.database();
        parts[1] = dataset.table();
        parts[2] = column;
        for (int i = 0; i < path.size(); i++) {
            parts[3 + i] = path.get(i);
        }
        return DSL.field(DSL.name(parts));
    }

    /** Returns the column after checking its name and that it exists; a missing column makes the request unplannable. */
    Field<Object> requireColumn(String name, String check, String role) {
        SqlSafety.identifier(name, context(check) + ": " + role);
        if (!columns.has(name)) {
            throw new Unplannable(context(check) + ": " + role + " '" + name + "' does not exist in "
                    + columns.qualifiedName());
        }
        return column(name);
    }

    /** Returns the event time column. */
    Field<Object> eventTime() {
        return column(dataset.eventTimeColumn());
    }

    /** Returns the ingestion time column; without one (or when it was dropped) the request is unplannable. */
    Field<Object> ingestionTime(String check) {
        if (dataset.ingestionTimeColumn() == null) {
            throw new Unplannable(context(check) + ": the dataset has no ingestion_time column");
        }
        return requireColumn(dataset.ingestionTimeColumn(), check, "ingestion_time column");
    }

    /** Returns {@code dataset 'x', check 'y'} for messages. */
    String context(String check) {
        return "dataset '" + dataset.name() + "', check '" + check + "'";
    }
}
