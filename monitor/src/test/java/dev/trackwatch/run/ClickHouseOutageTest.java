package dev.trackwatch.run;

import dev.trackwatch.loader.ConfigLoader;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.demo.DemoEventGenerator;
import dev.trackwatch.embedded.EmbeddedClickHouseServer;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ClickHouse going away between two cycles: the cycle after the outage reports every check
 * NOT_EVALUATED as a monitor fault naming the reason, and raises no data alert.
 */
class ClickHouseOutageTest {

    private static final Instant AT = Instant.parse("2026-05-04T10:30:00Z");

    @Test
    void aCycleDuringAnOutageIsAMonitorFaultNotADataAlert() throws Exception {
        // A second endpoint on the shared engine that we can take down without hurting other tests.
        EmbeddedClickHouseServer server = EmbeddedClickHouseServer.start(TestingClickHouse.embedded().engine(),
                EmbeddedClickHouseServer.Options.loopback(0));
        Properties noRetries = new Properties();
        noRetries.setProperty("retry", "0");
        Connection connection = TestingClickHouse.connect(server.jdbcUrl("default"), noRetries);
        DSLContext dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
        dsl.execute("DROP DATABASE IF EXISTS demo");
        DemoEventGenerator generator = new DemoEventGenerator(dsl);
        generator.topUp(generator.prepare(AT), AT);
        TrackwatchSpec spec = ConfigLoader.load(Path.of("../checks")).spec();
        CycleRunner cycle = new CycleRunner(dsl, new RunConfiguration());

        List<CheckResult> before = new ArrayList<>();
        cycle.runAll(spec, AT, before::add);
        server.close();
        List<CheckResult> during = new ArrayList<>();
        cycle.runAll(spec, AT.plusSeconds(3600), during::add);
        connection.close();

        assertThat(before).isNotEmpty().noneMatch(CheckResult::monitorFault);
        int checks = spec.datasets().stream().mapToInt(d -> d.checks().size()).sum();
        assertThat(during).hasSize(checks).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.NOT_EVALUATED);
            assertThat(r.monitorFault()).isTrue();
            assertThat(r.reason()).isNotBlank();
        });
    }
}
