package dev.trackwatch.query;

import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.checks.VolumeSpec;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.plan.DatasetQuery;
import dev.trackwatch.plan.PlanTestEvents;
import dev.trackwatch.plan.QueryPlanner;
import dev.trackwatch.plan.SeriesKey;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** SQL NULL and the text {@code <null>} are two segment values, never one series. */
class SegmentValuesTest {

    private static final Instant FROM = Instant.parse("2026-04-06T00:00:00Z");

    @Test
    void aLiteralNullTextIsItsOwnSegment() throws Exception {
        try (Connection connection = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"),
                new Properties())) {
            DSLContext dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
            dsl.execute("CREATE DATABASE IF NOT EXISTS segment_values_test");
            dsl.execute("DROP TABLE IF EXISTS segment_values_test.events");
            dsl.execute("CREATE TABLE segment_values_test.events (event_time DateTime64(3, 'UTC'), "
                    + "platform Nullable(String)) ENGINE = MergeTree ORDER BY event_time");
            dsl.execute("INSERT INTO segment_values_test.events VALUES "
                    + "('2026-04-06 00:01:00', NULL), ('2026-04-06 00:02:00', NULL), ('2026-04-06 00:03:00', NULL), "
                    + "('2026-04-06 00:04:00', '<null>'), ('2026-04-06 00:05:00', '<null>'), "
                    + "('2026-04-06 00:06:00', '<<null>>'), ('2026-04-06 00:07:00', 'web')");
            DatasetSpec dataset = new DatasetSpec("segment_values", "segment_values_test", "events", "event_time",
                    null, Duration.ofHours(1), List.of("platform"), null, "growth", Map.of(), Duration.ofMinutes(5),
                    2, Duration.ofDays(1), List.of(new VolumeSpec(PlanTestEvents.common("volume"),
                            List.of("platform"), 0, Bounds.NONE)), SourceLocation.of("datasets/segment_values.yaml"));
            DatasetQuery query = QueryPlanner.plan(dataset, CheckTypes.metrics(dataset, List.of()),
                    TableColumnsReader.read(dsl, List.of(dataset)).get(dataset.name()), FROM, FROM.plusSeconds(3600));

            ScanSuccess scan = (ScanSuccess) MetricQueryExecutor.execute(dsl, query,
                    QueryGuardrails.of(Duration.ofSeconds(20)));

            Map<String, Double> byPlatform = scan.observations().stream()
                    .filter(o -> o.metric().equals(SeriesKey.ROW_COUNT) && !o.isTotal())
                    .collect(Collectors.toMap(o -> o.segment().get("platform"), Observation::value));
            assertThat(byPlatform).containsOnly(Map.entry(Observation.NULL_SEGMENT, 3.0),
                    Map.entry("<<null>>", 2.0), Map.entry("<<<null>>>", 1.0), Map.entry("web", 1.0));
            dsl.execute("DROP DATABASE IF EXISTS segment_values_test");
        }
    }

    @Test
    void onlyNullTextsAreEscaped() {
        assertThat(Observation.segmentValue(null)).isEqualTo("<null>");
        assertThat(Observation.segmentValue("<null>")).isEqualTo("<<null>>");
        assertThat(Observation.segmentValue("null")).isEqualTo("null");
        assertThat(Observation.segmentValue("<b>")).isEqualTo("<b>");
        assertThat(Observation.segmentValue("")).isEqualTo("");
    }
}
