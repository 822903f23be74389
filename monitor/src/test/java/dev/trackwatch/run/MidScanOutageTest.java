package dev.trackwatch.run;

import dev.trackwatch.loader.ConfigLoader;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.demo.DemoEventGenerator;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.query.CountingProxy;
import dev.trackwatch.state.StateStore;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ClickHouse dying in the middle of a run: the first run's backfill reads 28 days in weekly
 * chunks, and the connection drops during the third chunk's scan. That run is a monitor fault
 * (every check NOT_EVALUATED, no data alert) and leaves no watermark; the next run, with
 * ClickHouse back, backfills again, and re-observing the chunks written before the outage does
 * not double count anything.
 */
class MidScanOutageTest {

    private static final Instant AT = Instant.parse("2026-07-06T10:30:00Z");

    @Test
    void anOutageDuringTheBackfillIsAMonitorFaultAndTheRetryCountsEveryRowOnce() throws Exception {
        Properties noRetries = new Properties();
        noRetries.setProperty("retry", "0");
        String direct = TestingClickHouse.embedded().jdbcUrl("default");
        try (Connection connection = TestingClickHouse.connect(direct, noRetries);
             CountingProxy proxy = new CountingProxy(TestingClickHouse.embedded().httpUri())) {
            DSLContext dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
            dsl.execute("DROP DATABASE IF EXISTS demo");
            dsl.execute("DROP DATABASE IF EXISTS trackwatch");
            DemoEventGenerator generator = new DemoEventGenerator(dsl);
            generator.topUp(generator.prepare(AT), AT);
            TrackwatchSpec spec = ConfigLoader.load(Path.of("../checks")).spec();
            DatasetSpec dataset = spec.datasets().getFirst();
            AtomicInteger scans = new AtomicInteger();
            proxy.cutWhen(statement -> statement.contains("GROUPING SETS") && scans.incrementAndGet() == 3);

            List<CheckResult> during;
            try (Connection viaProxy = TestingClickHouse.connect(proxy.jdbcUrl(), noRetries)) {
                during = new CycleRunner(DSL.using(viaProxy, SQLDialect.CLICKHOUSE), new RunConfiguration())
                        .run(spec, dataset, null, AT);
            }
            StateStore state = new StateStore(dsl);
            boolean watermarkAfterOutage = state.lastClosedBucket(dataset.name()).isPresent();
            long observedBeforeRetry = rowCountObservations(dsl);
            List<CheckResult> after = new CycleRunner(dsl, new RunConfiguration()).run(spec, dataset, null, AT);

            assertThat(scans.get()).isEqualTo(3);
            assertThat(during).hasSize(dataset.checks().size()).allSatisfy(r -> {
                assertThat(r.outcome()).isEqualTo(Outcome.NOT_EVALUATED);
                assertThat(r.monitorFault()).isTrue();
            });
            assertThat(watermarkAfterOutage).isFalse();
            assertThat(observedBeforeRetry).as("the two chunks scanned before the outage were stored").isPositive();
            assertThat(after).noneMatch(CheckResult::monitorFault);
            assertThat(state.lastClosedBucket(dataset.name())).contains(Instant.parse("2026-07-06T10:00:00Z"));
            // Each bucket is one row_count observation, and together they count every event once.
            long tableRows = dsl.fetchOne("SELECT count() FROM demo.events WHERE event_name != 'heartbeat' "
                    + "AND event_time < toDateTime64('2026-07-06 10:30:00', 3, 'UTC') "
                    + "AND ingested_at <= toDateTime64('2026-07-06 10:30:00', 3, 'UTC')").get(0, Long.class);
            var stored = dsl.fetchOne("SELECT count(), sum(value), uniqExact(bucket_start) FROM trackwatch.observations "
                    + "FINAL WHERE metric = 'row_count' AND segment_key = '{}'");
            assertThat(stored.get(0, Long.class)).isEqualTo(stored.get(2, Long.class));
            assertThat(stored.get(1, Double.class)).isEqualTo((double) tableRows);
        }
    }

    private static long rowCountObservations(DSLContext dsl) {
        return dsl.fetchOne("SELECT count() FROM trackwatch.observations FINAL WHERE metric = 'row_count'")
                .get(0, Long.class);
    }
}
