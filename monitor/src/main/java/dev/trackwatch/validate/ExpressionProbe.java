package dev.trackwatch.validate;

import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.checks.ExpressionUse;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.ConfigLocations;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.plan.PlanException;
import dev.trackwatch.plan.SqlSafety;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks ClickHouse whether a dataset's {@code filter} and its custom checks' {@code expression}s
 * compile against the table: each is run once in a query whose {@code WHERE ... AND 0} reads no
 * rows, so ClickHouse parses and analyses it (unknown columns and functions, type errors,
 * non-aggregates) at the cost of a round trip. Each expression gets its own query so each error
 * is reported at the line that holds the expression.
 */
final class ExpressionProbe {

    /** ClickHouse's message without the "Code: N. DB::Exception:" prefix and the version suffix. */
    private static final Pattern MESSAGE = Pattern.compile("(?s).*?DB::Exception: (.*?)(?: \\(version [^)]*\\))?\\.?\\s*$");

    /** The echo of our own probe query, and the query id: noise in a config error. */
    private static final Pattern NOISE = Pattern.compile(
            " in scope SELECT .*? GROUP BY 'bucket'| In query SELECT .*? GROUP BY 'bucket'\\.|\\s*\\(queryId=[^)]*\\)");

    private ExpressionProbe() {
    }

    /** Probes the filter and every custom expression of {@code dataset}, adding errors to {@code errors}. */
    static void probe(DSLContext dsl, DatasetSpec dataset, ConfigLocations locations, List<ConfigError> errors) {
        String where = "1";
        if (dataset.filter() != null) {
            SourceLocation at = locations.dataset(dataset, "filter");
            String filter = safe(dataset.filter(), "filter", at, errors);
            if (filter == null || !compiles(dsl, dataset, "count()", filter, "filter", at, errors)) {
                return; // every expression would fail on the filter again
            }
            where = filter;
        }
        for (CheckSpec check : dataset.checks()) {
            for (ExpressionUse use : CheckTypes.expressions(check)) {
                SourceLocation at = locations.check(dataset, check, use.field());
                String expression = safe(use.aggregate(), use.field(), at, errors);
                if (expression != null) {
                    compiles(dsl, dataset, "toFloat64((" + expression + "))", where, use.field(), at, errors);
                }
            }
        }
    }

    private static String safe(String sql, String what, SourceLocation at, List<ConfigError> errors) {
        try {
            return SqlSafety.expression(sql, what);
        } catch (PlanException e) {
            errors.add(ConfigError.at(at, ConfigError.BAD_EXPRESSION, e.getMessage()));
            return null;
        }
    }

    private static boolean compiles(DSLContext dsl, DatasetSpec dataset, String select, String where, String what,
                                    SourceLocation at, List<ConfigError> errors) {
        try {
            // The table name is quoted by jOOQ; the expressions are configuration SQL by design and
            // passed SqlSafety, which keeps each inside its parentheses.
            // GROUP BY a constant puts the expression in the planner's aggregate context, so a
            // non-aggregate is refused here as it would be at run time.
            dsl.fetch("SELECT " + select + " FROM {0} WHERE (" + where + ") AND 0 GROUP BY 'bucket'",
                    DSL.name(dataset.database(), dataset.table()));
            return true;
        } catch (org.jooq.exception.DataAccessException e) {
            errors.add(ConfigError.at(at, ConfigError.BAD_EXPRESSION, what + " does not compile against "
                    + dataset.database() + "." + dataset.table() + ": " + clickHouseMessage(e)));
            return false;
        }
    }

    static String clickHouseMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || !t.getMessage().contains("DB::Exception"))) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        Matcher m = MESSAGE.matcher(message);
        return NOISE.matcher(m.matches() ? m.group(1) : message).replaceAll("").strip();
    }
}
