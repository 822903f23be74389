package dev.trackwatch.schedule;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.run.RunCancellation;
import dev.trackwatch.run.RunConfiguration;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which running scans a reload or shutdown cancels, through the holder {@code serve} reloads with:
 * an applied reload cancels the runs of datasets it removed or changed and keeps the others; a
 * rejected reload cancels nothing; shutdown cancels every run in flight.
 */
class RunningScansTest {

    @TempDir
    Path checksDir;

    private final RunningScans scans = new RunningScans();

    @Test
    void aReloadCancelsTheRunsOfRemovedAndChangedDatasetsAndShutdownCancelsTheRest() throws IOException {
        RunConfiguration run = new RunConfiguration();
        run.setChecksDir(checksDir);
        ChecksHolder checks = new ChecksHolder(run, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                scans::onApplicationEvent, new ReloadConfiguration());
        write(Map.of("a", "5m", "b", "5m", "c", "5m"));
        assertThat(checks.reload().applied()).isTrue();
        TrackwatchSpec first = checks.current();
        RunCancellation a = scans.started(dataset(first, "a"));
        RunCancellation b = scans.started(dataset(first, "b"));
        RunCancellation c = scans.started(dataset(first, "c"));

        Files.writeString(checksDir.resolve("checks.yaml"), "not: [valid");
        assertThat(checks.reload().applied()).isFalse();
        boolean cancelledByRejectedReload = a.isCancelled() || b.isCancelled() || c.isCancelled();

        write(Map.of("a", "5m", "b", "10m"));
        assertThat(checks.reload().applied()).isTrue();

        assertThat(cancelledByRejectedReload).as("a rejected reload keeps every run").isFalse();
        assertThat(a.isCancelled()).as("the unchanged dataset's run goes on").isFalse();
        assertThat(b.reason()).isEqualTo("dataset b changed by reload");
        assertThat(c.reason()).isEqualTo("dataset c removed by reload");

        scans.finished(dataset(first, "b"), b);
        scans.finished(dataset(first, "c"), c);
        assertThat(scans.size()).isEqualTo(1);
        scans.cancelAll("shutdown");
        assertThat(a.reason()).isEqualTo("shutdown");
    }

    private static DatasetSpec dataset(TrackwatchSpec spec, String name) {
        return spec.dataset(name).orElseThrow();
    }

    /** Writes one team owning the datasets of {@code intervals} (name to interval), each with a volume check. */
    private void write(Map<String, String> intervals) throws IOException {
        var names = intervals.keySet().stream().sorted().toList();
        String datasets = names.stream().map(n -> """
                  - name: %s
                    table: demo.events
                    event_time: event_time
                    interval: %s
                    checks:
                      - type: volume
                """.formatted(n, intervals.get(n))).collect(Collectors.joining());
        Files.writeString(checksDir.resolve("checks.yaml"), """
                teams:
                  - name: growth
                    slack_channel: "#growth-alerts"
                    datasets: [%s]
                datasets:
                %s""".formatted(String.join(", ", names), datasets));
    }
}
