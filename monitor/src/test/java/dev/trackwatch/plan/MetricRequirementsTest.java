package dev.trackwatch.plan;

import dev.trackwatch.checks.CardinalitySpec;
import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.checks.CustomSpec;
import dev.trackwatch.checks.FreshnessSpec;
import dev.trackwatch.checks.LatencySpec;
import dev.trackwatch.checks.NullRateSpec;
import dev.trackwatch.checks.SchemaSpec;
import dev.trackwatch.checks.VolumeSpec;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.ColumnRef;
import dev.trackwatch.config.DatasetSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.trackwatch.plan.PlanTestEvents.common;
import static dev.trackwatch.plan.PlanTestEvents.dataset;
import static org.assertj.core.api.Assertions.assertThat;

/** What each check type requests, and the stable series names of metrics. */
class MetricRequirementsTest {

    private static final DatasetSpec EVENTS = dataset("events", null, new CheckSpec[0]);

    private static List<MetricRequest> required(CheckSpec check) {
        return CheckTypes.metrics(EVENTS, check, PlanTestEvents.trackingPlan());
    }

    private static ColumnRef ref(String column, String... path) {
        return new ColumnRef(column, List.of(path));
    }

    @Test
    void eachCheckTypeRequestsItsMetrics() {
        assertThat(required(new VolumeSpec(common("v"), List.of("platform", "country"), 10, Bounds.NONE)))
                .containsExactly(new MetricRequest("v", Metric.ROW_COUNT, List.of("platform", "country")));
        assertThat(required(new FreshnessSpec(common("f"), Duration.ofHours(1), Duration.ofHours(2), true)))
                .containsExactly(MetricRequest.total("f", Metric.MAX_EVENT_TIME), MetricRequest.total("f", Metric.MAX_INGESTION_TIME),
                        MetricRequest.total("f", Metric.ROW_COUNT),
                        MetricRequest.total("f", new Metric.FutureShare(Duration.ofMinutes(5))));
        assertThat(required(new NullRateSpec(common("n"), List.of(ref("user_id"), ref("properties", "user_id")),
                List.of("platform"), Bounds.NONE))).containsExactly(
                new MetricRequest("n", new Metric.NullRate(ref("user_id")), List.of("platform")),
                new MetricRequest("n", new Metric.NullRate(ref("properties", "user_id")), List.of("platform")));
        assertThat(required(new CardinalitySpec(common("c"), List.of(ref("page_path")), false, List.of(), Bounds.NONE)))
                .containsExactly(MetricRequest.total("c", new Metric.Distinct(ref("page_path"), false)));
        assertThat(required(new LatencySpec(common("l"), Duration.ofMinutes(10), List.of("platform"), Bounds.NONE,
                Bounds.NONE))).containsExactly(new MetricRequest("l", Metric.LATENCY_QUANTILES, List.of("platform")),
                new MetricRequest("l", new Metric.LateShare(Duration.ofMinutes(10)), List.of("platform")),
                new MetricRequest("l", new Metric.NullRate(ref("ingested_at")), List.of("platform")));
        assertThat(required(new CustomSpec(common("neg"), "countIf(amount < 0)", List.of(), Bounds.NONE)))
                .containsExactly(MetricRequest.total("neg", new Metric.Custom("neg", "countIf(amount < 0)")));
    }

    @Test
    void schemaChecksScanOnlyForTheTrackingPlan() {
        assertThat(required(PlanTestEvents.schema("s", "properties"))).singleElement()
                .satisfies(r -> assertThat(r.metric()).isEqualTo(new Metric.PlanViolations("properties", "event_name",
                        "schema_version", PlanTestEvents.trackingPlan())));
        SchemaSpec ddlOnly = new SchemaSpec(common("ddl"), Map.of("event_time", "DateTime64(3, 'UTC')"), false,
                false, null, null, null, Bounds.NONE);
        assertThat(required(ddlOnly)).isEmpty();
    }

    @Test
    void freshnessWithoutIngestionTimeRequestsEventTimeOnly() {
        DatasetSpec noIngestion = new DatasetSpec("raw", "db", "raw", "ts", null, Duration.ofHours(1), List.of(), null,
                "growth", Map.of(), Duration.ofMinutes(5), 0, Duration.ofDays(1), List.of(),
                dev.trackwatch.config.SourceLocation.of("datasets/raw.yaml"));
        assertThat(CheckTypes.metrics(noIngestion, new FreshnessSpec(common("f"), Duration.ofHours(1), null, true),
                List.of())).extracting(r -> r.metric().name()).containsExactly("max_event_time", "row_count",
                "future_share:300s");
    }

    @Test
    void metricNamesAreStableSeriesNames() {
        assertThat(Metric.ROW_COUNT.name()).isEqualTo("row_count");
        assertThat(new Metric.NullRate(ref("user_id")).name()).isEqualTo("null_rate:user_id");
        assertThat(new Metric.NullRate(ref("properties", "user_id")).name()).isEqualTo("null_rate:properties.user_id");
        assertThat(new Metric.Distinct(ref("page_path"), true).name()).isEqualTo("distinct:page_path");
        assertThat(new Metric.Distinct(ref("page_path"), false).name()).isEqualTo("distinct:page_path");
        assertThat(Metric.LATENCY_QUANTILES.series()).extracting(SeriesKey::name)
                .containsExactly("latency_p50_seconds", "latency_p95_seconds", "latency_p99_seconds");
        assertThat(new Metric.LateShare(Duration.ofMinutes(10)).name()).isEqualTo("late_share:600s");
        assertThat(new Metric.LateShare(Duration.ofMillis(1500)).name()).isEqualTo("late_share:1500ms");
        assertThat(Metric.MAX_EVENT_TIME.name()).isEqualTo("max_event_time");
        assertThat(Metric.MAX_INGESTION_TIME.name()).isEqualTo("max_ingestion_time");
        assertThat(new Metric.Custom("neg_amounts", "countIf(amount < 0)").name()).isEqualTo("custom:neg_amounts");
    }

    @Test
    void trackingPlanSeriesSpanVersionsAndIncludeUnknownEvents() {
        Metric.PlanViolations versioned = new Metric.PlanViolations("properties", "event_name", "schema_version",
                PlanTestEvents.trackingPlan());
        assertThat(versioned.series()).extracting(SeriesKey::name).containsExactly(
                "plan_violation_share",
                "plan_violation:page_view:path:type",
                "plan_violation:page_view:unknown_version",
                "plan_violation:purchase:amount_cents:required",
                "plan_violation:purchase:amount_cents:type",
                "plan_violation:purchase:coupon:type",
                "plan_violation:purchase:currency:required",
                "plan_violation:purchase:currency:type",
                "plan_violation:purchase:currency:enum",
                "plan_violation:purchase:order_id:required",
                "plan_violation:purchase:order_id:type",
                "plan_violation:purchase:additional_properties",
                "plan_violation:purchase:unknown_version",
                "plan_violation:signup:method:required",
                "plan_violation:signup:method:type",
                "plan_violation:signup:method:enum",
                "plan_violation:signup:unknown_version",
                "plan_violation:unknown_event");
        // Without a version column only the newest contract applies, and no version can be unknown.
        Metric.PlanViolations unversioned = new Metric.PlanViolations("properties", "event_name", null,
                PlanTestEvents.trackingPlan());
        assertThat(unversioned.series()).extracting(SeriesKey::name).noneMatch(s -> s.endsWith("unknown_version"))
                .contains("plan_violation:purchase:coupon:type");
        assertThat(PlanRules.of(unversioned)).filteredOn(r -> "purchase".equals(r.event()))
                .allSatisfy(r -> assertThat(r.contracts()).extracting(c -> c.version()).containsExactly(2));
    }
}
