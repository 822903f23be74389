package dev.trackwatch.route;

import dev.trackwatch.checks.SchemaCheck;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.incidents.AlertLabels;
import dev.trackwatch.incidents.IncidentTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An alert's labels from what the incident says (dataset, check, kind, ...) and the config. */
class AlertLabelsTest {

    @TempDir
    Path dir;

    /** The labels of an alert of dataset product_events; {@code fault}: the monitor is at fault. */
    private static Map<String, String> labels(TrackwatchSpec spec, String check, String kind, Severity severity,
                                              String owner, String metric, Map<String, String> segment, boolean fault) {
        return AlertLabels.of(spec, "product_events", check, fault ? IncidentTracker.MONITOR_FAULT : kind, severity,
                owner, metric, segment);
    }

    @Test
    void aResultCarriesItsIdentitySegmentAndConfiguredLabels() {
        TrackwatchSpec spec = Trees.load(dir, "");

        Map<String, String> labels = labels(spec, "volume", "volume", Severity.CRITICAL, "growth",
                "row_count", Map.of("platform", "ios"), false);

        assertThat(labels).containsExactly(Map.entry("check", "volume"), Map.entry("dataset", "product_events"),
                Map.entry("domain", "shop"), Map.entry("kind", "volume"), Map.entry("metric", "row_count"),
                Map.entry("platform", "ios"), Map.entry("severity", "critical"), Map.entry("team", "growth"));
    }

    @Test
    void anEventsOwningTeamOwnsItsSegment() {
        TrackwatchSpec spec = Trees.load(dir, "");

        assertThat(labels(spec, "volume_by_event", "volume", Severity.WARNING, "growth", "row_count",
                Map.of("event_name", "add_to_cart"), false)).containsEntry("team", "mobile")
                .containsEntry("event_name", "add_to_cart");
        assertThat(labels(spec, "volume_by_event", "volume", Severity.WARNING, "growth", "row_count",
                Map.of("event_name", "page_view"), false)).as("no team owns page_view").containsEntry("team", "growth");
    }

    @Test
    void monitorFaultsHaveTheirOwnKindAndCheckLabelsOverrideTheMetric() {
        TrackwatchSpec spec = Trees.load(dir, "");

        Map<String, String> fault = labels(spec, "freshness", "freshness", Severity.CRITICAL, "platform",
                null, Map.of(), true);
        Map<String, String> purchases = labels(spec, "purchases", "custom", Severity.WARNING, "growth",
                "custom:purchases", Map.of(), false);

        assertThat(fault).containsEntry("kind", "monitor_fault").containsEntry("team", "platform")
                .doesNotContainKey("metric");
        assertThat(purchases).containsEntry("metric", "purchases").containsEntry("kind", "custom");
    }

    @Test
    void handWrittenLabelsAreCompletedFromTheConfig() {
        TrackwatchSpec spec = Trees.load(dir, "");

        assertThat(AlertLabels.complete(spec, Map.of("dataset", "product_events", "check", "freshness")))
                .containsEntry("team", "platform").containsEntry("severity", "critical")
                .containsEntry("kind", "freshness").containsEntry("domain", "shop");
        assertThat(AlertLabels.complete(spec, Map.of("dataset", "product_events", "team", "mobile", "kind", "volume")))
                .containsExactly(Map.entry("dataset", "product_events"), Map.entry("domain", "shop"),
                        Map.entry("kind", "volume"), Map.entry("team", "mobile"));
        assertThat(AlertLabels.complete(spec, Map.of("dataset", "nope"))).containsExactly(Map.entry("dataset", "nope"));
    }
}
