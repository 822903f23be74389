package dev.trackwatch.route;

import dev.trackwatch.state.StateDatabase;
import dev.trackwatch.cli.CliRun;

import dev.trackwatch.embedded.TestingClickHouse;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trackwatch routes test} through the real command line. */
class RoutesTestCommandTest {

    @TempDir
    Path dir;

    private Path tree(String routing) throws IOException {
        Path checks = Files.createDirectories(dir.resolve("checks"));
        Files.writeString(checks.resolve("teams.yaml"), Trees.TEAMS);
        Files.writeString(checks.resolve("routing.yaml"), routing);
        return checks;
    }

    @Test
    void theExampleChecksSendAVolumeAlertToItsOwner() {
        CliRun run = CliRun.run("routes", "test", "--checks", "../checks", "--labels",
                "team=growth,kind=volume,dataset=product_events", "--at", "2026-11-28T03:00:00Z");

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("""
                labels: dataset="product_events", domain="shop", kind="volume", team="growth"
                at: 2026-11-28T03:00:00Z (Saturday, UTC)

                route -> growth #growth-alerts
                  group_by: [dataset, check, kind]  group_wait: 30s  group_interval: 5m  repeat_interval: 4h (warning, the default)
                  mute_time_intervals: none

                notifies: growth
                """);
    }

    @Test
    void theExampleChecksSendMonitorFaultsToPlatformAndFreshnessInhibitsVolume() {
        CliRun fault = CliRun.run("routes", "test", "--checks", "../checks", "--labels",
                "dataset=product_events,check=volume,kind=monitor_fault", "--expect", "platform");
        CliRun inhibited = CliRun.run("routes", "test", "--checks", "../checks",
                "--labels", "dataset=product_events,check=volume",
                "--firing", "dataset=product_events,check=freshness", "--expect", "");

        assertThat(fault.exit()).isZero();
        assertThat(fault.out()).contains("route.routes[0] -> platform #data-platform\n").endsWith("notifies: platform\n");
        assertThat(inhibited.exit()).isZero();
        assertThat(inhibited.out()).contains("labels: check=\"volume\", dataset=\"product_events\", domain=\"shop\", "
                        + "kind=\"volume\", severity=\"critical\", team=\"growth\"\n")
                .endsWith("""
                        inhibited: yes, inhibit_rules[0]: {check="freshness", dataset="product_events", kind="freshness"} is firing
                        notifies: nobody (inhibited)
                        """);
    }

    @Test
    void continuedRoutesChildrenAndMuteIntervalsAreShown() throws IOException {
        Path checks = tree(RouterTest.ROUTING);

        CliRun run = CliRun.run("routes", "test", "--checks", checks.toString(), "--labels",
                "team=growth,kind=null_rate,severity=warning", "--at", "2026-11-28T03:00:00Z",
                "--expect", "growth");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("""
                labels: kind="null_rate", severity="warning", team="growth"
                at: 2026-11-28T03:00:00Z (Saturday, UTC)

                route.routes[1] -> growth-oncall #growth-oncall @growth-oncall
                  group_by: [dataset, check, kind]  group_wait: 30s  group_interval: 5m  repeat_interval: 4h (warning)
                  mute_time_intervals: weekend-nights (muted at this time)
                route.routes[2] -> growth #growth-alerts
                  group_by: [dataset, check, kind]  group_wait: 0s  group_interval: 5m  repeat_interval: 4h (warning)
                  mute_time_intervals: none

                notifies: growth
                """);

        CliRun weekday = CliRun.run("routes", "test", "--checks", checks.toString(), "--labels",
                "team=growth,kind=null_rate,severity=warning", "--at", "2026-11-27T03:00:00Z", "--expect", "growth");
        assertThat(weekday.exit()).isEqualTo(1);
        assertThat(weekday.out()).contains("weekend-nights (not now)").endsWith("notifies: growth-oncall, growth\n");
        assertThat(weekday.err()).isEqualTo("trackwatch: expected receivers growth, got growth-oncall,growth\n");
    }

    @Test
    void silencesAreReadFromTheStateDatabase() throws Exception {
        Connection connection = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"), new Properties());
        SilenceStore store = new SilenceStore(DSL.using(connection, SQLDialect.CLICKHOUSE), "trackwatch");
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        Silence silence = store.create(new SilenceRequest(List.of("check=\"routes_test_silenced\""), null, null, "2h",
                "ana", "backfill"), now);

        CliRun run = CliRun.run("routes", "test", "--checks", "../checks", "--labels",
                "team=growth,dataset=product_events,check=routes_test_silenced", "--at", "2026-11-20T13:00:00Z",
                "--embedded", TestingClickHouse.embeddedDataDir().toString());
        CliRun later = CliRun.run("routes", "test", "--checks", "../checks", "--labels",
                "team=growth,dataset=product_events,check=routes_test_silenced", "--at", "2026-11-20T14:00:00Z",
                "--embedded", TestingClickHouse.embeddedDataDir().toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).endsWith("silenced: yes, by " + silence.id() + " until 2026-11-20T14:00:00Z (ana: backfill)\n"
                + "notifies: nobody (silenced)\n");
        assertThat(later.out()).endsWith("silenced: no\nnotifies: growth\n");
    }

    @Test
    void badArgumentsAndBrokenTreesAreOneLineEach() throws IOException {
        CliRun labels = CliRun.run("routes", "test", "--checks", "../checks", "--labels", "team=growth,kind");
        CliRun at = CliRun.run("routes", "test", "--checks", "../checks", "--labels", "team=growth", "--at", "saturday");
        Path broken = tree("routing:\n  route:\n    receiver: nobody\n");
        CliRun invalid = CliRun.run("routes", "test", "--checks", broken.toString(), "--labels", "team=growth");

        assertThat(labels.exit()).isEqualTo(1);
        assertThat(labels.err()).isEqualTo("trackwatch: --labels: 'kind' is not name=value (a label name is letters, "
                + "digits and _, not starting with a digit)\n");
        assertThat(at.err()).isEqualTo("trackwatch: --at: 'saturday' is not an ISO-8601 instant like 2026-11-20T14:00:00Z\n");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).isEqualTo("routing.yaml:3:15: receiver 'nobody' is not defined: name one of "
                + "routing.receivers, a team, or owner\n1 error\n");
    }
}
