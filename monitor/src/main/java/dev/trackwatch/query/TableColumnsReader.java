package dev.trackwatch.query;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.plan.TableColumns;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.impl.DSL;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the columns of every dataset's table from {@code system.columns} in one query. The
 * planner needs the types to choose its SQL; the schema check compares them with its contract.
 */
public final class TableColumnsReader {

    private static final Field<String> DATABASE = DSL.field(DSL.name("database"), String.class);
    private static final Field<String> TABLE = DSL.field(DSL.name("table"), String.class);
    private static final Field<String> NAME = DSL.field(DSL.name("name"), String.class);
    private static final Field<String> TYPE = DSL.field(DSL.name("type"), String.class);
    private static final Field<Long> POSITION = DSL.field(DSL.name("position"), Long.class);

    private TableColumnsReader() {
    }

    /**
     * Returns the columns of each dataset's table, by dataset name. A table that does not exist
     * yields an empty {@link TableColumns} ({@link TableColumns#exists()} is false). Database and
     * table names are bound values, so no validation is needed here.
     *
     * @param dsl a jOOQ context over ClickHouse
     * @param datasets the datasets
     * @return dataset name to its table's columns
     * @throws org.jooq.exception.DataAccessException when ClickHouse cannot be queried
     */
    public static Map<String, TableColumns> read(DSLContext dsl, Collection<DatasetSpec> datasets) {
        if (datasets.isEmpty()) {
            return Map.of();
        }
        // (database = ? AND table = ?) OR ...: one query whatever the number of datasets.
        List<Condition> tables = datasets.stream()
                .map(d -> List.of(d.database(), d.table()))
                .distinct()
                .map(t -> DATABASE.eq(DSL.val(t.get(0))).and(TABLE.eq(DSL.val(t.get(1)))))
                .toList();
        Map<List<String>, Map<String, String>> byTable = new LinkedHashMap<>();
        for (Record4<String, String, String, String> row : dsl.select(DATABASE, TABLE, NAME, TYPE)
                .from(DSL.table(DSL.name("system", "columns")))
                .where(DSL.or(tables))
                .orderBy(DATABASE, TABLE, POSITION)
                .fetch()) {
            byTable.computeIfAbsent(List.of(row.value1(), row.value2()), t -> new LinkedHashMap<>())
                    .put(row.value3(), row.value4());
        }
        Map<String, TableColumns> result = new LinkedHashMap<>();
        for (DatasetSpec dataset : datasets) {
            Map<String, String> columns = byTable.getOrDefault(List.of(dataset.database(), dataset.table()), Map.of());
            result.put(dataset.name(), new TableColumns(dataset.database(), dataset.table(), columns));
        }
        return result;
    }
}
