package dev.trackwatch.incidents;

import dev.trackwatch.loader.ConfigLoader;
import dev.trackwatch.config.LoadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-check resolve_after map the daemon and the backtest hand to the tracker. */
class ResolveAfterTest {

    @Test
    void onlyChecksThatSetResolveAfterAreInTheMapSoTheOthersTakeTheDefault(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("checks.yaml"), """
                teams:
                  - name: growth
                    slack_channel: "#growth"
                    datasets: [events]
                datasets:
                  - name: events
                    table: demo.events
                    event_time: event_time
                    checks:
                      - name: volume
                        type: volume
                        resolve_after: 3
                      - name: freshness
                        type: freshness
                        max_event_age: 30m
                """);
        LoadResult loaded = ConfigLoader.load(dir, dir.resolve("runbooks"));
        assertThat(loaded.errors()).isEmpty();

        assertThat(ResolveAfter.byCheck(loaded.spec().datasets().getFirst())).isEqualTo(Map.of("volume", 3));
        assertThat(ResolveAfter.DEFAULT).isEqualTo(2);
    }
}
