package dev.trackwatch.plan;

import java.util.List;
import java.util.Objects;

/**
 * Which series a value belongs to: the typed name of one column of a scan, carried from the plan
 * through observations, storage and judging to check results. Its {@link #name()} is the stored
 * and printed form ({@code null_rate:user_id}, {@code latency_p95_seconds}, ...); {@link #parse}
 * is the one place that reads such a name back, at the storage and JSON boundary.
 */
public sealed interface SeriesKey {

    /** Rows per bucket. */
    SeriesKey ROW_COUNT = new RowCount();
    /** The newest event time in the bucket. */
    SeriesKey MAX_EVENT_TIME = new MaxEventTime();
    /** The newest ingestion time in the bucket. */
    SeriesKey MAX_INGESTION_TIME = new MaxIngestionTime();
    /** The share of a bucket's events that break the tracking plan. */
    SeriesKey PLAN_VIOLATION_SHARE = new PlanViolationShare();
    /** A verdict about the whole schema contract (no drift found). */
    SeriesKey DDL = new Ddl(null);
    /** The stand-in series of a monitor fault. */
    SeriesKey MONITOR_FAULT = new MonitorFault();

    /** Returns the stable name, as stored and printed. */
    String name();

    /**
     * Returns the column (or property path, or tracking-plan property) the series is about, or null
     * for table-wide series: {@code null_rate:user_id} is about {@code user_id}.
     */
    default String column() {
        return null;
    }

    /** Rows per bucket. */
    record RowCount() implements SeriesKey {
        public String name() {
            return "row_count";
        }
    }

    /** The newest event time, epoch milliseconds. */
    record MaxEventTime() implements SeriesKey {
        public String name() {
            return "max_event_time";
        }
    }

    /** The newest ingestion time, epoch milliseconds. */
    record MaxIngestionTime() implements SeriesKey {
        public String name() {
            return "max_ingestion_time";
        }
    }

    /**
     * The share of rows where a column or property is NULL or absent.
     *
     * @param column the dotted column or property path
     */
    record NullRate(String column) implements SeriesKey {
        public NullRate {
            Objects.requireNonNull(column, "column");
        }

        public String name() {
            return "null_rate:" + column;
        }
    }

    /**
     * Distinct values of a column or property.
     *
     * @param column the dotted column or property path
     */
    record Distinct(String column) implements SeriesKey {
        public Distinct {
            Objects.requireNonNull(column, "column");
        }

        public String name() {
            return "distinct:" + column;
        }
    }

    /**
     * One ingestion-latency quantile in seconds.
     *
     * @param percentile 50, 95 or 99
     */
    record LatencyQuantile(int percentile) implements SeriesKey {
        /** The median. */
        public static final LatencyQuantile P50 = new LatencyQuantile(50);
        /** The 95th percentile, the one latency checks judge. */
        public static final LatencyQuantile P95 = new LatencyQuantile(95);
        /** The 99th percentile. */
        public static final LatencyQuantile P99 = new LatencyQuantile(99);
        /** The three, in the order of the quantiles column. */
        public static final List<SeriesKey> ALL = List.of(P50, P95, P99);

        public String name() {
            return "latency_p" + percentile + "_seconds";
        }
    }

    /**
     * The share of rows ingested later than a threshold.
     *
     * @param threshold the threshold as named, e.g. {@code 600s} or {@code 1500ms}
     */
    record LateShare(String threshold) implements SeriesKey {
        public LateShare {
            Objects.requireNonNull(threshold, "threshold");
        }

        public String name() {
            return "late_share:" + threshold;
        }
    }

    /**
     * The share of the rows a run looked at that are dated later than its "now" plus a tolerance.
     *
     * @param tolerance the tolerance as named, e.g. {@code 300s}
     */
    record FutureShare(String tolerance) implements SeriesKey {
        public FutureShare {
            Objects.requireNonNull(tolerance, "tolerance");
        }

        public String name() {
            return "future_share:" + tolerance;
        }
    }

    /** The share of a bucket's events that break any tracking-plan rule. */
    record PlanViolationShare() implements SeriesKey {
        public String name() {
            return "plan_violation_share";
        }
    }

    /**
     * The count of one tracking-plan rule's violations (judged as a share of the bucket's events).
     *
     * @param event the event, or null for the unknown-event rule
     * @param property the property, or null for event-level rules
     * @param rule the rule, e.g. {@code required}, {@code additional_properties}, {@code unknown_event}
     */
    record PlanRule(String event, String property, String rule) implements SeriesKey {
        public PlanRule {
            Objects.requireNonNull(rule, "rule");
        }

        public String name() {
            return "plan_violation:" + (event == null ? "" : event + ":") + (property == null ? "" : property + ":") + rule;
        }

        /** The property, else the rule of an event-level rule (the name's third part), else null. */
        @Override
        public String column() {
            return property != null ? property : event != null ? rule : null;
        }
    }

    /**
     * A custom check's value.
     *
     * @param check the custom check's name
     */
    record Custom(String check) implements SeriesKey {
        public Custom {
            Objects.requireNonNull(check, "check");
        }

        public String name() {
            return "custom:" + check;
        }
    }

    /**
     * A DDL contract verdict: one drifted column, or (column null) the whole contract.
     *
     * @param column the drifted column, or null
     */
    record Ddl(String column) implements SeriesKey {
        public String name() {
            return column == null ? "ddl" : "ddl:" + column;
        }
    }

    /** The series a monitor fault stands on. */
    record MonitorFault() implements SeriesKey {
        public String name() {
            return "monitor_fault";
        }
    }

    /**
     * A name this version does not know (stored by another version, or written by hand); kept as
     * it is so that nothing read back is lost.
     *
     * @param name the name
     */
    record Unknown(String name) implements SeriesKey {
        public Unknown {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Reads a name back into its key: the one place that does, at the storage and JSON boundary.
     * {@code parse(k.name()).equals(k)} for every key.
     *
     * @return the key, or null for null
     */
    static SeriesKey parse(String name) {
        if (name == null) {
            return null;
        }
        int colon = name.indexOf(':');
        String head = colon < 0 ? name : name.substring(0, colon);
        String rest = colon < 0 ? null : name.substring(colon + 1);
        SeriesKey key = switch (head) {
            case "row_count" -> rest == null ? ROW_COUNT : null;
            case "max_event_time" -> rest == null ? MAX_EVENT_TIME : null;
            case "max_ingestion_time" -> rest == null ? MAX_INGESTION_TIME : null;
            case "plan_violation_share" -> rest == null ? PLAN_VIOLATION_SHARE : null;
            case "monitor_fault" -> rest == null ? MONITOR_FAULT : null;
            case "latency_p50_seconds" -> rest == null ? LatencyQuantile.P50 : null;
            case "latency_p95_seconds" -> rest == null ? LatencyQuantile.P95 : null;
            case "latency_p99_seconds" -> rest == null ? LatencyQuantile.P99 : null;
            case "ddl" -> rest == null ? DDL : new Ddl(rest);
            case "null_rate" -> rest == null ? null : new NullRate(rest);
            case "distinct" -> rest == null ? null : new Distinct(rest);
            case "late_share" -> rest == null ? null : new LateShare(rest);
            case "future_share" -> rest == null ? null : new FutureShare(rest);
            case "custom" -> rest == null ? null : new Custom(rest);
            case "plan_violation" -> rest == null ? null : planRule(rest.split(":", -1));
            default -> null;
        };
        return key != null && key.name().equals(name) ? key : new Unknown(name);
    }

    private static SeriesKey planRule(String[] parts) {
        return switch (parts.length) {
            case 1 -> new PlanRule(null, null, parts[0]);
            case 2 -> new PlanRule(parts[0], null, parts[1]);
            case 3 -> new PlanRule(parts[0], parts[1], parts[2]);
            default -> null;
        };
    }
}
