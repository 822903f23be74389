package dev.trackwatch.route;

import dev.trackwatch.checks.SchemaCheck;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An alert's labels from a check result and the config. */
class AlertLabelsTest {

    private static final Instant BUCKET = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;

    private static CheckResult result(String check, String type, Severity severity, String owner, String metric,
                                      Map<String, String> segment, boolean fault) {
        return new CheckResult("product_events", check, type, severity, owner,
                fault ? Outcome.NOT_EVALUATED : Outcome.FAILED, metric, segment, BUCKET, 1.0, "why", fault);
    }

    @Test
    void aResultCarriesItsIdentitySegmentAndConfiguredLabels() {
        TrackwatchSpec spec = Trees.load(dir, "");

        Map<String, String> labels = AlertLabels.of(spec, result("volume", "volume", Severity.CRITICAL, "growth",
                "row_count", Map.of("platform", "ios"), false));

        assertThat(labels).containsExactly(Map.entry("check", "volume"), Map.entry("dataset", "product_events"),
                Map.entry("domain", "shop"), Map.entry("kind", "volume"), Map.entry("metric", "row_count"),
                Map.entry("platform", "ios"), Map.entry("severity", "critical"), Map.entry("team", "growth"));
    }

    @Test
    void anEventsOwningTeamOwnsItsSegment() {
        TrackwatchSpec spec = Trees.load(dir, "");

        assertThat(AlertLabels.of(spec, result("volume_by_event", "volume", Severity.WARNING, "growth", "row_count",
                Map.of("event_name", "add_to_cart"), false))).containsEntry("team", "mobile")
                .containsEntry("event_name", "add_to_cart");
        assertThat(AlertLabels.of(spec, result("volume_by_event", "volume", Severity.WARNING, "growth", "row_count",
                Map.of("event_name", "page_view"), false))).as("no team owns page_view").containsEntry("team", "growth");
    }

    @Test
    void monitorFaultsHaveTheirOwnKindAndCheckLabelsOverrideTheMetric() {
        TrackwatchSpec spec = Trees.load(dir, "");

        Map<String, String> fault = AlertLabels.of(spec, result("freshness", "freshness", Severity.CRITICAL, "platform",
                null, Map.of(), true));
        Map<String, String> purchases = AlertLabels.of(spec, result("purchases", "custom", Severity.WARNING, "growth",
                "custom:purchases", Map.of(), false));

        assertThat(fault).containsEntry("kind", "monitor_fault").containsEntry("team", "platform")
                .doesNotContainKey("metric");
        assertThat(purchases).containsEntry("metric", "purchases").containsEntry("kind", "custom");
        assertThat(AlertLabels.of(spec, new CheckResult("product_events", "schema", "schema",
                SchemaCheck.KIND, Severity.CRITICAL, "growth", Outcome.FAILED, null, Map.of(), BUCKET, null, "drift", false,
                null))).containsEntry("kind", "schema_drift");
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
