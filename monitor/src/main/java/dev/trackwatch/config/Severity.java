package dev.trackwatch.config;

/** How urgent a check's failure is; routing and repeat intervals key on it. */
public enum Severity {
    INFO, WARNING, CRITICAL
}
