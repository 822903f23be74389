package dev.trackwatch.schedule;

import dev.trackwatch.clickhouse.ClickHouseConfiguration;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.run.RunConfiguration;
import dev.trackwatch.validate.ReloadSyntaxCheck;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reload compiles nothing on the server, so it parses filters and expressions offline: a tree
 * whose filter is {@code a = = 1} is refused with the located syntax error and the last good
 * config keeps running.
 */
class ReloadSyntaxTest {

    @TempDir
    Path checksDir;

    @Test
    void aFilterThatDoesNotParseIsRefusedAndTheRunningConfigStays() throws IOException {
        TestingClickHouse.embedded();
        RunConfiguration run = new RunConfiguration();
        run.setChecksDir(checksDir);
        ChecksHolder checks = new ChecksHolder(run, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        checks.syntax = new ReloadSyntaxCheck(new ClickHouseConfiguration());
        write("event_name != 'heartbeat'");
        assertThat(checks.reload().applied()).isTrue();
        String running = checks.current().hash();

        write("a = = 1");
        ChecksHolder.ReloadOutcome outcome = checks.reload();

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.errors()).singleElement().asString().startsWith("checks.yaml:8:13: filter is not valid "
                + "ClickHouse SQL: syntax error at character 5 ('= 1'): Expected one of: ");
        assertThat(checks.current().hash()).isEqualTo(running);
    }

    private void write(String filter) throws IOException {
        Files.writeString(checksDir.resolve("checks.yaml"), """
                teams:
                  - name: growth
                    slack_channel: "#growth-alerts"
                    datasets: [events]
                datasets:
                  - name: events
                    table: demo.events
                    filter: "%s"
                    event_time: event_time
                    checks:
                      - type: volume
                """.formatted(filter));
    }
}
