package dev.trackwatch.query;

import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.checks.SchemaSpec;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.config.EventContract.PropertyRule;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.plan.DatasetQuery;
import dev.trackwatch.plan.PlanTestEvents;
import dev.trackwatch.plan.QueryPlanner;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.trackwatch.plan.PlanTestEvents.FROM;
import static dev.trackwatch.plan.PlanTestEvents.TO;
import static dev.trackwatch.plan.PlanTestEvents.common;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tracking-plan rules on the embedded ClickHouse, for a JSON column and for a String column
 * holding the same JSON text. Violations in the fixture: bucket 0 amount_cents "1250" (type),
 * a purchase without order_id (required), currency GBP (enum); bucket 1 amount_cents "99" (type),
 * an undeclared 'coupon' at version 1 (additional_properties); bucket 2 an unknown event
 * 'purchsae' and a purchase at version 9 (unknown_version).
 */
class QueryTrackingPlanTest {

    private static final QueryGuardrails GUARDRAILS = QueryGuardrails.of(Duration.ofSeconds(20));
    private static DSLContext dsl;

    @BeforeAll
    static void table() throws Exception {
        dsl = PlanTestEvents.dsl();
    }

    @ParameterizedTest
    @ValueSource(strings = {"properties", "payload"})
    void eachRuleCountsItsViolationsPerBucket(String payloadColumn) {
        Map<Instant, Map<String, Double>> violations = violations(PlanTestEvents.dataset("events", null,
                PlanTestEvents.schema("schema", payloadColumn)));

        assertThat(nonZero(violations.get(FROM))).containsOnly(
                entry("plan_violation_share", 0.15),
                entry("plan_violation:purchase:amount_cents:type", 1.0),
                entry("plan_violation:purchase:order_id:required", 1.0),
                entry("plan_violation:purchase:currency:enum", 1.0));
        assertThat(nonZero(violations.get(FROM.plusSeconds(3600)))).containsOnly(
                entry("plan_violation_share", 0.2),
                entry("plan_violation:purchase:amount_cents:type", 1.0),
                entry("plan_violation:purchase:additional_properties", 1.0));
        assertThat(nonZero(violations.get(FROM.plusSeconds(7200)))).containsOnly(
                entry("plan_violation_share", 0.25),
                entry("plan_violation:unknown_event", 1.0),
                entry("plan_violation:purchase:unknown_version", 1.0));
        // Every series of the metric is observed in every bucket, zeros included.
        assertThat(violations.get(FROM)).hasSize(18);
    }

    @Test
    void withoutAVersionColumnTheNewestContractAppliesToEveryRow() {
        SchemaSpec unversioned = new SchemaSpec(common("schema"), Map.of(), true, true, "properties",
                "event_name", null, Bounds.NONE);
        Map<Instant, Map<String, Double>> violations = violations(PlanTestEvents.dataset("events", null, unversioned));
        // Version 2 declares 'coupon', so the version-1 purchase with a coupon is fine, and so is version 9.
        assertThat(nonZero(violations.get(FROM.plusSeconds(3600)))).containsOnly(
                entry("plan_violation_share", 0.1),
                entry("plan_violation:purchase:amount_cents:type", 1.0));
        assertThat(nonZero(violations.get(FROM.plusSeconds(7200)))).containsOnly(
                entry("plan_violation_share", 0.125),
                entry("plan_violation:unknown_event", 1.0));
    }

    @Test
    void valuesWithQuotesAndBackslashesAreBoundNotSpliced() {
        dsl.execute("CREATE TABLE IF NOT EXISTS plan_test.odd (ts DateTime('UTC'), name String, props JSON, text String) "
                + "ENGINE = MergeTree ORDER BY ts");
        dsl.execute("TRUNCATE TABLE plan_test.odd");
        // Event o'brien\ with kind a'b\c (allowed), one with kind x (not allowed), and an unknown event.
        String insert = "INSERT INTO plan_test.odd VALUES (?, ?, ?, ?)";
        String allowed = "{\"kind\": \"a'b\\\\c\"}";
        dsl.execute(insert, "2026-03-02 00:10:00", "o'brien\\", allowed, allowed);
        dsl.execute(insert, "2026-03-02 00:20:00", "o'brien\\", "{\"kind\": \"x\"}", "{\"kind\": \"x\"}");
        dsl.execute(insert, "2026-03-02 00:30:00", "'); DROP TABLE plan_test.odd; --", "{}", "{}");
        EventContract odd = new EventContract("o'brien\\", 0, List.of("kind"),
                Map.of("kind", new PropertyRule(List.of("string"), List.of("a'b\\c"))), true, SourceLocation.of("odd.json"));
        for (String column : List.of("props", "text")) {
            SchemaSpec schema = new SchemaSpec(new CheckCommon("schema", dev.trackwatch.config.Severity.INFO,
                    "growth", null, Map.of(), SourceLocation.of("odd.yaml")), Map.of(), true, true, column, "name", null,
                    Bounds.NONE);
            DatasetSpec dataset = new DatasetSpec("odd", "plan_test", "odd", "ts", null, Duration.ofHours(1), List.of(),
                    null, "growth", Map.of(), Duration.ofMinutes(5), 0, Duration.ofDays(1), List.of(schema),
                    SourceLocation.of("odd.yaml"));
            DatasetQuery query = QueryPlanner.plan(dataset, CheckTypes.metrics(dataset, List.of(odd)),
                    TableColumnsReader.read(dsl, List.of(dataset)).get("odd"), FROM, TO);
            assertThat(query.bindValues()).contains("o'brien\\", "a'b\\c");
            assertThat(query.sql()).doesNotContain("brien");
            Map<String, Double> values = violations(query).get(FROM);
            assertThat(nonZero(values)).as(column).containsOnly(
                    entry("plan_violation_share", 2.0 / 3),
                    entry("plan_violation:o'brien\\:kind:enum", 1.0),
                    entry("plan_violation:unknown_event", 1.0));
        }
        assertThat(((Number) dsl.fetchValue("SELECT count() FROM plan_test.odd")).longValue()).isEqualTo(3);
    }

    private static Map<Instant, Map<String, Double>> violations(DatasetSpec dataset) {
        DatasetQuery query = QueryPlanner.plan(dataset, CheckTypes.metrics(dataset, PlanTestEvents.trackingPlan()),
                TableColumnsReader.read(dsl, List.of(dataset)).get(dataset.name()), FROM, TO);
        assertThat(query.unplanned()).isEmpty();
        return violations(query);
    }

    private static Map<Instant, Map<String, Double>> violations(DatasetQuery query) {
        ScanSuccess scan = MetricQueryExecutorTest.success(MetricQueryExecutor.execute(dsl, query, GUARDRAILS));
        Map<Instant, Map<String, Double>> byBucket = new TreeMap<>();
        scan.observations().forEach(o -> byBucket.computeIfAbsent(o.bucketStart(), b -> new TreeMap<>())
                .put(o.metric().name(), o.value()));
        return byBucket;
    }

    private static Map<String, Double> nonZero(Map<String, Double> values) {
        Map<String, Double> nonZero = new TreeMap<>();
        values.forEach((k, v) -> {
            if (v != 0) {
                nonZero.put(k, v);
            }
        });
        return nonZero;
    }
}
