package dev.trackwatch.checks;

import dev.trackwatch.plan.SeriesKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What each type's alerts say and link to, by direction where the advice differs. */
class WordingTest {

    private static AlertFacts up(SeriesKey metric) {
        return new AlertFacts("c", metric, false);
    }

    private static AlertFacts down(SeriesKey metric) {
        return new AlertFacts("c", metric, true);
    }

    @Test
    void volumeSaysDroppedOrSpiked() {
        assertThat(VolumeCheck.TYPE.title(down(SeriesKey.ROW_COUNT))).isEqualTo("Volume dropped");
        assertThat(VolumeCheck.TYPE.title(up(SeriesKey.ROW_COUNT))).isEqualTo("Volume spiked");
        assertThat(VolumeCheck.TYPE.runbook(down(SeriesKey.ROW_COUNT))).isEqualTo("volume-drop.md");
        assertThat(VolumeCheck.TYPE.runbook(up(SeriesKey.ROW_COUNT))).isEqualTo("volume-spike.md");
    }

    @Test
    void freshnessAndLatencyHaveOneWording() {
        assertThat(FreshnessCheck.TYPE.title(down(SeriesKey.MAX_EVENT_TIME))).isEqualTo("Data is stale");
        assertThat(FreshnessCheck.TYPE.title(down(new SeriesKey.FutureShare("300s"))))
                .isEqualTo("Events are dated in the future");
        assertThat(FreshnessCheck.TYPE.runbook(down(SeriesKey.MAX_EVENT_TIME))).isEqualTo("freshness.md");
        assertThat(LatencyCheck.TYPE.title(up(SeriesKey.LatencyQuantile.P95))).isEqualTo("Ingestion latency rose");
        assertThat(LatencyCheck.TYPE.runbook(up(SeriesKey.LatencyQuantile.P95))).isEqualTo("ingestion-latency.md");
    }

    @Test
    void nullRateAndCardinalityNameTheirColumn() {
        assertThat(NullRateCheck.TYPE.title(up(new SeriesKey.NullRate("properties.user_id"))))
                .isEqualTo("Null rate of properties.user_id rose");
        assertThat(NullRateCheck.TYPE.runbook(up(new SeriesKey.NullRate("a")))).isEqualTo("null-rate-spike.md");
        assertThat(CardinalityCheck.TYPE.title(down(new SeriesKey.Distinct("page")))).isEqualTo("Cardinality of page collapsed");
        assertThat(CardinalityCheck.TYPE.title(up(new SeriesKey.Distinct("page")))).isEqualTo("Cardinality of page spiked");
        assertThat(CardinalityCheck.TYPE.runbook(down(new SeriesKey.Distinct("page")))).isEqualTo("cardinality-collapse.md");
        assertThat(CardinalityCheck.TYPE.runbook(up(new SeriesKey.Distinct("page")))).isEqualTo("cardinality-spike.md");
    }

    @Test
    void schemaTellsDdlDriftFromTrackingPlanViolations() {
        assertThat(SchemaCheck.TYPE.title(up(new SeriesKey.Ddl("amount")))).isEqualTo("Table schema drifted");
        assertThat(SchemaCheck.TYPE.runbook(up(new SeriesKey.Ddl("amount")))).isEqualTo("ddl-drift.md");
        assertThat(SchemaCheck.TYPE.title(up(SeriesKey.PLAN_VIOLATION_SHARE))).isEqualTo("Events break the tracking plan");
        assertThat(SchemaCheck.TYPE.runbook(up(SeriesKey.PLAN_VIOLATION_SHARE))).isEqualTo("tracking-plan-violation.md");
    }

    @Test
    void customNamesItsCheck() {
        assertThat(CustomCheck.TYPE.title(up(new SeriesKey.Custom("neg")))).isEqualTo("Check c failed");
        assertThat(CustomCheck.TYPE.runbook(up(new SeriesKey.Custom("neg")))).isEqualTo("README.md");
    }
}
