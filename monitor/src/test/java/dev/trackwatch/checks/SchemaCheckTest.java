package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.History;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.evaluate.SeriesRules;
import dev.trackwatch.plan.DriftFinding;
import dev.trackwatch.plan.SeriesKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A schema check judges plan rules as shares of events and reports DDL drift per column, as schema_drift. */
class SchemaCheckTest {

    private static final Instant B = Instant.parse("2026-06-01T10:00:00Z");
    private static final SchemaSpec CHECK = new SchemaSpec(Specs.common("schema"), Map.of("amount", "Int64"), true,
            false, "properties", "event_name", null, new Bounds(null, 0.01, null, null));

    @Test
    void withoutTheTrackingPlanItAsksForNothing() {
        assertThat(SchemaCheck.TYPE.metrics(Specs.dataset(null, CHECK), CHECK, List.of())).isEmpty();
    }

    @Test
    void ruleCountsAreJudgedAsSharesOfTheBucketsEvents() {
        SeriesRules rules = SchemaCheck.TYPE.rules(CHECK);
        SeriesKey rule = new SeriesKey.PlanRule("purchase", "amount", "type");
        assertThat(rules.judgedValue(rule, 5, 100)).isEqualTo(0.05);
        assertThat(rules.judgedValue(rule, 5, 0)).isZero();
        assertThat(rules.judgedValue(SeriesKey.PLAN_VIOLATION_SHARE, 0.3, 100)).isEqualTo(0.3);
        assertThat(rules.bounds(rule)).isEqualTo(CHECK.violationShareBounds());
        assertThat(rules.segments()).isNull();
        assertThat(rules.hasBaseline(rule)).isFalse();
    }

    @Test
    void ddlDriftFailsPerColumnAndAMatchingTablePasses() {
        DriftFinding missing = new DriftFinding("amount", DriftFinding.Kind.MISSING, "Int64", null);
        List<CheckResult> drifted = SchemaCheck.TYPE.judge(CHECK, judging(List.of(missing)));
        // Without tracking-plan series the judged bucket passes for want of rows, as every check's does.
        assertThat(drifted).filteredOn(r -> r.series() != null).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.metric()).isEqualTo("ddl:amount");
            assertThat(r.kind()).isEqualTo("schema_drift");
            assertThat(r.type()).isEqualTo("schema");
            assertThat(r.reason()).isEqualTo("column amount (Int64) is missing from the table");
        });
        assertThat(SchemaCheck.TYPE.judge(CHECK, judging(List.of()))).filteredOn(r -> r.series() != null).extracting(CheckResult::metric, CheckResult::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ddl", "table matches the 1-column contract"));
    }

    private static Judging judging(List<DriftFinding> drift) {
        return new Judging(Specs.dataset(null, CHECK), List.of(), List.of(), drift, B, B.plus(Duration.ofHours(1)),
                B.plus(Duration.ofMinutes(65)), List.of(B), History.NONE);
    }
}
