package dev.trackwatch.schedule;

import dev.trackwatch.run.ConfigEvent;
import dev.trackwatch.run.RunConfiguration;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reloads through the holder {@code serve} runs: a valid tree that drops every running dataset, or
 * more than half of them, is refused as a {@link ConfigEvent.ConfigRejected} (which the alert
 * stages turn into the config-reload monitor-fault incident) unless forced; and the running hash
 * is exported as one {@code trackwatch_config_info} series.
 */
class ChecksHolderTest {

    @TempDir
    Path checksDir;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<ConfigEvent> events = new ArrayList<>();
    private final ReloadConfiguration settings = new ReloadConfiguration();
    private ChecksHolder checks;

    @BeforeEach
    void setUp() throws IOException {
        RunConfiguration run = new RunConfiguration();
        run.setChecksDir(checksDir);
        checks = new ChecksHolder(run, registry, events::add, settings);
        writeDatasets("a", "b", "c");
        assertThat(checks.reload().applied()).isTrue();
    }

    @Test
    void anEmptiedTreeIsRefusedAndTheRunningConfigKeepsRunning() throws IOException {
        String running = checks.current().hash();
        Files.writeString(checksDir.resolve("checks.yaml"), "");

        ChecksHolder.ReloadOutcome outcome = checks.reload();

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.errors()).singleElement().asString()
                .startsWith(checksDir + ": reload refused: it would drop 3 of the 3 running datasets (a, b, c)"
                        + " and leave 0")
                .contains(".allow-dataset-drop", "trackwatch.reload.allow-dataset-drop=true");
        assertThat(checks.current().hash()).isEqualTo(running);
        assertThat(events.getLast()).isEqualTo(new ConfigEvent.ConfigRejected(outcome.errors(), running));
        assertThat(scrape()).contains("trackwatch_config_last_reload_successful 0.0");
    }

    @Test
    void droppingMoreThanHalfIsRefusedButHalfOrLessIsApplied() throws IOException {
        writeDatasets("a");
        assertThat(checks.reload().errors()).singleElement().asString()
                .contains("it would drop 2 of the 3 running datasets (b, c) and leave 1");
        assertThat(checks.current().datasets()).hasSize(3);

        writeDatasets("a", "b", "d");
        ChecksHolder.ReloadOutcome outcome = checks.reload();

        assertThat(outcome.applied()).isTrue();
        assertThat(events.getLast()).isInstanceOf(ConfigEvent.ConfigApplied.class);
        assertThat(checks.current().datasets()).hasSize(3);
    }

    @Test
    void aMarkerFileInTheChecksDirectoryForcesTheDrop() throws IOException {
        Files.writeString(checksDir.resolve("checks.yaml"), "");
        Files.writeString(checksDir.resolve(ReloadConfiguration.ALLOW_DROP_MARKER), "");

        ChecksHolder.ReloadOutcome outcome = checks.reload();

        assertThat(outcome.applied()).isTrue();
        assertThat(checks.current().datasets()).isEmpty();
    }

    @Test
    void theSettingForcesTheDrop() throws IOException {
        settings.setAllowDatasetDrop(true);
        Files.writeString(checksDir.resolve("checks.yaml"), "");

        assertThat(checks.reload().applied()).isTrue();
        assertThat(checks.current().datasets()).isEmpty();
    }

    @Test
    void configInfoHasOneSeriesTheRunningHash() throws IOException {
        String first = checks.current().hash().substring(0, 12);
        writeDatasets("a", "b", "c", "d");
        assertThat(checks.reload().changed()).isTrue();
        String second = checks.current().hash().substring(0, 12);

        List<String> series = scrape().lines().filter(l -> l.startsWith("trackwatch_config_info")).toList();

        assertThat(second).isNotEqualTo(first);
        assertThat(series).containsExactly("trackwatch_config_info{hash=\"" + second + "\"} 1");
    }

    private String scrape() {
        return registry.scrape();
    }

    /** Writes one team owning datasets {@code names}, each with a volume check. */
    private void writeDatasets(String... names) throws IOException {
        String datasets = IntStream.range(0, names.length).mapToObj(i -> """
                  - name: %s
                    table: demo.events
                    event_time: event_time
                    checks:
                      - type: volume
                """.formatted(names[i])).collect(Collectors.joining());
        Files.writeString(checksDir.resolve("checks.yaml"), """
                teams:
                  - name: growth
                    slack_channel: "#growth-alerts"
                    datasets: [%s]
                datasets:
                %s""".formatted(String.join(", ", names), datasets));
    }
}
