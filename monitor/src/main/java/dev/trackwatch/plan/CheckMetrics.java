package dev.trackwatch.plan;

import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.EventContract;

import java.util.ArrayList;
import java.util.List;

/**
 * What each type of check needs from the scan. Evaluation reads the observations of these
 * metrics' series back by name ({@link Metric#seriesNames()}).
 */
public final class CheckMetrics {

    private CheckMetrics() {
    }

    /**
     * Returns the metric requests of one check.
     *
     * <ul>
     *   <li>volume: {@code row_count} per its segments;</li>
     *   <li>freshness: {@code max_event_time}, {@code max_ingestion_time} (when the dataset has an
     *       ingestion time column) and {@code row_count}, totals only;</li>
     *   <li>null_rate: {@code null_rate:COLUMN} per column, per its segments;</li>
     *   <li>cardinality: {@code distinct:COLUMN} per column, per its segments;</li>
     *   <li>latency: the latency quantiles and {@code late_share:Ns}, per its segments (the planner
     *       leaves them out, with a reason, when the dataset has no ingestion time column);</li>
     *   <li>schema: {@code plan_violation_share} and the per-rule counts when it checks the
     *       tracking plan, totals only; its DDL part needs no scan (see {@link SchemaDrift});</li>
     *   <li>custom: {@code custom:NAME} per its segments.</li>
     * </ul>
     *
     * @param dataset the check's dataset
     * @param check the check
     * @param trackingPlan every event contract of the tracking plan
     * @return the requests, possibly empty (a schema check without tracking plan)
     */
    public static List<MetricRequest> required(DatasetSpec dataset, CheckSpec check, List<EventContract> trackingPlan) {
        String name = check.common().name();
        return switch (check) {
            case CheckSpec.Volume v -> List.of(new MetricRequest(name, Metric.ROW_COUNT, v.segments()));
            case CheckSpec.Freshness f -> {
                List<MetricRequest> requests = new ArrayList<>();
                requests.add(MetricRequest.total(name, Metric.MAX_EVENT_TIME));
                if (dataset.ingestionTimeColumn() != null) {
                    requests.add(MetricRequest.total(name, Metric.MAX_INGESTION_TIME));
                }
                requests.add(MetricRequest.total(name, Metric.ROW_COUNT));
                yield List.copyOf(requests);
            }
            case CheckSpec.NullRate n -> n.columns().stream()
                    .map(c -> new MetricRequest(name, new Metric.NullRate(c), n.segments())).toList();
            case CheckSpec.Cardinality c -> c.columns().stream()
                    .map(col -> new MetricRequest(name, new Metric.Distinct(col, c.exact()), c.segments())).toList();
            case CheckSpec.Latency l -> {
                List<MetricRequest> requests = new ArrayList<>();
                requests.add(new MetricRequest(name, Metric.LATENCY_QUANTILES, l.segments()));
                if (l.lateAfter() != null) {
                    requests.add(new MetricRequest(name, new Metric.LateShare(l.lateAfter()), l.segments()));
                }
                yield List.copyOf(requests);
            }
            case CheckSpec.Schema s -> {
                if (!s.trackingPlan()) {
                    yield List.of();
                }
                if (s.propertiesColumn() == null || s.eventNameColumn() == null) {
                    throw new IllegalArgumentException("dataset '" + dataset.name() + "', check '" + name
                            + "': tracking_plan needs properties_column and event_name_column");
                }
                yield List.of(MetricRequest.total(name, new Metric.PlanViolations(s.propertiesColumn(),
                        s.eventNameColumn(), s.schemaVersionColumn(), trackingPlan)));
            }
            case CheckSpec.Custom c -> List.of(new MetricRequest(name, new Metric.Custom(name, c.expression()),
                    c.segments()));
        };
    }

    /** Returns the requests of every check of the dataset, in check order. */
    public static List<MetricRequest> required(DatasetSpec dataset, List<EventContract> trackingPlan) {
        return dataset.checks().stream().flatMap(c -> required(dataset, c, trackingPlan).stream()).toList();
    }
}
