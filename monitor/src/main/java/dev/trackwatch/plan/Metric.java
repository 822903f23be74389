package dev.trackwatch.plan;

import dev.trackwatch.config.ColumnRef;
import dev.trackwatch.config.EventContract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A quantity the scan of a dataset computes per bucket (and per segment value). Every metric is
 * one or more aggregate columns of the dataset's single query. Its {@link #name()} identifies it:
 * two checks asking for metrics of the same name share one column, and observations carry the
 * keys of {@link #series()} so that baselines stay attached to a stable series across runs.
 */
public sealed interface Metric {

    /** Rows per bucket. */
    Metric ROW_COUNT = new RowCount();
    /** The newest event time in the bucket, in epoch milliseconds. */
    Metric MAX_EVENT_TIME = new MaxEventTime();
    /** The newest ingestion time in the bucket, in epoch milliseconds; needs an ingestion time column. */
    Metric MAX_INGESTION_TIME = new MaxIngestionTime();
    /** Ingestion latency quantiles p50, p95 and p99 in seconds; needs an ingestion time column. */
    Metric LATENCY_QUANTILES = new LatencyQuantiles();

    /** Returns the metric's stable name, e.g. {@code null_rate:properties.user_id}. */
    String name();

    /**
     * Returns the series this metric produces observations for. Most metrics produce one series
     * named like the metric; latency quantiles and tracking-plan violations produce several.
     */
    List<SeriesKey> series();

    /** Rows per bucket: {@code count()}. */
    record RowCount() implements Metric {
        public String name() {
            return "row_count";
        }

        public List<SeriesKey> series() {
            return List.of(SeriesKey.ROW_COUNT);
        }
    }

    /**
     * Share of rows (0..1) where a column is NULL or a JSON property is absent or null.
     *
     * @param column the column or property path
     */
    record NullRate(ColumnRef column) implements Metric {
        public NullRate {
            Objects.requireNonNull(column, "column");
        }

        public String name() {
            return "null_rate:" + column.dotted();
        }

        public List<SeriesKey> series() {
            return List.of(new SeriesKey.NullRate(column.dotted()));
        }
    }

    /**
     * Distinct values of a column or property. The name does not depend on {@code exact}: when
     * one check asks for the exact count and another for the estimate of the same column, the
     * planner computes the exact count once and both checks read it.
     *
     * @param column the column or property path
     * @param exact {@code uniqExact} when true, the HyperLogLog estimate {@code uniqHLL12} otherwise
     */
    record Distinct(ColumnRef column, boolean exact) implements Metric {
        public Distinct {
            Objects.requireNonNull(column, "column");
        }

        public String name() {
            return "distinct:" + column.dotted();
        }

        public List<SeriesKey> series() {
            return List.of(new SeriesKey.Distinct(column.dotted()));
        }
    }

    /** Ingestion time minus event time: p50, p95 and p99 in seconds (t-digest estimates). */
    record LatencyQuantiles() implements Metric {
        /** The quantile levels, in the order of {@link #series()}. */
        public static final List<Double> LEVELS = List.of(0.5, 0.95, 0.99);

        public String name() {
            return "latency_seconds";
        }

        public List<SeriesKey> series() {
            return SeriesKey.LatencyQuantile.ALL;
        }
    }

    /**
     * Share of rows (0..1) ingested more than {@code lateAfter} after their event time.
     *
     * @param lateAfter the lateness threshold, positive
     */
    record LateShare(Duration lateAfter) implements Metric {
        public LateShare {
            if (lateAfter == null || lateAfter.isNegative() || lateAfter.isZero()) {
                throw new IllegalArgumentException("late share threshold must be positive, got " + lateAfter);
            }
        }

        /** Returns {@code late_share:600s}, or {@code late_share:1500ms} for thresholds that are not whole seconds. */
        public String name() {
            return key().name();
        }

        public List<SeriesKey> series() {
            return List.of(key());
        }

        private SeriesKey key() {
            return new SeriesKey.LateShare(lateAfter.toMillis() % 1000 == 0
                    ? lateAfter.toSeconds() + "s" : lateAfter.toMillis() + "ms");
        }
    }

    /**
     * Share of rows (0..1) dated more than {@code tolerance} after the run's "now". The scan's
     * window excludes such rows, so this metric is not part of the dataset's bucketed query: it is
     * one aggregate of the per-run side query ({@link FutureQuery}), whose one observation has the
     * window start as its bucket and, as its rows, the rows that query looked at.
     *
     * @param tolerance how far ahead of "now" an event time may be (clock skew), zero or more
     */
    record FutureShare(Duration tolerance) implements Metric {
        public FutureShare {
            if (tolerance == null || tolerance.isNegative()) {
                throw new IllegalArgumentException("future tolerance must be zero or more, got " + tolerance);
            }
        }

        /** Returns {@code future_share:300s}, or {@code future_share:1500ms} for tolerances that are not whole seconds. */
        public String name() {
            return key().name();
        }

        public List<SeriesKey> series() {
            return List.of(key());
        }

        private SeriesKey key() {
            return new SeriesKey.FutureShare(tolerance.toMillis() % 1000 == 0
                    ? tolerance.toSeconds() + "s" : tolerance.toMillis() + "ms");
        }
    }

    /** The newest event time in the bucket, in epoch milliseconds. */
    record MaxEventTime() implements Metric {
        public String name() {
            return "max_event_time";
        }

        public List<SeriesKey> series() {
            return List.of(SeriesKey.MAX_EVENT_TIME);
        }
    }

    /** The newest ingestion time in the bucket, in epoch milliseconds. */
    record MaxIngestionTime() implements Metric {
        public String name() {
            return "max_ingestion_time";
        }

        public List<SeriesKey> series() {
            return List.of(SeriesKey.MAX_INGESTION_TIME);
        }
    }

    /**
     * Rows that break the tracking plan. Produces {@code plan_violation_share} (rows with any
     * violation / all rows) and one row count per rule: {@code plan_violation:EVENT:PROPERTY:required},
     * {@code :type} and {@code :enum} per property, {@code plan_violation:EVENT:additional_properties}
     * (contracts with {@code additionalProperties: false}), {@code plan_violation:EVENT:unknown_version}
     * (with a version column, rows of a version that has no contract) and
     * {@code plan_violation:unknown_event}. A rule spans the event's schema versions, so its series
     * survives a version bump; without a version column only the newest contract of an event applies.
     *
     * @param propertiesColumn the JSON (or String holding JSON) payload column
     * @param eventNameColumn the column naming the event
     * @param schemaVersionColumn the column naming the schema version, or null
     * @param contracts the tracking plan
     */
    record PlanViolations(String propertiesColumn, String eventNameColumn, String schemaVersionColumn,
                          List<EventContract> contracts) implements Metric {
        public PlanViolations {
            Objects.requireNonNull(propertiesColumn, "propertiesColumn");
            Objects.requireNonNull(eventNameColumn, "eventNameColumn");
            contracts = List.copyOf(contracts);
        }

        public String name() {
            return "plan_violation_share";
        }

        public List<SeriesKey> series() {
            List<SeriesKey> keys = new ArrayList<>();
            keys.add(SeriesKey.PLAN_VIOLATION_SHARE);
            PlanRules.of(this).forEach(rule -> keys.add(rule.series()));
            return List.copyOf(keys);
        }
    }

    /**
     * A user-defined aggregate, evaluated as {@code toFloat64((expression))}.
     *
     * @param checkName the custom check's name, unique within its dataset
     * @param expression an aggregate SQL expression from trusted configuration
     */
    record Custom(String checkName, String expression) implements Metric {
        public Custom {
            Objects.requireNonNull(checkName, "checkName");
            Objects.requireNonNull(expression, "expression");
        }

        public String name() {
            return "custom:" + checkName;
        }

        public List<SeriesKey> series() {
            return List.of(new SeriesKey.Custom(checkName));
        }
    }
}
