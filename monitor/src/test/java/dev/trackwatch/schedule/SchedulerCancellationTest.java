package dev.trackwatch.schedule;

import dev.trackwatch.demo.DemoEventGenerator;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.query.CountingProxy;
import dev.trackwatch.run.CycleRunner;
import dev.trackwatch.run.RunConfiguration;
import dev.trackwatch.run.RunListener;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler stops a first run's 28-day backfill (29 daily chunk queries) while its first chunk
 * query runs: once because a reload changed the dataset, once because {@code serve} shuts down. No
 * further chunk query is sent and no result reaches the alert stages (no monitor-fault incident).
 */
class SchedulerCancellationTest {

    private static final Instant AT = Instant.now();

    @TempDir
    Path dir;

    @Test
    void aReloadThatChangesTheDatasetCancelsItsBackfill() throws Exception {
        cancelDuringTheFirstScan((checks, scheduler) -> {
            try {
                Path yaml = dir.resolve("checks/product_events.yaml");
                Files.writeString(yaml, Files.readString(yaml).replace("interval: 5m", "interval: 10m"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertThat(checks.reload().changed()).isTrue();
        });
    }

    @Test
    void shutdownCancelsTheBackfill() throws Exception {
        cancelDuringTheFirstScan((checks, scheduler) -> scheduler.stop());
    }

    private void cancelDuringTheFirstScan(java.util.function.BiConsumer<ChecksHolder, CheckScheduler> cancel)
            throws Exception {
        copyTree(Path.of("../checks"), dir.resolve("checks"));
        String direct = TestingClickHouse.embedded().jdbcUrl("default");
        try (Connection connection = TestingClickHouse.connect(direct, new Properties());
             CountingProxy proxy = new CountingProxy(TestingClickHouse.embedded().httpUri());
             Connection viaProxy = TestingClickHouse.connect(proxy.jdbcUrl(), new Properties())) {
            DSLContext dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
            dsl.execute("DROP DATABASE IF EXISTS demo");
            dsl.execute("DROP DATABASE IF EXISTS trackwatch");
            DemoEventGenerator generator = new DemoEventGenerator(dsl);
            generator.topUp(generator.prepare(AT), AT);
            RunConfiguration run = new RunConfiguration();
            run.setChecksDir(dir.resolve("checks"));
            run.setBackfillChunk(Duration.ofDays(1));
            run.setReloadPollInterval(Duration.ofHours(1));
            run.setConcurrency(1); // one run per tick: product_events, the first dataset
            RunningScans scans = new RunningScans();
            ChecksHolder checks = new ChecksHolder(run, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                    scans::onApplicationEvent, new ReloadConfiguration());
            List<CheckResult> heard = new CopyOnWriteArrayList<>();
            RunListener listener = (spec, dataset, results, now) -> heard.addAll(results);
            CheckScheduler scheduler = new CheckScheduler(checks, new CycleRunner(DSL.using(viaProxy,
                    SQLDialect.CLICKHOUSE), run), run, List.of(listener), scans);
            proxy.cutWhen(statement -> {
                if (isScan(statement) && scans(proxy) == 1) {
                    cancel.accept(checks, scheduler);
                }
                return false;
            });

            scheduler.tick();
            assertThat(scans.size()).as("runs started").isEqualTo(1);
            awaitNoRun(scans);

            assertThat(scans(proxy)).as("chunk queries sent").isEqualTo(1);
            assertThat(heard).as("results heard by the alert stages").isEmpty();
            scheduler.stop();
        }
    }

    private static void awaitNoRun(RunningScans scans) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (scans.size() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the cancelled run still runs after 2 minutes");
            }
            Thread.sleep(50);
        }
    }

    private static boolean isScan(String statement) {
        return statement.contains("GROUPING SETS");
    }

    private static long scans(CountingProxy proxy) {
        return proxy.statements().stream().filter(SchedulerCancellationTest::isScan).count();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            Consumer<Path> copy = p -> {
                try {
                    Files.copy(p, to.resolve(from.relativize(p).toString()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            files.forEach(copy);
        }
    }
}
