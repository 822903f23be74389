package dev.trackwatch.loader;

import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.LoadResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failure modes the config corpus drill ({@code bench configs}) found that a fixture in the
 * repository cannot hold: a file over the size limit, and a JSON file saved with a byte-order mark.
 */
class ConfigLimitsTest {

    @TempDir
    Path dir;

    @Test
    void aFileOverOneMebibyteIsRefusedAtTheLineWhereItCrossesTheLimit() throws IOException {
        // 10 short lines, then a pasted blob: the YAML parser would take seconds per megabyte on it.
        String head = "teams: []\n" + "# a comment line\n".repeat(9);
        Files.writeString(dir.resolve("big.yaml"), head + "# " + "x".repeat(2 << 20) + "\n");

        LoadResult result = ConfigLoader.load(dir);

        int column = (1 << 20) - head.length() + 1;
        assertThat(result.errors()).extracting(ConfigError::render).containsExactly("big.yaml:11:" + column
                + ": file is larger than 1 MiB, here: checks files are a few kilobytes; split it, or remove what "
                + "is not configuration");
    }

    @Test
    void aTrackingPlanFileWithAByteOrderMarkLoads() throws IOException {
        Files.writeString(dir.resolve("teams.yaml"), """
                teams:
                  - name: growth
                    slack_channel: "#growth-alerts"
                    events: [purchase]
                """);
        Path plan = Files.createDirectories(dir.resolve("tracking-plan/purchase"));
        Files.write(plan.resolve("2.json"), ("\uFEFF{\"type\": \"object\", \"properties\": {\"order_id\": "
                + "{\"type\": \"string\"}}}\n").getBytes(StandardCharsets.UTF_8));

        LoadResult result = ConfigLoader.load(dir);

        assertThat(result.errors()).isEmpty();
        assertThat(result.spec().trackingPlan()).hasSize(1);
    }
}
