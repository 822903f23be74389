/**
 * The check types, one unit each: {@code VolumeCheck} with {@code VolumeSpec}, {@code FreshnessCheck},
 * {@code NullRateCheck}, {@code CardinalityCheck}, {@code LatencyCheck}, {@code SchemaCheck} and
 * {@code CustomCheck}. A unit ({@link dev.trackwatch.checks.CheckType}) holds everything its type
 * means: the spec record, how its YAML settings are read (with located errors), the metrics it asks
 * the scan for, which series get which bounds, baseline and segments ({@code SeriesRules}), any
 * judging of its own (the freshness SLA, vanished segments, DDL drift), what its alerts say and
 * which runbook they link to, and its alert kind.
 *
 * <p>{@link dev.trackwatch.checks.CheckTypes#ALL} lists every type once; the loader, the runner
 * ({@link dev.trackwatch.checks.DatasetPlan}, {@link dev.trackwatch.checks.DatasetEvaluator}),
 * validation and messages dispatch through it. The generic judging (static bounds, seasonal
 * baselines replayed from history) stays in {@code dev.trackwatch.evaluate}, told by each unit
 * what to do with which series.
 */
package dev.trackwatch.checks;
