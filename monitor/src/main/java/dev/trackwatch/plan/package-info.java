/**
 * From checks to one ClickHouse query per dataset and window.
 *
 * <p>Each check type (package {@code dev.trackwatch.checks}) says which {@link dev.trackwatch.plan.Metric}s
 * its checks need, as {@link dev.trackwatch.plan.MetricRequest}s; every metric names the series it
 * produces as typed {@link dev.trackwatch.plan.SeriesKey}s, which travel unchanged to storage and results. {@link dev.trackwatch.plan.QueryPlanner}
 * merges every request of a dataset into a single {@link dev.trackwatch.plan.DatasetQuery}: one
 * jOOQ SELECT bucketed on event time, with one grouping set per segment dimension and one
 * aggregate column per metric, so the table is read once however many checks it has. The query
 * is executed by {@code dev.trackwatch.query.MetricQueryExecutor}. The DDL part of schema checks
 * needs no scan: {@link dev.trackwatch.plan.SchemaDrift} compares the declared columns with
 * {@link dev.trackwatch.plan.TableColumns} read from {@code system.columns}.
 *
 * <p>Names from configuration are validated ({@link dev.trackwatch.plan.SqlSafety}) and quoted;
 * values from configuration are jOOQ bind values; filter and custom expressions are trusted SQL
 * checked to be a single expression and kept in parentheses.
 */
package dev.trackwatch.plan;
