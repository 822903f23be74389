package dev.trackwatch.plan;

import dev.trackwatch.checks.FreshnessSpec;
import dev.trackwatch.checks.VolumeSpec;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.SourceLocation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The future-rows side query's SQL: quoted names, every value bound, the filter applied, one column per tolerance. */
class FutureQuerySqlTest {

    private static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant NOW = FROM.plusSeconds(3600);

    @Test
    void itIsOneAggregateRowWithBoundValuesAndQuotedNames() {
        FreshnessSpec strict = new FreshnessSpec(PlanTestEvents.common("strict"), null, null, false, Duration.ZERO);
        FreshnessSpec lax = new FreshnessSpec(PlanTestEvents.common("lax"), null, null, false);
        FreshnessSpec alsoLax = new FreshnessSpec(PlanTestEvents.common("also_lax"), null, null, false);
        DatasetSpec dataset = dataset(List.of(strict, lax, alsoLax));
        List<MetricRequest> requests = dev.trackwatch.checks.CheckTypes.metrics(dataset, List.of());

        DatasetQuery query = FutureQuery.plan(dataset, requests, PlanSqlTest.columns(), FROM, NOW).orElseThrow();

        assertThat(query.sql()).contains("\"plan_test\".\"events\".\"event_time\"", "\"plan_test\".\"events\".\"ingested_at\"",
                        "(event_name != 'heartbeat')").doesNotContain("GROUP BY", String.valueOf(NOW.toEpochMilli()));
        assertThat(query.bindValues()).contains(FROM.toEpochMilli(), NOW.toEpochMilli(),
                NOW.plusSeconds(300).toEpochMilli());
        assertThat(query.series()).extracting(s -> s.series().name())
                .containsExactly("future_share:0s", "future_share:300s");
        // The bucketed scan leaves them to this query.
        assertThat(QueryPlanner.plan(dataset, requests, PlanSqlTest.columns(), FROM, NOW).series())
                .noneMatch(s -> s.series() instanceof SeriesKey.FutureShare);
    }

    @Test
    void withoutAFreshnessCheckThereIsNoSideQuery() {
        DatasetSpec dataset = dataset(List.of(new VolumeSpec(PlanTestEvents.common("volume"), List.of(), 0, Bounds.NONE)));
        assertThat(FutureQuery.plan(dataset, dev.trackwatch.checks.CheckTypes.metrics(dataset, List.of()),
                PlanSqlTest.columns(), FROM, NOW)).isEmpty();
    }

    private static DatasetSpec dataset(List<dev.trackwatch.config.CheckSpec> checks) {
        return new DatasetSpec("events", "plan_test", "events", "event_time", "ingested_at", Duration.ofHours(1),
                List.of(), "event_name != 'heartbeat'", "growth", Map.of(), Duration.ofMinutes(5), 0,
                Duration.ofDays(1), checks, SourceLocation.of("datasets/events.yaml"));
    }
}
