package dev.trackwatch.run;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.demo.DemoEventGenerator;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.loader.ConfigLoader;
import dev.trackwatch.query.CountingProxy;
import dev.trackwatch.state.StateStore;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first run's backfill of 28 days in daily chunks (29 chunk queries) is cancelled while its first
 * chunk query runs, as a reload or shutdown would: the run issues no further chunk query, yields no
 * results (not a monitor fault), and leaves the watermark at the end of the completed chunk; the
 * next run resumes the backfill there and completes it, counting every row once.
 */
class CancelledBackfillTest {

    private static final Instant AT = Instant.parse("2026-07-06T10:30:00Z");

    @Test
    void aCancelledBackfillStopsAfterTheQueryInFlightAndTheNextRunResumes() throws Exception {
        String direct = TestingClickHouse.embedded().jdbcUrl("default");
        try (Connection connection = TestingClickHouse.connect(direct, new java.util.Properties());
             CountingProxy proxy = new CountingProxy(TestingClickHouse.embedded().httpUri())) {
            DSLContext dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
            dsl.execute("DROP DATABASE IF EXISTS demo");
            dsl.execute("DROP DATABASE IF EXISTS trackwatch");
            DemoEventGenerator generator = new DemoEventGenerator(dsl);
            generator.topUp(generator.prepare(AT), AT);
            TrackwatchSpec spec = ConfigLoader.load(Path.of("../checks")).spec();
            DatasetSpec dataset = spec.datasets().getFirst();
            RunConfiguration daily = new RunConfiguration();
            daily.setBackfillChunk(Duration.ofDays(1));
            Instant oldest = DatasetRunner.floor(AT.minus(dataset.backfill()), dataset.bucket());
            long fullBackfillChunks = (Duration.between(oldest, AT).toMinutes() + Duration.ofDays(1).toMinutes() - 1)
                    / Duration.ofDays(1).toMinutes();
            RunCancellation cancellation = new RunCancellation();
            // The cancellation arrives while the first chunk query is in flight.
            proxy.cutWhen(statement -> {
                if (isScan(statement)) {
                    cancellation.cancel("dataset changed by reload");
                }
                return false;
            });

            List<CheckResult> cancelled;
            try (Connection viaProxy = TestingClickHouse.connect(proxy.jdbcUrl(), new java.util.Properties())) {
                cancelled = new CycleRunner(DSL.using(viaProxy, SQLDialect.CLICKHOUSE), daily)
                        .run(spec, dataset, null, AT, cancellation);
            }
            long scansWhenCancelled = scans(proxy);
            StateStore state = new StateStore(dsl);
            var watermarkAfterCancel = state.lastClosedBucket(dataset.name());
            String lastRun = dsl.fetchOne("SELECT outcome || ' ' || error FROM trackwatch.check_runs "
                    + "ORDER BY started_at DESC LIMIT 1").get(0, String.class);

            proxy.cutWhen(statement -> false);
            List<CheckResult> resumed;
            try (Connection viaProxy = TestingClickHouse.connect(proxy.jdbcUrl(), new java.util.Properties())) {
                resumed = new CycleRunner(DSL.using(viaProxy, SQLDialect.CLICKHOUSE), daily)
                        .run(spec, dataset, null, AT);
            }
            long resumedScans = scans(proxy) - scansWhenCancelled;

            assertThat(fullBackfillChunks).isEqualTo(29);
            assertThat(scansWhenCancelled).as("chunk queries of the cancelled run").isEqualTo(1);
            assertThat(cancelled).as("a cancelled run judges nothing and is no monitor fault").isEmpty();
            assertThat(lastRun).isEqualTo("CANCELLED cancelled: dataset changed by reload");
            assertThat(watermarkAfterCancel).as("the watermark is at the end of the completed chunk")
                    .contains(DatasetRunner.floor(oldest.plus(Duration.ofDays(1)), dataset.bucket()));
            assertThat(resumedScans).as("the next run resumes, it does not start the backfill over")
                    .isLessThan(fullBackfillChunks).isPositive();
            assertThat(resumed).isNotEmpty().noneMatch(CheckResult::monitorFault);
            assertThat(state.lastClosedBucket(dataset.name())).contains(Instant.parse("2026-07-06T10:00:00Z"));
            long tableRows = dsl.fetchOne("SELECT count() FROM demo.events WHERE event_name != 'heartbeat' "
                    + "AND event_time < toDateTime64('2026-07-06 10:30:00', 3, 'UTC') "
                    + "AND ingested_at <= toDateTime64('2026-07-06 10:30:00', 3, 'UTC')").get(0, Long.class);
            var stored = dsl.fetchOne("SELECT count(), sum(value), uniqExact(bucket_start) FROM trackwatch.observations "
                    + "FINAL WHERE metric = 'row_count' AND segment_key = '{}'");
            assertThat(stored.get(0, Long.class)).isEqualTo(stored.get(2, Long.class));
            assertThat(stored.get(1, Double.class)).as("every row counted once across both runs")
                    .isEqualTo((double) tableRows);
        }
    }

    private static boolean isScan(String statement) {
        return statement.contains("GROUPING SETS");
    }

    private static long scans(CountingProxy proxy) {
        return proxy.statements().stream().filter(CancelledBackfillTest::isScan).count();
    }
}
