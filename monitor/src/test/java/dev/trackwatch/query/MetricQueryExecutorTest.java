package dev.trackwatch.query;

import dev.trackwatch.checks.CardinalitySpec;
import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.checks.CustomSpec;
import dev.trackwatch.checks.FreshnessSpec;
import dev.trackwatch.checks.LatencySpec;
import dev.trackwatch.checks.NullRateSpec;
import dev.trackwatch.checks.VolumeSpec;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.ColumnRef;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.plan.DatasetQuery;
import dev.trackwatch.plan.PlanTestEvents;
import dev.trackwatch.plan.QueryPlanner;
import dev.trackwatch.plan.TableColumns;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static dev.trackwatch.plan.PlanTestEvents.FROM;
import static dev.trackwatch.plan.PlanTestEvents.TO;
import static dev.trackwatch.plan.PlanTestEvents.common;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** End to end on the embedded ClickHouse: checks → requests → one query → exact observations. */
class MetricQueryExecutorTest {

    private static final QueryGuardrails GUARDRAILS = QueryGuardrails.of(Duration.ofSeconds(20));
    private static final Instant B0 = FROM;
    private static final Instant B1 = FROM.plusSeconds(3600);
    private static final Instant B2 = FROM.plusSeconds(7200);

    private static DSLContext dsl;
    private static DatasetSpec events;
    private static DatasetQuery query;
    private static ScanSuccess scan;

    @BeforeAll
    static void scanOnce() throws Exception {
        dsl = PlanTestEvents.dsl();
        events = PlanTestEvents.dataset("events", null,
                new VolumeSpec(common("volume"), List.of("platform", "country"), 0, Bounds.NONE),
                new NullRateSpec(common("user_nulls"), List.of(ref("user-id"), ref("properties", "order_id"),
                        ref("payload", "order_id")), List.of("platform"), Bounds.NONE),
                new CardinalitySpec(common("users"), List.of(ref("user-id"), ref("order")), true, List.of(),
                        Bounds.NONE),
                new LatencySpec(common("latency"), Duration.ofSeconds(30), List.of("platform"), Bounds.NONE,
                        Bounds.NONE),
                new FreshnessSpec(common("freshness"), Duration.ofHours(1), Duration.ofHours(1), true),
                new CustomSpec(common("web_purchases"),
                        "countIf(platform = 'web' AND event_name = 'purchase')", List.of(), Bounds.NONE));
        query = plan(events);
        scan = success(MetricQueryExecutor.execute(dsl, query, GUARDRAILS));
    }

    @Test
    void rowCountsInTotalAndPerSegmentWithNullAndEmptySegmentValues() {
        assertThat(value("row_count", Map.of(), B0)).isEqualTo(20);
        assertThat(value("row_count", Map.of(), B1)).isEqualTo(10);
        assertThat(value("row_count", Map.of(), B2)).isEqualTo(8);
        assertThat(value("row_count", Map.of("platform", "web"), B0)).isEqualTo(10);
        assertThat(value("row_count", Map.of("platform", "ios"), B0)).isEqualTo(6);
        assertThat(value("row_count", Map.of("platform", "android"), B0)).isEqualTo(4);
        assertThat(value("row_count", Map.of("country", "US"), B0)).isEqualTo(5);
        assertThat(value("row_count", Map.of("country", "DE"), B0)).isEqualTo(5);
        assertThat(value("row_count", Map.of("country", Observation.NULL_SEGMENT), B0)).isEqualTo(6);
        assertThat(value("row_count", Map.of("country", ""), B0)).isEqualTo(4);
        // Segments absent from a bucket have no observation (android has no rows in bucket 2).
        assertThat(find("row_count", Map.of("platform", "android"), B2)).isEmpty();
        assertThat(find("row_count", Map.of("platform", "ios"), B1)).isEmpty();
        assertThat(scan.observations()).allSatisfy(o -> assertThat(o.dataset()).isEqualTo("events"));
    }

    @Test
    void windowIncludesFromAndExcludesTo() {
        // The row exactly at FROM is in bucket 0 (20 rows); the rows at TO and at FROM - 1 ms are not scanned.
        assertThat(scan.observations()).extracting(Observation::bucketStart).containsOnly(B0, B1, B2);
        assertThat(value("max_event_time", Map.of(), B2)).isEqualTo(TO.minusMillis(1).toEpochMilli());
        assertThat(value("max_ingestion_time", Map.of(), B2)).isEqualTo(TO.minusMillis(1).toEpochMilli() + 1000);
    }

    @Test
    void nullRatesOfColumnJsonPathAndStringJsonPath() {
        assertThat(value("null_rate:user-id", Map.of(), B0)).isEqualTo(0.25);
        assertThat(value("null_rate:user-id", Map.of("platform", "web"), B0)).isEqualTo(0.1);
        assertThat(value("null_rate:user-id", Map.of("platform", "ios"), B0)).isEqualTo(0.0);
        assertThat(value("null_rate:user-id", Map.of("platform", "android"), B0)).isEqualTo(1.0);
        assertThat(value("null_rate:user-id", Map.of(), B1)).isEqualTo(0.0);
        // 3 of 20 rows in bucket 0 carry an order_id (purchases o1, o2, o4).
        assertThat(value("null_rate:properties.order_id", Map.of(), B0)).isEqualTo(0.85);
        assertThat(value("null_rate:payload.order_id", Map.of(), B0)).isEqualTo(0.85);
        assertThat(value("null_rate:payload.order_id", Map.of("platform", "web"), B0)).isEqualTo(0.7);
        assertThat(value("null_rate:properties.order_id", Map.of(), B2)).isEqualTo(0.875);
        // The null rate check asked for platform only: no per-country null rates.
        assertThat(scan.observations()).noneMatch(o -> o.metric().name().startsWith("null_rate")
                && o.segment().containsKey("country"));
    }

    @Test
    void distinctCountsOnQuotedColumns() {
        assertThat(value("distinct:user-id", Map.of(), B0)).isEqualTo(9);
        assertThat(value("distinct:user-id", Map.of(), B1)).isEqualTo(10);
        assertThat(value("distinct:user-id", Map.of(), B2)).isEqualTo(5);
        assertThat(value("distinct:order", Map.of(), B0)).isEqualTo(3);
        assertThat(query.sql()).contains("\"plan_test\".\"events\".\"user-id\"", "\"plan_test\".\"events\".\"order\"");
    }

    @Test
    void latencyQuantilesAndLateShare() {
        // Bucket 0: 18 events 2 s late, one 60 s (web), one 600 s (ios).
        assertThat(value("latency_p50_seconds", Map.of(), B0)).isEqualTo(2.0);
        assertThat(value("latency_p95_seconds", Map.of(), B0)).isEqualTo(60.0);
        assertThat(value("latency_p99_seconds", Map.of(), B0)).isEqualTo(600.0);
        assertThat(value("latency_p95_seconds", Map.of("platform", "android"), B0)).isEqualTo(2.0);
        assertThat(value("latency_p95_seconds", Map.of(), B1)).isEqualTo(3.0);
        assertThat(value("latency_p99_seconds", Map.of(), B2)).isEqualTo(1.0);
        assertThat(value("late_share:30s", Map.of(), B0)).isEqualTo(0.1);
        assertThat(value("late_share:30s", Map.of("platform", "web"), B0)).isEqualTo(0.1);
        assertThat(value("late_share:30s", Map.of("platform", "ios"), B0)).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(value("late_share:30s", Map.of("platform", "android"), B0)).isEqualTo(0.0);
        assertThat(value("late_share:30s", Map.of(), B1)).isEqualTo(0.0);
    }

    @Test
    void customExpressionAndRowsPerObservation() {
        assertThat(value("custom:web_purchases", Map.of(), B0)).isEqualTo(4);
        assertThat(value("custom:web_purchases", Map.of(), B1)).isEqualTo(3);
        assertThat(value("custom:web_purchases", Map.of(), B2)).isEqualTo(1);
        assertThat(find("null_rate:user-id", Map.of("platform", "web"), B0).orElseThrow().rows()).isEqualTo(10);
        assertThat(find("latency_p50_seconds", Map.of(), B1).orElseThrow().rows()).isEqualTo(10);
    }

    @Test
    void datasetFilterRestrictsEveryMetric() throws Exception {
        DatasetSpec web = PlanTestEvents.dataset("not_android", "platform != 'android' AND `user-id` IS NOT NULL",
                new VolumeSpec(common("volume"), List.of(), 0, Bounds.NONE),
                new NullRateSpec(common("nulls"), List.of(ref("user-id")), List.of(), Bounds.NONE));
        ScanSuccess filtered = success(MetricQueryExecutor.execute(dsl, plan(web), GUARDRAILS));
        assertThat(filtered.observations()).filteredOn(o -> o.metric().name().equals("row_count"))
                .extracting(Observation::value).containsExactly(15.0, 8.0, 8.0);
        assertThat(filtered.observations()).filteredOn(o -> o.metric().name().startsWith("null_rate"))
                .extracting(Observation::value).containsOnly(0.0);
    }

    @Test
    void aScanAsOfAnEarlierTimeSeesOnlyTheRowsIngestedByThen() throws Exception {
        DatasetSpec volume = PlanTestEvents.dataset("events", null,
                new VolumeSpec(common("volume"), List.of("platform"), 0, Bounds.NONE));
        Instant knownAt = FROM.plusSeconds(300);
        DatasetQuery asOf = QueryPlanner.plan(volume, CheckTypes.metrics(volume, List.of()),
                TableColumnsReader.read(dsl, List.of(volume)).get("events"), FROM, TO, knownAt);
        assertThat(asOf.sql()).contains("\"plan_test\".\"events\".\"ingested_at\" <= fromUnixTimestamp64Milli(?, 'UTC')");
        assertThat(asOf.bindValues()).contains(knownAt.toEpochMilli());
        ScanSuccess early = success(MetricQueryExecutor.execute(dsl, asOf, GUARDRAILS));
        // By 00:05:00 web events 1-5, ios events 2-5 and all 4 android events had arrived.
        assertThat(early.observations()).extracting(Observation::segment, Observation::value).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Map.of(), 13.0),
                org.assertj.core.groups.Tuple.tuple(Map.of("platform", "android"), 4.0),
                org.assertj.core.groups.Tuple.tuple(Map.of("platform", "ios"), 4.0),
                org.assertj.core.groups.Tuple.tuple(Map.of("platform", "web"), 5.0));
    }

    @Test
    void exactAndApproximateDistinctCounts() throws Exception {
        dsl.execute("CREATE TABLE IF NOT EXISTS plan_test.wide (event_time DateTime('UTC'), id UInt64, id_copy UInt64) "
                + "ENGINE = MergeTree ORDER BY event_time");
        dsl.execute("TRUNCATE TABLE plan_test.wide");
        dsl.execute("INSERT INTO plan_test.wide SELECT toDateTime('2026-03-02 00:00:00', 'UTC') + number % 3600, "
                + "number, number FROM numbers(100000)");
        DatasetSpec wide = new DatasetSpec("wide", "plan_test", "wide", "event_time", null, Duration.ofHours(1),
                List.of(), null, "growth", Map.of(), Duration.ofMinutes(5), 0, Duration.ofDays(1), List.of(
                new CardinalitySpec(common("exact"), List.of(ref("id")), true, List.of(), Bounds.NONE),
                new CardinalitySpec(common("approx"), List.of(ref("id_copy")), false, List.of(), Bounds.NONE)),
                dev.trackwatch.config.SourceLocation.of("datasets/wide.yaml"));
        DatasetQuery q = QueryPlanner.plan(wide, CheckTypes.metrics(wide, List.of()),
                TableColumnsReader.read(dsl, List.of(wide)).get("wide"), FROM, TO);
        assertThat(q.sql()).contains("uniqExact(\"plan_test\".\"wide\".\"id\")", "uniqHLL12(\"plan_test\".\"wide\".\"id_copy\")");
        ScanSuccess result = success(MetricQueryExecutor.execute(dsl, q, GUARDRAILS));
        double exact = result.observations().stream().filter(o -> o.metric().name().equals("distinct:id")).findFirst().orElseThrow().value();
        double approx = result.observations().stream().filter(o -> o.metric().name().equals("distinct:id_copy")).findFirst().orElseThrow().value();
        assertThat(exact).isEqualTo(100_000);
        assertThat(approx).isCloseTo(100_000, within(3_000.0)).isNotEqualTo(100_000);
    }

    @Test
    void oneHttpQueryPerDatasetAndWindowWithItsCost() throws Exception {
        assertThat(query.sql()).containsOnlyOnce("SELECT").contains("GROUPING SETS");
        try (CountingProxy proxy = new CountingProxy(TestingClickHouse.embedded().httpUri());
             Connection connection = TestingClickHouse.connect(proxy.jdbcUrl(), new Properties())) {
            DSLContext proxied = DSL.using(connection, SQLDialect.CLICKHOUSE);
            int before = proxy.statements().size();
            ScanSuccess again = success(MetricQueryExecutor.execute(proxied, query, GUARDRAILS));
            assertThat(proxy.statements().subList(before, proxy.statements().size()))
                    .singleElement().satisfies(sql -> assertThat(sql).startsWith("SELECT").contains("GROUPING SETS"));
            assertThat(again.observations()).isEqualTo(scan.observations());
        }
        // The table (one part, one granule) was read once for all 20-odd series, not once per metric.
        assertThat(scan.cost().readRows()).isEqualTo(PlanTestEvents.tableRows());
        assertThat(scan.cost().readBytes()).isPositive();
        assertThat(scan.cost().serverElapsed()).isPositive();
        assertThat(scan.cost().elapsed()).isGreaterThanOrEqualTo(scan.cost().serverElapsed());
        assertThat(scan.cost().queryId()).isNotBlank();
    }

    static DatasetQuery plan(DatasetSpec dataset) throws java.sql.SQLException {
        TableColumns columns = TableColumnsReader.read(PlanTestEvents.dsl(), List.of(dataset)).get(dataset.name());
        DatasetQuery planned = QueryPlanner.plan(dataset, CheckTypes.metrics(dataset, PlanTestEvents.trackingPlan()),
                columns, FROM, TO);
        assertThat(planned.unplanned()).isEmpty();
        return planned;
    }

    static ScanSuccess success(ScanResult result) {
        assertThat(result).isInstanceOf(ScanSuccess.class);
        return (ScanSuccess) result;
    }

    private static ColumnRef ref(String column, String... path) {
        return new ColumnRef(column, List.of(path));
    }

    private static java.util.Optional<Observation> find(String metric, Map<String, String> segment, Instant bucket) {
        return scan.observations().stream()
                .filter(o -> o.metric().name().equals(metric) && o.segment().equals(segment) && o.bucketStart().equals(bucket))
                .findFirst();
    }

    private static double value(String metric, Map<String, String> segment, Instant bucket) {
        return find(metric, segment, bucket).orElseThrow(() -> new AssertionError("no observation " + metric + " "
                + segment + " " + bucket + " in " + scan.observations())).value();
    }
}
