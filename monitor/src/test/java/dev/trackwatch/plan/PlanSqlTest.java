package dev.trackwatch.plan;

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
import org.jooq.conf.ParamType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.trackwatch.plan.PlanTestEvents.FROM;
import static dev.trackwatch.plan.PlanTestEvents.TO;
import static dev.trackwatch.plan.PlanTestEvents.common;
import static dev.trackwatch.plan.PlanTestEvents.dataset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The planner's SQL, without a database: one query, quoting, bind values, and what it refuses. */
class PlanSqlTest {

    /** The columns of {@code plan_test.events} as system.columns reports them. */
    static TableColumns columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("event_id", "UInt32");
        columns.put("event_time", "DateTime64(3, 'UTC')");
        columns.put("ingested_at", "DateTime64(3, 'UTC')");
        columns.put("event_name", "LowCardinality(String)");
        columns.put("platform", "LowCardinality(String)");
        columns.put("country", "LowCardinality(Nullable(String))");
        columns.put("user-id", "Nullable(String)");
        columns.put("order", "String");
        columns.put("properties", "JSON");
        columns.put("payload", "String");
        columns.put("schema_version", "UInt16");
        return new TableColumns("plan_test", "events", columns);
    }

    private static DatasetQuery plan(DatasetSpec dataset) {
        return QueryPlanner.plan(dataset, CheckTypes.metrics(dataset, PlanTestEvents.trackingPlan()), columns(), FROM, TO);
    }

    private static ColumnRef ref(String column, String... path) {
        return new ColumnRef(column, List.of(path));
    }

    @Test
    void everyCheckOfTheDatasetIsOneSelectWithGroupingSetsAndBoundValues() {
        DatasetQuery query = plan(dataset("events", "platform != 'bot'",
                new VolumeSpec(common("volume"), List.of("platform", "country"), 0, Bounds.NONE),
                new LatencySpec(common("latency"), Duration.ofMinutes(10), List.of("platform"), Bounds.NONE, Bounds.NONE),
                PlanTestEvents.schema("schema", "properties")));

        String sql = query.sql();
        assertThat(sql).containsOnlyOnce("SELECT").containsOnlyOnce("FROM").containsOnlyOnce("GROUP BY GROUPING SETS")
                .contains("(\"_tw_bucket\"),", "(\"_tw_bucket\", \"plan_test\".\"events\".\"platform\")",
                        "(\"_tw_bucket\", \"plan_test\".\"events\".\"country\")")
                .contains("grouping(\"plan_test\".\"events\".\"country\")")
                .contains("toStartOfInterval(\"plan_test\".\"events\".\"event_time\", toIntervalSecond(?))")
                .contains("\"plan_test\".\"events\".\"event_time\" >= fromUnixTimestamp64Milli(?, 'UTC')")
                .contains("\"plan_test\".\"events\".\"event_time\" < fromUnixTimestamp64Milli(?, 'UTC')")
                .contains("AND (platform != 'bot')")
                .contains("quantilesTDigest(0.5, 0.95, 0.99)", "> ?) / count()", "\"plan_test\".\"events\".\"event_name\" = ?")
                .doesNotContain("'purchase'", "'EUR'", "'USD'", "600000", "3600");
        assertThat(query.query().getSQL(ParamType.INDEXED)).isEqualTo(sql);
        assertThat(query.bindValues()).contains(3600L, FROM.toEpochMilli(), TO.toEpochMilli(), 600_000L,
                "purchase", "page_view", "signup", "EUR", "USD", "email", "google");
        assertThat(query.executableSql()).contains("'purchase'", "'EUR'", "fromUnixTimestamp64Milli(" + FROM.toEpochMilli())
                .doesNotContain("?)");
        assertThat(query.segments()).extracting(DatasetQuery.Segment::dimension).containsExactly("platform", "country");
        assertThat(query.unplanned()).isEmpty();
    }

    @Test
    void seriesAreEmittedOnlyForTheSegmentsTheirChecksAskedFor() {
        DatasetQuery query = plan(dataset("events", null,
                new VolumeSpec(common("volume"), List.of("platform"), 0, Bounds.NONE),
                new NullRateSpec(common("nulls"), List.of(ref("user-id")), List.of("country"), Bounds.NONE),
                new FreshnessSpec(common("freshness"), Duration.ofHours(1), null, true)));
        Map<String, DatasetQuery.Series> series = new LinkedHashMap<>();
        query.series().forEach(s -> series.put(s.series().name(), s));
        assertThat(series.get("row_count").segments()).containsExactly("platform");
        assertThat(series.get("row_count").column()).isEqualTo(query.rowsColumn());
        assertThat(series.get("null_rate:user-id").segments()).containsExactly("country");
        assertThat(series.get("max_event_time").segments()).isEmpty();
        assertThat(query.segments()).extracting(DatasetQuery.Segment::dimension).containsExactly("platform", "country");
        // Freshness also asks for row_count: merged with the volume check's, still one count().
        assertThat(query.sql()).containsOnlyOnce("count() AS \"_tw_rows\"").doesNotContain("toFloat64(count())");
    }

    @Test
    void identifiersThatNeedQuotingAreQuoted() {
        DatasetQuery query = plan(dataset("events", null,
                new VolumeSpec(common("volume"), List.of("order"), 0, Bounds.NONE),
                new NullRateSpec(common("nulls"), List.of(ref("user-id"), ref("properties", "user-id")), List.of(),
                        Bounds.NONE)));
        assertThat(query.sql()).contains("\"plan_test\".\"events\".\"user-id\" IS NULL",
                "\"plan_test\".\"events\".\"properties\".\"user-id\" IS NULL",
                "(\"_tw_bucket\", \"plan_test\".\"events\".\"order\")");
    }

    @Test
    void maliciousNamesAreRejectedBeforeAnySqlIsBuilt() {
        assertThatThrownBy(() -> plan(dataset("events", null, new VolumeSpec(common("volume"),
                List.of("platform`) SETTINGS readonly=0 --"), 0, Bounds.NONE))))
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith("dataset 'events', check 'volume': segment 'platform`) SETTINGS readonly=0 --'")
                .hasMessageContaining("is not a valid identifier");
        assertThatThrownBy(() -> plan(dataset("events", null, new NullRateSpec(common("nulls"),
                List.of(ref("user\"id")), List.of(), Bounds.NONE))))
                .isInstanceOf(PlanException.class).hasMessageContaining("dataset 'events', check 'nulls': column 'user\"id'");
        assertThatThrownBy(() -> plan(dataset("events", null, new NullRateSpec(common("nulls"),
                List.of(ref("properties", "a'b")), List.of(), Bounds.NONE))))
                .isInstanceOf(PlanException.class).hasMessageContaining("property of 'properties.a'b'");
        DatasetSpec badTable = new DatasetSpec("events", "plan_test", "events; DROP TABLE x", "event_time", null,
                Duration.ofHours(1), List.of(), null, "growth", Map.of(), Duration.ofMinutes(5), 0, Duration.ofDays(1),
                List.of(), dev.trackwatch.config.SourceLocation.of("datasets/events.yaml"));
        assertThatThrownBy(() -> QueryPlanner.plan(badTable, List.of(), columns(), FROM, TO))
                .isInstanceOf(PlanException.class).hasMessageStartingWith("dataset 'events': table");
    }

    @Test
    void filterAndCustomExpressionsMustStayOneExpression() {
        assertThatThrownBy(() -> plan(dataset("events", "1 = 1) OR (1 = 1", new CheckSpec[0])))
                .isInstanceOf(PlanException.class).hasMessageStartingWith("dataset 'events': filter has an unbalanced ')'");
        assertThatThrownBy(() -> plan(dataset("events", "platform = 'web' -- only web", new CheckSpec[0])))
                .isInstanceOf(PlanException.class).hasMessageContaining("must not contain comments");
        assertThatThrownBy(() -> plan(dataset("events", null, new CustomSpec(common("spend"),
                "sum(x); DROP TABLE plan_test.events", List.of(), Bounds.NONE))))
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith("dataset 'events', check 'spend': expression must be a single expression (';')");
        assertThatThrownBy(() -> plan(dataset("events", null, new CustomSpec(common("spend"),
                "count(), sum(event_id)", List.of(), Bounds.NONE))))
                .isInstanceOf(PlanException.class).hasMessageContaining("top-level ','");
    }

    @Test
    void customExpressionsAreRenderedVerbatimInParentheses() {
        DatasetQuery query = plan(dataset("events", null, new CustomSpec(common("odd"),
                "countIf(`order` = '?{0}' AND platform = 'it\\'s')", List.of("platform"), Bounds.NONE)));
        assertThat(query.sql()).contains("toFloat64((countIf(`order` = '?{0}' AND platform = 'it\\'s'))) AS \"_tw_m0\"");
        assertThat(query.executableSql()).contains("toFloat64((countIf(`order` = '?{0}' AND platform = 'it\\'s')))");
        assertThat(query.series()).extracting(s -> s.series().name()).containsExactly("custom:odd");
    }

    @Test
    void stringPayloadsBindPropertyNames() {
        DatasetQuery query = plan(dataset("events", null, PlanTestEvents.schema("schema", "payload"),
                new NullRateSpec(common("nulls"), List.of(ref("payload", "order_id")), List.of(), Bounds.NONE)));
        assertThat(query.sql()).contains("JSONHas(\"plan_test\".\"events\".\"payload\", ?)",
                "JSONType(\"plan_test\".\"events\".\"payload\", ?) = 'Null'")
                .doesNotContain("'order_id'", "'amount_cents'");
        assertThat(query.bindValues()).contains("order_id", "amount_cents", "currency", "method");
    }

    @Test
    void anExactDistinctCountServesAnApproximateRequestForTheSameColumn() {
        DatasetQuery query = plan(dataset("events", null,
                new CardinalitySpec(common("approx"), List.of(ref("user-id")), false, List.of("platform"), Bounds.NONE),
                new CardinalitySpec(common("exact"), List.of(ref("user-id")), true, List.of(), Bounds.NONE)));
        assertThat(query.sql()).containsOnlyOnce("uniqExact(\"plan_test\".\"events\".\"user-id\")").doesNotContain("uniqHLL12");
        assertThat(query.series()).singleElement().satisfies(s -> {
            assertThat(s.series()).isEqualTo(new SeriesKey.Distinct("user-id"));
            assertThat(s.segments()).containsExactly("platform");
        });
    }

    @Test
    void requestsOnMissingColumnsAreLeftOutWithAReasonAndTheRestStillRuns() {
        DatasetSpec noIngestion = new DatasetSpec("events", "plan_test", "events", "event_time", null, Duration.ofHours(1),
                List.of(), null, "growth", Map.of(), Duration.ofMinutes(5), 0, Duration.ofDays(1), List.of(
                new VolumeSpec(common("volume"), List.of("gone_dimension"), 0, Bounds.NONE),
                new NullRateSpec(common("nulls"), List.of(ref("dropped"), ref("user-id")), List.of(), Bounds.NONE),
                new NullRateSpec(common("path"), List.of(ref("event_id", "x")), List.of(), Bounds.NONE),
                new LatencySpec(common("latency"), Duration.ofSeconds(30), List.of(), Bounds.NONE, Bounds.NONE),
                new FreshnessSpec(common("freshness"), Duration.ofHours(1), null, true)),
                dev.trackwatch.config.SourceLocation.of("datasets/events.yaml"));
        DatasetQuery query = QueryPlanner.plan(noIngestion, CheckTypes.metrics(noIngestion, List.of()), columns(), FROM, TO);
        assertThat(query.unplanned()).extracting(UnplannedRequest::reason).containsExactly(
                "dataset 'events', check 'volume': segment 'gone_dimension' does not exist in plan_test.events",
                "dataset 'events', check 'nulls': column 'dropped' does not exist in plan_test.events",
                "dataset 'events', check 'path': column 'event_id' has type UInt32; the path 'event_id.x' needs a JSON or String column",
                "dataset 'events', check 'latency': the dataset has no ingestion_time column",
                "dataset 'events', check 'latency': the dataset has no ingestion_time column");
        assertThat(query.series()).extracting(s -> s.series().name())
                .containsExactly("null_rate:user-id", "max_event_time", "row_count");
    }

    @Test
    void aMissingTableOrEventTimeColumnFailsTheWholeDataset() {
        DatasetSpec events = dataset("events", null, new CheckSpec[0]);
        assertThatThrownBy(() -> QueryPlanner.plan(events, List.of(), new TableColumns("plan_test", "events", Map.of()), FROM, TO))
                .isInstanceOf(PlanException.class)
                .hasMessage("dataset 'events': table plan_test.events does not exist (no columns in system.columns)");
        assertThatThrownBy(() -> QueryPlanner.plan(events, List.of(),
                new TableColumns("plan_test", "events", Map.of("ts", "DateTime")), FROM, TO))
                .isInstanceOf(PlanException.class)
                .hasMessage("dataset 'events': event_time column 'event_time' does not exist in plan_test.events");
        Map<String, String> clash = new LinkedHashMap<>(columns().columns());
        clash.put("_tw_rows", "UInt64");
        assertThatThrownBy(() -> QueryPlanner.plan(events, List.of(), new TableColumns("plan_test", "events", clash), FROM, TO))
                .isInstanceOf(PlanException.class).hasMessageContaining("'_tw_rows'");
        assertThatThrownBy(() -> QueryPlanner.plan(events, List.of(), columns(), TO, TO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dataset 'events': window start");
    }

    @Test
    void typedJsonPathsAreNotTypeCheckedBecauseClickHouseEnforcesTheirType() {
        Map<String, String> typed = new LinkedHashMap<>(columns().columns());
        typed.put("properties", "JSON(amount_cents Int64, max_dynamic_paths=64, SKIP debug, `order_id` String)");
        assertThat(PayloadSql.typedPaths(typed.get("properties"))).containsExactlyInAnyOrder("amount_cents", "order_id");
        DatasetSpec dataset = dataset("events", null, PlanTestEvents.schema("schema", "properties"));
        DatasetQuery query = QueryPlanner.plan(dataset, CheckTypes.metrics(dataset, PlanTestEvents.trackingPlan()),
                new TableColumns("plan_test", "events", typed), FROM, TO);
        assertThat(query.sql()).doesNotContain("dynamicType(\"plan_test\".\"events\".\"properties\".\"amount_cents\")")
                .contains("dynamicType(\"plan_test\".\"events\".\"properties\".\"currency\")");
    }
}
