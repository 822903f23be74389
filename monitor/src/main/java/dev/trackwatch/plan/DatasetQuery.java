package dev.trackwatch.plan;

import org.jooq.Select;
import org.jooq.conf.ParamType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The one query that computes every requested metric of a dataset over a window, and how to read
 * its rows back. Each result row is one bucket in one grouping set: the total (every
 * {@link Segment#groupingColumn()} is 1) or one segment dimension (its grouping column is 0 and
 * its {@link Segment#valueColumn()} holds the segment value as text, NULL for a NULL value).
 * Buckets without rows produce no result row.
 */
public final class DatasetQuery {

    /**
     * A segment dimension and the result columns that identify its rows.
     *
     * @param dimension the dimension (column) name
     * @param valueColumn the result column with the segment value as Nullable(String)
     * @param groupingColumn the result column with {@code grouping(dimension)}: 0 in this dimension's rows
     */
    public record Segment(String dimension, String valueColumn, String groupingColumn) {
    }

    /**
     * Where a series' value is in a result row.
     *
     * @param series the series, e.g. {@code latency_p95_seconds}
     * @param column the result column, Float64 or Array(Float64)
     * @param element the zero-based array element, or -1 for a scalar column
     * @param segments the dimensions this series is wanted for (it is always wanted for the total)
     */
    public record Series(SeriesKey series, String column, int element, Set<String> segments) {
        public Series {
            segments = Set.copyOf(segments);
        }
    }

    private final String dataset;
    private final Instant from;
    private final Instant to;
    private final Duration bucket;
    private final Select<?> query;
    private final String bucketColumn;
    private final String rowsColumn;
    private final List<Segment> segments;
    private final List<Series> series;
    private final List<UnplannedRequest> unplanned;

    DatasetQuery(String dataset, Instant from, Instant to, Duration bucket, Select<?> query, String bucketColumn,
                 String rowsColumn, List<Segment> segments, List<Series> series, List<UnplannedRequest> unplanned) {
        this.dataset = dataset;
        this.from = from;
        this.to = to;
        this.bucket = bucket;
        this.query = query;
        this.bucketColumn = bucketColumn;
        this.rowsColumn = rowsColumn;
        this.segments = List.copyOf(segments);
        this.series = List.copyOf(series);
        this.unplanned = List.copyOf(unplanned);
    }

    /** Returns the dataset name. */
    public String dataset() {
        return dataset;
    }

    /** Returns the window start (inclusive, on event time). */
    public Instant from() {
        return from;
    }

    /** Returns the window end (exclusive, on event time). */
    public Instant to() {
        return to;
    }

    /** Returns the bucket size. */
    public Duration bucket() {
        return bucket;
    }

    /** Returns the jOOQ query; {@link Select#getBindValues()} lists every value taken from configuration. */
    public Select<?> query() {
        return query;
    }

    /** Returns the SQL with {@code ?} for every bind value, for logs and review. */
    public String sql() {
        return query.getSQL(ParamType.INDEXED);
    }

    /** Returns the bind values in {@code ?} order. */
    public List<Object> bindValues() {
        return query.getBindValues();
    }

    /**
     * Returns the SQL to send, with the bind values rendered as ClickHouse literals by jOOQ (with
     * backslash escaping, which ClickHouse string literals need). The JDBC driver does the same
     * client-side substitution for prepared statements; the executor sends this text through the
     * driver's HTTP client because the JDBC API does not expose the rows and bytes a query read.
     */
    public String executableSql() {
        return query.getSQL(ParamType.INLINED);
    }

    /** Returns the result column holding the bucket start in epoch seconds. */
    public String bucketColumn() {
        return bucketColumn;
    }

    /** Returns the result column holding the rows of the bucket (and segment). */
    public String rowsColumn() {
        return rowsColumn;
    }

    /** Returns the segment dimensions, one grouping set each besides the total. */
    public List<Segment> segments() {
        return segments;
    }

    /** Returns every series the query computes. */
    public List<Series> series() {
        return series;
    }

    /** Returns the requests left out of the query, with the reason. */
    public List<UnplannedRequest> unplanned() {
        return unplanned;
    }

    @Override
    public String toString() {
        return "DatasetQuery[" + dataset + " " + from + ".." + to + ": " + sql() + "]";
    }
}
