package dev.trackwatch.notify;

import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentState;
import dev.trackwatch.state.StateStore;
import dev.trackwatch.state.StoredObservation;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart of an incident from what the state database holds: stored observations, the bands the
 * judged buckets had, and the bucket with no rows at all (no observation, a judged zero) drawn as
 * the anomalous drop it was.
 */
class IncidentChartsTest {

    private static final Instant B = Instant.parse("2026-06-01T10:00:00Z");
    private static final Map<String, String> WEB = Map.of("platform", "web");

    @Test
    void observationsJudgedBandsAndTheSilentBucketMakeTheChart() throws Exception {
        try (Connection connection = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"),
                new Properties())) {
            DSLContext dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
            dsl.execute("DROP DATABASE IF EXISTS trackwatch");
            StateStore state = new StateStore(dsl);
            state.migrate();
            List<StoredObservation> observed = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                observed.add(new StoredObservation("live", SeriesKey.ROW_COUNT, WEB, B.plus(Duration.ofMinutes(5L * i)), 20 + i, 20));
            }
            state.writeObservations(observed, "h", B.plus(Duration.ofHours(1)));
            // Bucket 6 had no rows: no observation, but a judged zero, outside its band.
            Instant silent = B.plus(Duration.ofMinutes(30));
            state.writeResults(UUID.randomUUID(), List.of(
                    new StateStore.ResultRow("live", "volume_5m", "volume", "CRITICAL", "growth", "PASSED", "row_count",
                            WEB, B.plus(Duration.ofMinutes(25)), 25.0, "ok", 24.0, 14.0, 34.0, 0.1, ""),
                    new StateStore.ResultRow("live", "volume_5m", "volume", "CRITICAL", "growth", "FAILED", "row_count",
                            WEB, silent, 0.0, "row_count 0 is below", 25.0, 15.0, 35.0, 0.9, "")), B.plus(Duration.ofHours(1)));
            Incident incident = Incident.builder().id("inc-1").dataset("live").check("volume_5m").metric("row_count")
                    .segment(WEB).kind("volume").severity(dev.trackwatch.config.Severity.CRITICAL).owner("growth")
                    .state(IncidentState.OPEN).openedAt(silent).updatedAt(silent).firstBucket(silent).lastBucket(silent)
                    .observed(0.0).expected(25.0).lower(15.0).upper(35.0).reason("drop").build();

            ChartSeries chart = new IncidentCharts(dsl).apply(incident);

            assertThat(chart.points()).hasSize(7);
            ChartSeries.Point last = chart.points().getLast();
            assertThat(last.bucket()).isEqualTo(silent);
            assertThat(last.value()).isEqualTo(0.0);
            assertThat(last.lower()).isEqualTo(15.0);
            assertThat(last.anomalous()).isTrue();
            assertThat(chart.points().get(5).expected()).isEqualTo(24.0);
            assertThat(chart.points().get(5).anomalous()).isFalse();
            assertThat(chart.points().getFirst().lower()).isNull(); // never judged: no band
            dsl.execute("DROP DATABASE trackwatch");
        }
    }
}
