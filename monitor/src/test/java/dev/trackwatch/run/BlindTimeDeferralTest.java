package dev.trackwatch.run;

import dev.trackwatch.checks.VolumeSpec;
import dev.trackwatch.config.AnomalySpec;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.query.QueryGuardrails;
import dev.trackwatch.query.TableColumnsReader;
import dev.trackwatch.state.StateStore;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first good run after a ClickHouse outage must not judge the buckets that overlap the outage
 * before the rows written during it have arrived (issue 12: {@code volume_5m} fired with row_count
 * 0). The outage is 10:02 to 10:13; the table holds 20 rows per 5 minutes up to 10:02, the rest
 * arrives late, so bucket 10:00 has 8 rows of 20 when ClickHouse is back. A run at 10:15 defers 10:00, 10:05 and 10:10 (the same run without blind time
 * fires on them); a run at 10:20 still defers; once the rows are in and the dataset's late-data
 * allowance (3 buckets of 5 minutes) has passed after 10:13, the run at 10:30 judges every one of
 * them, so nothing is lost.
 */
class BlindTimeDeferralTest {

    private static final String DB = "blind_time_run";
    private static final Instant OUTAGE_FROM = Instant.parse("2026-05-11T10:02:00Z");
    private static final Instant OUTAGE_TO = Instant.parse("2026-05-11T10:13:00Z");
    private static final Instant B1000 = Instant.parse("2026-05-11T10:00:00Z");

    @Test
    void bucketsOverlappingTheBlindTimeAreJudgedOnlyOnceTheyAreComplete() throws Exception {
        try (Connection connection = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"),
                new Properties())) {
            DSLContext dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
            dsl.execute("DROP DATABASE IF EXISTS " + DB);
            dsl.execute("DROP DATABASE IF EXISTS " + DB + "_state");
            dsl.execute("DROP DATABASE IF EXISTS " + DB + "_control");
            dsl.execute("CREATE DATABASE " + DB);
            dsl.execute("CREATE TABLE " + DB + ".events (event_time DateTime64(3, 'UTC'), platform String) "
                    + "ENGINE = MergeTree ORDER BY event_time");
            insert(dsl, "2026-05-11 08:00:00", 122); // 08:00 .. 10:02, 4 rows a minute: the rest is late
            VolumeSpec volume = new VolumeSpec(new CheckCommon("volume_5m", Severity.CRITICAL, "growth", null, Map.of(),
                    SourceLocation.of("t.yaml"), AnomalySpec.disabled(SourceLocation.of("t.yaml"))), List.of(), 0,
                    new Bounds(10.0, null, null, null));
            DatasetSpec dataset = DatasetSpec.builder().name(DB).database(DB).table("events")
                    .eventTimeColumn("event_time").bucket(Duration.ofMinutes(5)).owner("growth")
                    .interval(Duration.ofMinutes(5)).lateBuckets(3).backfill(Duration.ofHours(2))
                    .checks(List.of(volume)).location(SourceLocation.of("t.yaml")).build();
            TrackwatchSpec spec = new TrackwatchSpec(List.of(), List.of(dataset), List.of(), "test", List.of());
            var columns = TableColumnsReader.read(dsl, List.of(dataset)).get(dataset.name());
            StateStore state = new StateStore(dsl, DB + "_state");
            state.migrate();
            StateStore control = new StateStore(dsl, DB + "_control");
            control.migrate();
            BlindTime outage = () -> List.of(new BlindTime.Span(OUTAGE_FROM, OUTAGE_TO));

            List<CheckResult> before = runner(dsl, state, outage, OUTAGE_FROM).run(spec, dataset, columns, OUTAGE_FROM);
            runner(dsl, control, BlindTime.NONE, OUTAGE_FROM).run(spec, dataset, columns, OUTAGE_FROM);
            Instant firstAfter = Instant.parse("2026-05-11T10:15:00Z");
            List<CheckResult> recovered = runner(dsl, state, outage, firstAfter).run(spec, dataset, columns, firstAfter);
            List<CheckResult> withoutDeferral = runner(dsl, control, BlindTime.NONE, firstAfter)
                    .run(spec, dataset, columns, firstAfter);
            Instant settling = Instant.parse("2026-05-11T10:20:00Z");
            List<CheckResult> stillSettling = runner(dsl, state, outage, settling).run(spec, dataset, columns, settling);
            var watermarkWhileDeferred = state.lastClosedBucket(dataset.name());
            insert(dsl, "2026-05-11 10:02:00", 28); // the late rows: 10:02 .. 10:30
            Instant settled = Instant.parse("2026-05-11T10:30:00Z");
            List<CheckResult> judged = runner(dsl, state, outage, settled).run(spec, dataset, columns, settled);
            var watermarkAfter = state.lastClosedBucket(dataset.name());
            String deferredRun = dsl.fetchOne("SELECT outcome || ' ' || error FROM " + DB + "_state.check_runs "
                    + "WHERE as_of = '2026-05-11 10:15:00.000'").get(0, String.class);
            dsl.execute("DROP DATABASE IF EXISTS " + DB);
            dsl.execute("DROP DATABASE IF EXISTS " + DB + "_state");
            dsl.execute("DROP DATABASE IF EXISTS " + DB + "_control");

            assertThat(before).isNotEmpty().allMatch(r -> r.outcome() == Outcome.PASSED);
            assertThat(withoutDeferral).as("the same run without blind time: the false alert of issue 12")
                    .anyMatch(r -> r.outcome() == Outcome.FAILED && B1000.equals(r.bucketStart()) && r.observed() == 8.0);
            assertThat(recovered).as("first run after recovery").isEmpty();
            assertThat(stillSettling).as("within the settle time").isEmpty();
            assertThat(deferredRun).startsWith("OK judging deferred: 3 bucket(s) from 2026-05-11T10:00:00Z");
            assertThat(watermarkWhileDeferred).contains(B1000);
            assertThat(judged).filteredOn(r -> r.series() != null && r.segment().isEmpty())
                    .extracting(CheckResult::bucketStart)
                    .containsExactly(B1000, B1000.plusSeconds(300), B1000.plusSeconds(600), B1000.plusSeconds(900),
                            B1000.plusSeconds(1200), B1000.plusSeconds(1500));
            assertThat(judged).allMatch(r -> r.outcome() == Outcome.PASSED);
            assertThat(watermarkAfter).contains(settled);
        }
    }

    @Test
    void aSpanSettlesForAsLongAsItLastedAtMostTheLateDataAllowance() {
        Duration hour = Duration.ofHours(1);
        Instant b1100 = Instant.parse("2026-05-11T11:00:00Z");
        List<Instant> hourly = List.of(b1100);
        Duration allowance = hour.multipliedBy(3);
        BlindTime.Span blip = new BlindTime.Span(Instant.parse("2026-05-11T11:20:00Z"),
                Instant.parse("2026-05-11T11:20:20Z"));
        BlindTime.Span longOutage = new BlindTime.Span(Instant.parse("2026-05-11T07:00:00Z"),
                Instant.parse("2026-05-11T11:30:00Z"));
        Instant closed = Instant.parse("2026-05-11T12:00:00Z");

        assertThat(BlindTime.deferred(List.of(blip), hourly, hour, allowance, Instant.parse("2026-05-11T11:21:00Z")))
                .as("a 20 s blip, within its minute").containsExactly(b1100);
        assertThat(BlindTime.deferred(List.of(blip), hourly, hour, allowance, closed))
                .as("the hourly bucket is judged when it closes, not 3 hours later").isEmpty();
        assertThat(BlindTime.deferred(List.of(longOutage), hourly, hour, allowance, Instant.parse("2026-05-11T14:29:00Z")))
                .as("a 4.5 h outage waits the whole allowance").containsExactly(b1100);
        assertThat(BlindTime.deferred(List.of(longOutage), hourly, hour, allowance, Instant.parse("2026-05-11T14:30:00Z")))
                .isEmpty();
    }

    @Test
    void anOpenSpanEndsAtTheRunThatReachedClickHouse() {
        List<Instant> judged = List.of(B1000, B1000.plusSeconds(300), B1000.plusSeconds(600));
        List<BlindTime.Span> open = List.of(new BlindTime.Span(OUTAGE_FROM, null));
        Duration bucket = Duration.ofMinutes(5);
        Duration settle = Duration.ofMinutes(15);

        assertThat(BlindTime.deferred(open, judged, bucket, settle, B1000.plusSeconds(900))).isEqualTo(judged);
        assertThat(BlindTime.deferred(List.of(new BlindTime.Span(OUTAGE_FROM, OUTAGE_TO)), judged, bucket, settle,
                OUTAGE_TO.plus(settle))).isEmpty();
        assertThat(BlindTime.deferred(List.of(new BlindTime.Span(B1000.plusSeconds(420), OUTAGE_TO)), judged, bucket,
                settle, OUTAGE_TO)).as("only buckets ending after the span began")
                .containsExactly(B1000.plusSeconds(300), B1000.plusSeconds(600));
    }

    private static DatasetRunner runner(DSLContext dsl, StateStore state, BlindTime blind, Instant at) {
        return new DatasetRunner(dsl, state, QueryGuardrails.of(Duration.ofSeconds(20)), Duration.ofDays(1),
                Clock.fixed(at, ZoneOffset.UTC)).deferringBlindTime(blind);
    }

    /** Inserts 4 rows a minute for {@code minutes} minutes from {@code from} (UTC). */
    private static void insert(DSLContext dsl, String from, int minutes) {
        dsl.execute("INSERT INTO " + DB + ".events SELECT toDateTime64(?, 3, 'UTC') + toIntervalSecond(number * 15), "
                + "'web' FROM numbers(?)", from, minutes * 4);
    }
}
