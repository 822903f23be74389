package dev.trackwatch.route;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Inhibition: source, target and equal labels, downstream datasets, and no self-inhibition. */
class InhibitorTest {

    static final String ROUTING = """
            routing:
              inhibit_rules:
                - source_matchers: ['kind="freshness"']
                  target_matchers: ['kind=~"volume|null_rate|cardinality"']
                  equal: [dataset]
                - source_matchers: ['severity="critical"']
                  target_matchers: ['severity="warning"']
                  equal: [dataset, check]
                - source_matchers: ['kind="monitor_fault"']
                  target_matchers: ['kind="monitor_fault"']
            """;

    @TempDir
    Path dir;

    private static Map<String, String> alert(String dataset, String check, String kind, String severity) {
        return Map.of("dataset", dataset, "check", check, "kind", kind, "severity", severity, "team", "growth");
    }

    private static final Map<String, String> STALE = alert("product_events", "freshness", "freshness", "critical");

    @Test
    void aFiringSourceInhibitsTargetsWithEqualLabels() {
        Inhibitor inhibitor = Inhibitor.of(Trees.load(dir, ROUTING));
        Map<String, String> lowVolume = alert("product_events", "volume", "volume", "critical");

        assertThat(inhibitor.inhibitedBy(lowVolume, List.of(STALE))).contains("inhibit_rules[0]: {check=\"freshness\", "
                + "dataset=\"product_events\", kind=\"freshness\"} is firing");
        assertThat(inhibitor.inhibitedBy(lowVolume, List.of())).isEmpty();
        assertThat(inhibitor.inhibitedBy(alert("product_events", "latency", "latency", "critical"), List.of(STALE)))
                .as("not a target").isEmpty();
    }

    @Test
    void aSourceOnAnotherDatasetDoesNotInhibitUnlessTheTargetIsDownstreamOfIt() {
        Inhibitor inhibitor = Inhibitor.of(Trees.load(dir, ROUTING));
        Map<String, String> rawStale = alert("raw_events", "freshness", "freshness", "critical");

        assertThat(inhibitor.inhibitedBy(alert("product_events", "volume", "volume", "critical"), List.of(rawStale)))
                .contains("inhibit_rules[0]: {check=\"freshness\", dataset=\"raw_events\", kind=\"freshness\"} is firing "
                        + "(dataset product_events is downstream of raw_events)");
        assertThat(inhibitor.inhibitedBy(alert("sessions", "volume", "volume", "warning"), List.of(rawStale)))
                .as("two levels down").hasValueSatisfying(s -> s.endsWith("(dataset sessions is downstream of raw_events)"));
        assertThat(inhibitor.inhibitedBy(alert("raw_events", "volume", "volume", "critical"),
                List.of(alert("sessions", "freshness", "freshness", "critical"))))
                .as("upstream of the source is not inhibited").isEmpty();
    }

    @Test
    void everyEqualLabelMustAgreeAndAnAbsentLabelEqualsAnAbsentOne() {
        Inhibitor inhibitor = Inhibitor.of(Trees.load(dir, ROUTING));
        Map<String, String> warning = alert("product_events", "volume", "volume", "warning");

        assertThat(inhibitor.inhibitedBy(warning, List.of(alert("product_events", "volume", "volume", "critical"))))
                .contains("inhibit_rules[1]: {check=\"volume\", dataset=\"product_events\", severity=\"critical\"} "
                        + "is firing");
        assertThat(inhibitor.inhibitedBy(warning, List.of(alert("product_events", "purchases", "custom", "critical"))))
                .isEmpty();
        assertThat(inhibitor.inhibitedBy(Map.of("severity", "warning"), List.of(Map.of("severity", "critical"))))
                .isPresent();
    }

    @Test
    void anAlertMatchingBothSidesIsNotInhibitedByAnotherSuchAlertNorItself() {
        Inhibitor inhibitor = Inhibitor.of(Trees.load(dir, ROUTING));
        Map<String, String> fault = alert("product_events", "volume", "monitor_fault", "critical");
        Map<String, String> other = alert("sessions", "volume", "monitor_fault", "critical");

        assertThat(inhibitor.inhibitedBy(fault, List.of(fault, other))).isEmpty();
    }

    @Test
    void withoutRulesNothingIsInhibited() {
        Inhibitor inhibitor = Inhibitor.of(Trees.load(dir, ""));

        assertThat(inhibitor.inhibitedBy(alert("product_events", "volume", "volume", "critical"), List.of(STALE)))
                .isEmpty();
    }
}
