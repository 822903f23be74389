package dev.trackwatch.config;

import java.util.Map;

/**
 * What every check has, whatever its type.
 *
 * @param name unique within its dataset
 * @param severity how urgent a failure is
 * @param owner the owning team (the check's own, else the dataset's)
 * @param runbook a runbook file under runbooks/ or a URL, or null for the kind's default
 * @param labels free-form labels used for routing
 * @param location where the check is defined
 * @param anomaly seasonal-baseline settings; null for check types without a baseline (freshness, schema)
 * @param resolveAfter healthy buckets in a row that resolve this check's incidents, or null for the
 *     daemon's {@code trackwatch.notify.resolve-after}
 */
public record CheckCommon(String name, Severity severity, String owner, String runbook, Map<String, String> labels,
                          SourceLocation location, AnomalySpec anomaly, Integer resolveAfter) {

    public CheckCommon {
        labels = Map.copyOf(labels);
    }

    /** A check that resolves its incidents after the daemon's default number of healthy buckets. */
    public CheckCommon(String name, Severity severity, String owner, String runbook, Map<String, String> labels,
                       SourceLocation location, AnomalySpec anomaly) {
        this(name, severity, owner, runbook, labels, location, anomaly, null);
    }

    /** A check with default anomaly settings, for code that builds specs directly (benchmarks, tests). */
    public CheckCommon(String name, Severity severity, String owner, String runbook, Map<String, String> labels,
                       SourceLocation location) {
        this(name, severity, owner, runbook, labels, location, AnomalySpec.defaults(location));
    }

    /** Returns whether the check's metrics are compared with a seasonal baseline. */
    public boolean detectsAnomalies() {
        return anomaly != null && anomaly.enabled();
    }
}
