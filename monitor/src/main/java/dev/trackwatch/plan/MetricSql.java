package dev.trackwatch.plan;

import org.jooq.Field;
import org.jooq.impl.CustomField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The aggregate columns of each metric kind. Every value is cast to Float64 so the executor
 * reads one numeric type; a metric of several series is one Array(Float64) column.
 */
final class MetricSql {

    /**
     * One aggregate column of the query.
     *
     * @param field the aggregate expression (not yet aliased)
     * @param series the series it carries: one for a scalar column, one per element for an array
     */
    record Aggregate(Field<?> field, List<SeriesKey> series) {
    }

    private MetricSql() {
    }

    /** Returns the aggregates of a metric; throws {@link ScanContext.Unplannable} when the table cannot provide it. */
    static List<Aggregate> aggregates(ScanContext ctx, String check, Metric metric) {
        return switch (metric) {
            case Metric.RowCount m -> List.of(scalar(DSL.field("toFloat64(count())", Double.class), m));
            case Metric.NullRate m -> List.of(scalar(
                    DSL.field("countIf({0}) / count()", Double.class, ColumnSql.isNull(ctx, check, m.column())), m));
            case Metric.Distinct m -> List.of(scalar(DSL.field("toFloat64(" + (m.exact() ? "uniqExact" : "uniqHLL12")
                    + "({0}))", Double.class, ColumnSql.value(ctx, check, m.column())), m));
            case Metric.LatencyQuantiles m -> {
                String levels = Metric.LatencyQuantiles.LEVELS.stream().map(String::valueOf)
                        .collect(Collectors.joining(", "));
                // t-digest: bounded memory per group whatever the bucket size; rounded to milliseconds
                // because its centroids are Float32 and would otherwise print as 2.3450000286.
                yield List.of(new Aggregate(DSL.field("arrayMap(_tw_q -> round(toFloat64(_tw_q), 3), quantilesTDigest("
                        + levels + ")({0} / 1000))", Object.class, latencyMillis(ctx, check)), m.series()));
            }
            case Metric.LateShare m -> List.of(scalar(DSL.field("countIf({0} > {1}) / count()", Double.class,
                    latencyMillis(ctx, check), DSL.val(m.lateAfter().toMillis())), m));
            // Judged against the run's "now", outside the bucketed window: QueryPlanner leaves it to FutureQuery.
            case Metric.FutureShare m -> throw new IllegalStateException("metric " + m.name()
                    + " is computed by FutureQuery, not by the bucketed scan");
            case Metric.MaxEventTime m -> List.of(scalar(maxEpochMillis(ctx.eventTime()), m));
            case Metric.MaxIngestionTime m -> List.of(scalar(maxEpochMillis(ctx.ingestionTime(check)), m));
            case Metric.PlanViolations m -> TrackingPlanSql.aggregates(ctx, check, m);
            case Metric.Custom m -> {
                String expression = SqlSafety.expression(m.expression(), ctx.context(check) + ": expression");
                // Trusted SQL from checks/, rendered verbatim: jOOQ's plain-SQL templates would read
                // '?' and '{0}' inside it as placeholders.
                yield List.of(scalar(CustomField.of("custom", SQLDataType.DOUBLE,
                        c -> c.sql("toFloat64((").sql(expression).sql("))")), m));
            }
        };
    }

    /** Ingestion time minus event time in milliseconds (NULL when the ingestion time is NULL). */
    private static Field<Long> latencyMillis(ScanContext ctx, String check) {
        return DSL.field("dateDiff('millisecond', {0}, {1})", Long.class, ctx.eventTime(), ctx.ingestionTime(check));
    }

    /** The newest value of a time column in epoch milliseconds, for DateTime and DateTime64 alike. */
    private static Field<Double> maxEpochMillis(Field<?> time) {
        return DSL.field("toFloat64(toUnixTimestamp64Milli(toDateTime64(max({0}), 3)))", Double.class, time);
    }

    private static Aggregate scalar(Field<?> field, Metric metric) {
        return new Aggregate(field, metric.series());
    }
}
