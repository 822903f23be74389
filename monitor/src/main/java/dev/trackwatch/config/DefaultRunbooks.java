package dev.trackwatch.config;

import java.util.List;
import java.util.Map;

/**
 * The runbook files under runbooks/ that alerts link to when their check names none: one per
 * alert kind, split by direction where the advice differs (a drop is not a spike). Messages pick
 * among them; {@code validate} checks they exist.
 */
public final class DefaultRunbooks {

    /** The monitor-fault runbook, for checks that could not run. */
    public static final String MONITOR_FAULT = "monitor-fault.md";

    private static final Map<String, List<String>> BY_TYPE = Map.of(
            "volume", List.of("volume-drop.md", "volume-spike.md"),
            "freshness", List.of("freshness.md"),
            "null_rate", List.of("null-rate-spike.md"),
            "cardinality", List.of("cardinality-collapse.md", "cardinality-spike.md"),
            "latency", List.of("ingestion-latency.md"),
            "schema", List.of("ddl-drift.md", "tracking-plan-violation.md"),
            "custom", List.of("README.md"));

    private DefaultRunbooks() {
    }

    /** Returns the default runbook files of a check type (its drop/collapse one first). */
    public static List<String> forType(String type) {
        return BY_TYPE.getOrDefault(type, List.of("README.md"));
    }
}
