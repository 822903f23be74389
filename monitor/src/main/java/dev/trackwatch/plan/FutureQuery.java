package dev.trackwatch.plan;

import dev.trackwatch.config.DatasetSpec;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-run side query that counts rows dated in the future. The bucketed scan
 * ({@link QueryPlanner}) reads event time in {@code [from, to)}, so rows dated after the run's
 * "now" never reach it; this query looks past that window, once per run and dataset, in one
 * aggregate row (no GROUP BY):
 *
 * <pre>
 * SELECT &lt;from, epoch seconds&gt; AS _tw_bucket, count() AS _tw_rows,
 *        toFloat64(if(count() = 0, 0, countIf(event_time &gt; fromUnixTimestamp64Milli(?, 'UTC')) / count())) AS _tw_m0, ...
 * FROM db.table
 * WHERE &lt;scope&gt; AND (&lt;dataset filter&gt;)
 * </pre>
 *
 * <p>The scope is the scan's own with the window's upper bound lifted, so the query costs about
 * what the scan costs: rows whose event time is at or after the window start (the sort key prunes
 * on it) and, with an ingestion time column, that had arrived by the run's "now" (or have no
 * ingestion time), as the scan sees them. Filtering on ingestion time alone would not prune: it is
 * rarely in the sort key, and every run would read the whole table. A future-dated row therefore
 * counts in every run until its date is no longer ahead of "now", which is what it is.
 * {@code _tw_rows} is that scope's row count, the share's denominator. One column per distinct
 * tolerance; the result layout is a {@link DatasetQuery}, so the executor reads it unchanged.
 */
public final class FutureQuery {

    private FutureQuery() {
    }

    /**
     * Plans the side query for the {@link Metric.FutureShare} requests among {@code requests}.
     *
     * @param from the run's window start
     * @param now the run's "now" (its as-of time); a row is in the future after {@code now} plus the tolerance
     * @return the query, or empty when no check asks for a future share
     * @throws PlanException when the configuration is unsafe or the table or event time column is missing
     */
    public static Optional<DatasetQuery> plan(DatasetSpec dataset, List<MetricRequest> requests, TableColumns columns,
                                              Instant from, Instant now) {
        Objects.requireNonNull(dataset, "dataset");
        Map<String, Metric.FutureShare> metrics = new LinkedHashMap<>();
        for (MetricRequest request : requests) {
            if (request.metric() instanceof Metric.FutureShare m) {
                metrics.putIfAbsent(m.name(), m);
            }
        }
        if (metrics.isEmpty()) {
            return Optional.empty();
        }
        ScanContext ctx = new ScanContext(dataset, columns);
        QueryPlanner.checkAliases(ctx);
        Condition filter = dataset.filter() == null ? DSL.noCondition() : QueryPlanner.rawCondition(
                SqlSafety.expression(dataset.filter(), "dataset '" + dataset.name() + "': filter"));
        Field<Object> eventTime = ctx.eventTime();

        List<SelectField<?>> select = new ArrayList<>();
        select.add(DSL.val(from.getEpochSecond()).as(QueryPlanner.BUCKET));
        select.add(DSL.field("count()", Long.class).as(QueryPlanner.ROWS));
        List<DatasetQuery.Series> series = new ArrayList<>();
        for (Metric.FutureShare metric : metrics.values()) {
            String alias = QueryPlanner.ALIAS_PREFIX + "m" + series.size();
            // if(): an empty scope is a share of 0, not NaN (which the reader would drop as "no value").
            select.add(DSL.field("toFloat64(if(count() = 0, 0, countIf({0} > fromUnixTimestamp64Milli({1}, 'UTC')) / count()))",
                    Double.class, eventTime, DSL.val(now.plus(metric.tolerance()).toEpochMilli())).as(alias));
            series.add(new DatasetQuery.Series(metric.series().getFirst(), alias, -1, java.util.Set.of()));
        }

        // The scan's own predicate with its upper bound lifted: event time from the window start on
        // (the sort key prunes on it, so this reads about what the scan reads, plus the future rows)
        // and, as the scan has it, only rows that had arrived by "now" (or have no ingestion time).
        Condition scope = DSL.condition("{0} >= fromUnixTimestamp64Milli({1}, 'UTC')", eventTime, DSL.val(from.toEpochMilli()));
        if (dataset.ingestionTimeColumn() != null && columns.has(dataset.ingestionTimeColumn())) {
            Field<Object> ingested = ctx.column(dataset.ingestionTimeColumn());
            scope = scope.and(DSL.condition("{0} <= fromUnixTimestamp64Milli({1}, 'UTC')", ingested,
                    DSL.val(now.toEpochMilli())).or(ingested.isNull()));
        }
        var query = QueryPlanner.RENDER.select(select).from(ctx.table()).where(scope).and(filter);
        return Optional.of(new DatasetQuery(dataset.name(), from, now, dataset.bucket(), query, QueryPlanner.BUCKET,
                QueryPlanner.ROWS, List.of(), series, List.of()));
    }
}
