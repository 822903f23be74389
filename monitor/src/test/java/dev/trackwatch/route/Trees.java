package dev.trackwatch.route;

import dev.trackwatch.loader.ConfigLoader;
import dev.trackwatch.config.LoadResult;
import dev.trackwatch.config.TrackwatchSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes small checks trees with a routing section and loads them, as the daemon would. */
final class Trees {

    /** Three teams, three datasets (product_events built from raw_events, sessions from product_events). */
    static final String TEAMS = """
            teams:
              - name: growth
                slack_channel: "#growth-alerts"
                datasets: [product_events]
                events: [purchase, checkout_started]
              - name: mobile
                slack_channel: "#mobile-alerts"
                events: [add_to_cart]
              - name: platform
                slack_channel: "#data-platform"
                datasets: [raw_events, sessions]
            datasets:
              - name: raw_events
                table: demo.raw
                event_time: event_time
                checks:
                  - type: freshness
              - name: product_events
                table: demo.events
                event_time: event_time
                segments: [event_name, platform]
                labels: {domain: shop}
                upstream: [raw_events]
                checks:
                  - name: volume
                    type: volume
                    severity: critical
                    segments: [platform]
                  - name: volume_by_event
                    type: volume
                    segments: [event_name]
                  - name: purchases
                    type: custom
                    expression: "countIf(event_name = 'purchase')"
                    labels: {metric: purchases}
                  - type: freshness
                    owner: platform
                    severity: critical
              - name: sessions
                table: demo.sessions
                event_time: event_time
                upstream: [product_events]
                checks:
                  - type: volume
            """;

    private Trees() {
    }

    /** Loads TEAMS plus {@code routing} (a whole file's text, or empty) from a fresh tree under {@code dir}. */
    static TrackwatchSpec load(Path dir, String routing) {
        try {
            Path checks = Files.createTempDirectory(dir, "checks-");
            Files.writeString(checks.resolve("teams.yaml"), TEAMS);
            if (!routing.isEmpty()) {
                Files.writeString(checks.resolve("routing.yaml"), routing);
            }
            LoadResult result = ConfigLoader.load(checks);
            assertThat(result.errors()).isEmpty();
            return result.spec();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
