package dev.trackwatch.loader;

import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.LoadResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A check without a runbook of its own needs its kind's default runbooks to exist. */
class DefaultRunbooksTest {

    @TempDir
    Path dir;

    @Test
    void aMissingDefaultRunbookIsAnErrorAtTheCheckAndTheRepoHasEveryOne() throws Exception {
        Path checks = Files.createDirectories(dir.resolve("checks"));
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(checks.resolve("checks.yaml"), """
                teams:
                  - name: growth
                    slack_channel: "#growth"
                    datasets: [events]
                datasets:
                  - name: events
                    table: demo.events
                    event_time: event_time
                    checks:
                      - type: volume
                """);
        for (String file : List.of("volume-drop.md", "monitor-fault.md")) {
            Files.writeString(runbooks.resolve(file), "# " + file);
        }

        LoadResult result = ConfigLoader.load(checks, runbooks);

        assertThat(result.errors()).extracting(ConfigError::render).containsExactly(
                "checks.yaml:10:9: volume check 'volume' names no runbook and its default, runbooks/volume-spike.md, "
                        + "does not exist: add it, or set runbook:");
        assertThat(ConfigLoader.load(Path.of("../checks")).errors()).isEmpty();
    }
}
