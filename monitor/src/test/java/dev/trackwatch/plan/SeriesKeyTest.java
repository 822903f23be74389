package dev.trackwatch.plan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Series names are written in one place and read back in one: every key survives the round trip. */
class SeriesKeyTest {

    private static final List<SeriesKey> KEYS = List.of(SeriesKey.ROW_COUNT, SeriesKey.MAX_EVENT_TIME,
            SeriesKey.MAX_INGESTION_TIME, new SeriesKey.NullRate("properties.user_id"), new SeriesKey.Distinct("page"),
            SeriesKey.LatencyQuantile.P50, SeriesKey.LatencyQuantile.P95, SeriesKey.LatencyQuantile.P99,
            new SeriesKey.LateShare("600s"), new SeriesKey.LateShare("1500ms"), new SeriesKey.FutureShare("300s"), SeriesKey.PLAN_VIOLATION_SHARE,
            new SeriesKey.PlanRule("purchase", "amount_cents", "type"), new SeriesKey.PlanRule("purchase", null,
                    "additional_properties"), new SeriesKey.PlanRule(null, null, "unknown_event"),
            new SeriesKey.Custom("neg"), new SeriesKey.Ddl("amount"), SeriesKey.DDL, SeriesKey.MONITOR_FAULT);

    @Test
    void everyKeyParsesBackToItself() {
        assertThat(KEYS).allSatisfy(k -> assertThat(SeriesKey.parse(k.name())).isEqualTo(k));
        assertThat(KEYS).extracting(SeriesKey::name).contains("row_count", "null_rate:properties.user_id",
                "latency_p95_seconds", "late_share:600s", "future_share:300s", "plan_violation:purchase:amount_cents:type",
                "plan_violation:purchase:additional_properties", "plan_violation:unknown_event", "custom:neg",
                "ddl:amount", "ddl", "monitor_fault");
        assertThat(SeriesKey.parse(null)).isNull();
    }

    @Test
    void unknownNamesAreKeptAsTheyAre() {
        assertThat(SeriesKey.parse("row_count:x")).isEqualTo(new SeriesKey.Unknown("row_count:x"));
        assertThat(SeriesKey.parse("")).isEqualTo(new SeriesKey.Unknown(""));
        assertThat(SeriesKey.parse("latency_p90_seconds").name()).isEqualTo("latency_p90_seconds");
    }

    @Test
    void theColumnIsWhatBacktestReportsItAbout() {
        assertThat(new SeriesKey.NullRate("user_id").column()).isEqualTo("user_id");
        assertThat(new SeriesKey.Distinct("properties.sku").column()).isEqualTo("properties.sku");
        assertThat(new SeriesKey.Ddl("amount").column()).isEqualTo("amount");
        assertThat(SeriesKey.DDL.column()).isNull();
        assertThat(new SeriesKey.PlanRule("purchase", "amount_cents", "type").column()).isEqualTo("amount_cents");
        assertThat(new SeriesKey.PlanRule("purchase", null, "additional_properties").column())
                .isEqualTo("additional_properties");
        assertThat(new SeriesKey.PlanRule(null, null, "unknown_event").column()).isNull();
        assertThat(SeriesKey.ROW_COUNT.column()).isNull();
        assertThat(new SeriesKey.Custom("neg").column()).isNull();
    }
}
