/**
 * Running planned queries against ClickHouse.
 *
 * <p>{@link dev.trackwatch.query.TableColumnsReader} reads the columns of every dataset's table in
 * one query. {@link dev.trackwatch.query.MetricQueryExecutor} runs a
 * {@code dev.trackwatch.plan.DatasetQuery} under {@link dev.trackwatch.query.QueryGuardrails} and
 * returns a {@link dev.trackwatch.query.ScanResult}: {@link dev.trackwatch.query.Observation}s with
 * the query's {@link dev.trackwatch.query.ScanCost}, or a {@link dev.trackwatch.query.ScanFailure}
 * carrying the ClickHouse error code, so a failing dataset marks its checks NOT_EVALUATED
 * instead of aborting the run.
 */
package dev.trackwatch.query;
