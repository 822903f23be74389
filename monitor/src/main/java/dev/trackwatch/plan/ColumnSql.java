package dev.trackwatch.plan;

import dev.trackwatch.config.ColumnRef;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL for a {@link ColumnRef}: a plain column, a path inside a {@code JSON} column (a subcolumn,
 * {@code properties.user_id}), or a path inside a String column holding JSON text (the
 * {@code JSON*} functions, with the keys as bound values). The column's type decides which.
 */
final class ColumnSql {

    private ColumnSql() {
    }

    /** Returns the condition "the value is missing": NULL, or for a JSON path absent or JSON null. */
    static Condition isNull(ScanContext ctx, String check, ColumnRef ref) {
        Field<Object> column = checkedColumn(ctx, check, ref);
        if (ref.path().isEmpty()) {
            return column.isNull();
        }
        if (ctx.columns.isJson(ref.column())) {
            // A JSON column stores no path for JSON null, so absent and null both read as NULL.
            return ctx.subcolumn(ref.column(), ref.path()).isNull();
        }
        // JSONType answers 'Null' for an absent key, a JSON null and unparsable text alike;
        // a NULL payload (Nullable column, read as '') counts as absent too.
        return DSL.condition("JSONType({0}) = 'Null'", jsonArguments(ctx, ref, column));
    }

    /** Returns the value to count distinct values of; absent JSON properties are NULL, which uniq* ignores. */
    static Field<?> value(ScanContext ctx, String check, ColumnRef ref) {
        Field<Object> column = checkedColumn(ctx, check, ref);
        if (ref.path().isEmpty()) {
            return column;
        }
        if (ctx.columns.isJson(ref.column())) {
            return ctx.subcolumn(ref.column(), ref.path());
        }
        return DSL.field("nullIf(JSONExtractRaw({0}), '')", Object.class, jsonArguments(ctx, ref, column));
    }

    /** Validates the names, checks the column exists and suits a path, and returns the column. */
    private static Field<Object> checkedColumn(ScanContext ctx, String check, ColumnRef ref) {
        String role = ref.path().isEmpty() ? "column" : "column of '" + ref.dotted() + "'";
        Field<Object> column = ctx.requireColumn(ref.column(), check, role);
        for (String key : ref.path()) {
            SqlSafety.property(key, ctx.context(check) + ": property of '" + ref.dotted() + "'");
        }
        if (!ref.path().isEmpty() && !ctx.columns.isJson(ref.column()) && !ctx.columns.isString(ref.column())) {
            throw new ScanContext.Unplannable(ctx.context(check) + ": column '" + ref.column() + "' has type "
                    + ctx.columns.type(ref.column()) + "; the path '" + ref.dotted() + "' needs a JSON or String column");
        }
        return column;
    }

    /** Returns {@code col, 'k1', 'k2'} (keys bound) as the argument list of a JSON function. */
    private static QueryPart jsonArguments(ScanContext ctx, ColumnRef ref, Field<Object> column) {
        List<Field<?>> arguments = new ArrayList<>();
        arguments.add(ctx.columns.isNullable(ref.column()) ? DSL.field("ifNull({0}, '')", Object.class, column) : column);
        ref.path().forEach(key -> arguments.add(DSL.val(key)));
        return DSL.list(arguments);
    }
}
