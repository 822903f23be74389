package dev.trackwatch.plan;

import dev.trackwatch.config.DatasetSpec;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.GroupField;
import org.jooq.SQLDialect;
import org.jooq.SelectField;
import org.jooq.conf.BackslashEscaping;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.conf.RenderOptionalKeyword;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.CustomCondition;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merges every metric request of a dataset into one ClickHouse query over a window, so each
 * dataset and window is read once whatever the number of checks:
 *
 * <pre>
 * SELECT toUnixTimestamp(toStartOfInterval(event_time, toIntervalSecond(?))) AS _tw_bucket,
 *        toString(platform) AS _tw_s0, grouping(platform) AS _tw_g0, ...,
 *        count() AS _tw_rows, &lt;one aggregate per metric&gt; AS _tw_m0, ...
 * FROM db.table
 * WHERE event_time &gt;= fromUnixTimestamp64Milli(?, 'UTC') AND event_time &lt; fromUnixTimestamp64Milli(?, 'UTC')
 *   AND (&lt;dataset filter&gt;)
 * GROUP BY GROUPING SETS ((_tw_bucket), (_tw_bucket, platform), (_tw_bucket, country))
 * </pre>
 *
 * <p>There is one grouping set per distinct segment dimension; every aggregate is computed in
 * every set (it is the same pass over the data), and the result layout records which series each
 * check asked for. Identifiers are validated ({@link SqlSafety}) and quoted; every value from
 * configuration is a bind value. Unsafe names or expressions throw {@link PlanException}; a
 * request whose column is missing from the table is left out and reported in
 * {@link DatasetQuery#unplanned()} so the dataset's other checks still run.
 *
 * <p>Windows need not be bucket-aligned, but a bucket the window cuts is computed over the part
 * inside the window only. Buckets are aligned on the Unix epoch (UTC days for a 1d bucket).
 */
public final class QueryPlanner {

    /** Prefix of every result column alias; a table column with such a name would clash. */
    static final String ALIAS_PREFIX = "_tw_";
    static final String BUCKET = ALIAS_PREFIX + "bucket";
    static final String ROWS = ALIAS_PREFIX + "rows";

    /** Renders with quoted names, and backslash escaping because ClickHouse string literals need it. */
    static final DSLContext RENDER = DSL.using(SQLDialect.CLICKHOUSE, new Settings()
            .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
            .withRenderKeywordCase(RenderKeywordCase.UPPER)
            .withRenderOptionalAsKeywordForFieldAliases(RenderOptionalKeyword.ON)
            .withBackslashEscaping(BackslashEscaping.ON)
            .withRenderFormatted(true));

    private QueryPlanner() {
    }

    /**
     * Plans the dataset's query over {@code [from, to)} on event time.
     *
     * @param dataset the dataset
     * @param requests the metric requests of its checks (each check type says which: {@code dev.trackwatch.checks.DatasetPlan})
     * @param columns the dataset table's columns (see {@code TableColumnsReader})
     * @param from window start, inclusive
     * @param to window end, exclusive
     * @return the query and its result layout
     * @throws PlanException when the configuration is unsafe or the table or event time column is missing
     */
    public static DatasetQuery plan(DatasetSpec dataset, List<MetricRequest> requests, TableColumns columns,
                                    Instant from, Instant to) {
        return plan(dataset, requests, columns, from, to, null);
    }

    /**
     * Plans the query as {@link #plan(DatasetSpec, List, TableColumns, Instant, Instant)} does, seeing only
     * rows that had arrived by {@code knownAt} when the dataset has an ingestion time column: this is
     * what {@code run-once --at} and backtests need, so that a past run sees the data it would have seen.
     *
     * @param knownAt only rows with ingestion time at or before it; null for no such limit
     */
    public static DatasetQuery plan(DatasetSpec dataset, List<MetricRequest> requests, TableColumns columns,
                                    Instant from, Instant to, Instant knownAt) {
        Objects.requireNonNull(dataset, "dataset");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("dataset '" + dataset.name() + "': window start " + from
                    + " is not before its end " + to);
        }
        long bucketSeconds = bucketSeconds(dataset);
        ScanContext ctx = new ScanContext(dataset, columns);
        checkAliases(ctx);
        Condition filter = dataset.filter() == null ? DSL.noCondition() : rawCondition(
                SqlSafety.expression(dataset.filter(), "dataset '" + dataset.name() + "': filter"));

        List<UnplannedRequest> unplanned = new ArrayList<>();
        Aggregates aggregates = aggregates(ctx, merge(ctx, requests, unplanned), unplanned);

        Field<Object> eventTime = ctx.eventTime();
        Field<Object> bucket = DSL.field(DSL.name(BUCKET));
        List<SelectField<?>> select = new ArrayList<>();
        select.add(DSL.field("toUnixTimestamp(toStartOfInterval({0}, toIntervalSecond({1})))", Long.class,
                eventTime, DSL.val(bucketSeconds)).as(BUCKET));
        List<DatasetQuery.Segment> segments = new ArrayList<>();
        List<Field<?>[]> groupingSets = new ArrayList<>();
        groupingSets.add(new Field<?>[]{bucket});
        for (String dimension : aggregates.dimensions) {
            int i = segments.size();
            Field<Object> column = ctx.column(dimension);
            segments.add(new DatasetQuery.Segment(dimension, ALIAS_PREFIX + "s" + i, ALIAS_PREFIX + "g" + i));
            select.add(DSL.field("toString({0})", String.class, column).as(ALIAS_PREFIX + "s" + i));
            // grouping() is 0 when the column is part of the row's grouping set, 1 when aggregated away.
            select.add(DSL.field("grouping({0})", Long.class, column).as(ALIAS_PREFIX + "g" + i));
            groupingSets.add(new Field<?>[]{bucket, column});
        }
        select.add(DSL.field("count()", Long.class).as(ROWS));
        select.addAll(aggregates.fields);

        // Epoch milliseconds rather than java.time binds: unambiguous whatever the column's time zone.
        Condition window = DSL.condition("{0} >= fromUnixTimestamp64Milli({1}, 'UTC')", eventTime, DSL.val(from.toEpochMilli()))
                .and(DSL.condition("{0} < fromUnixTimestamp64Milli({1}, 'UTC')", eventTime, DSL.val(to.toEpochMilli())));
        if (knownAt != null && dataset.ingestionTimeColumn() != null && columns.has(dataset.ingestionTimeColumn())) {
            // A row whose ingestion time is NULL is in the table all the same: it counts (the
            // latency check reports the NULLs) instead of silently dropping out of every check.
            Field<Object> ingested = ctx.column(dataset.ingestionTimeColumn());
            window = window.and(DSL.condition("{0} <= fromUnixTimestamp64Milli({1}, 'UTC')", ingested,
                    DSL.val(knownAt.toEpochMilli())).or(ingested.isNull()));
        }
        GroupField groupBy = segments.isEmpty() ? bucket : DSL.groupingSets(groupingSets.toArray(Field<?>[][]::new));
        var query = RENDER.select(select).from(ctx.table()).where(window).and(filter).groupBy(groupBy);
        return new DatasetQuery(dataset.name(), from, to, dataset.bucket(), query, BUCKET, ROWS, segments,
                aggregates.series, unplanned);
    }

    /** The aggregate columns of the merged metrics, the series they carry and the dimensions they need. */
    private record Aggregates(List<SelectField<?>> fields, List<DatasetQuery.Series> series, Set<String> dimensions) {
    }

    private static Aggregates aggregates(ScanContext ctx, Map<String, Merged> merged, List<UnplannedRequest> unplanned) {
        Aggregates result = new Aggregates(new ArrayList<>(), new ArrayList<>(), new LinkedHashSet<>());
        for (Merged m : merged.values()) {
            if (m.metric instanceof Metric.RowCount) {
                // The row count is the count() every result row has anyway.
                result.series.add(new DatasetQuery.Series(SeriesKey.ROW_COUNT, ROWS, -1, m.segments));
                result.dimensions.addAll(m.segments);
                continue;
            }
            List<MetricSql.Aggregate> columns;
            try {
                columns = MetricSql.aggregates(ctx, m.requests.getFirst().check(), m.metric);
            } catch (ScanContext.Unplannable e) {
                m.requests.forEach(r -> unplanned.add(new UnplannedRequest(r, e.getMessage())));
                continue;
            }
            for (MetricSql.Aggregate aggregate : columns) {
                String alias = ALIAS_PREFIX + "m" + result.fields.size();
                result.fields.add(aggregate.field().as(alias));
                List<SeriesKey> names = aggregate.series();
                for (int i = 0; i < names.size(); i++) {
                    result.series.add(new DatasetQuery.Series(names.get(i), alias, names.size() == 1 ? -1 : i, m.segments));
                }
            }
            result.dimensions.addAll(m.segments);
        }
        return result;
    }

    /** Groups the requests by metric name; a segment column that is missing leaves its request out. */
    private static Map<String, Merged> merge(ScanContext ctx, List<MetricRequest> requests,
                                             List<UnplannedRequest> unplanned) {
        Map<String, Merged> merged = new LinkedHashMap<>();
        for (MetricRequest request : requests) {
            if (request.metric() instanceof Metric.FutureShare) {
                continue; // not bucketed: FutureQuery counts these rows, which the window excludes
            }
            String missing = null;
            for (String dimension : request.segments()) {
                SqlSafety.identifier(dimension, ctx.context(request.check()) + ": segment");
                if (missing == null && !ctx.columns.has(dimension)) {
                    missing = ctx.context(request.check()) + ": segment '" + dimension + "' does not exist in "
                            + ctx.columns.qualifiedName();
                }
            }
            if (missing != null) {
                unplanned.add(new UnplannedRequest(request, missing));
                continue;
            }
            Merged existing = merged.get(request.metric().name());
            if (existing == null) {
                merged.put(request.metric().name(), new Merged(request));
            } else if (!existing.absorb(request)) {
                unplanned.add(new UnplannedRequest(request, ctx.context(request.check()) + ": metric '"
                        + request.metric().name() + "' is defined differently by check '"
                        + existing.requests.getFirst().check() + "'"));
            }
        }
        return merged;
    }

    /** The requests of one metric name: the metric to compute and the union of their segments. */
    private static final class Merged {
        Metric metric;
        final List<MetricRequest> requests = new ArrayList<>();
        final Set<String> segments = new LinkedHashSet<>();

        Merged(MetricRequest first) {
            metric = first.metric();
            requests.add(first);
            segments.addAll(first.segments());
        }

        /** Adds a request for the same name; an exact distinct count also serves an approximate one. */
        boolean absorb(MetricRequest request) {
            if (!request.metric().equals(metric)) {
                if (metric instanceof Metric.Distinct a && request.metric() instanceof Metric.Distinct b) {
                    metric = new Metric.Distinct(a.column(), a.exact() || b.exact());
                } else {
                    return false;
                }
            }
            requests.add(request);
            segments.addAll(request.segments());
            return true;
        }
    }

    private static long bucketSeconds(DatasetSpec dataset) {
        Duration bucket = dataset.bucket();
        if (bucket == null || bucket.toMillis() % 1000 != 0 || bucket.toSeconds() <= 0) {
            throw new PlanException("dataset '" + dataset.name() + "': bucket must be a positive whole number of "
                    + "seconds, got " + bucket);
        }
        return bucket.toSeconds();
    }

    /** Trusted, validated SQL in parentheses, verbatim (jOOQ templates would treat '?' and '{0}' as placeholders). */
    static Condition rawCondition(String sql) {
        return CustomCondition.of(c -> c.sql("(").sql(sql).sql(")"));
    }

    /**
     * ClickHouse resolves an alias before a column of the same name anywhere in the query, so a
     * table column named like one of the result aliases would silently change the results.
     */
    static void checkAliases(ScanContext ctx) {
        for (String column : ctx.columns.columns().keySet()) {
            if (column.startsWith(ALIAS_PREFIX)) {
                throw new PlanException("dataset '" + ctx.dataset.name() + "': table " + ctx.columns.qualifiedName()
                        + " has a column named '" + column + "'; names starting with '" + ALIAS_PREFIX
                        + "' are reserved for Trackwatch's result columns");
            }
        }
    }
}
