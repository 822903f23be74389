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
 */
public record CheckCommon(String name, Severity severity, String owner, String runbook, Map<String, String> labels,
                          SourceLocation location) {

    public CheckCommon {
        labels = Map.copyOf(labels);
    }
}
