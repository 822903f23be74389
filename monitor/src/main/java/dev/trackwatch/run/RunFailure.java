package dev.trackwatch.run;

import dev.trackwatch.evaluate.CheckResult;

import java.util.List;
import java.util.Locale;

/**
 * Why a dataset run produced no verdicts, told from its results: the scheduler counts failed runs
 * by it and the watchdog learns from it whether the run reached ClickHouse. The reasons are the
 * ones {@link CycleRunner} and {@link DatasetRunner} write, so the classification lives beside them.
 */
public enum RunFailure {
    /** The run reached ClickHouse: some verdict, or nothing to judge (no checks, judging deferred). */
    NONE,
    /** ClickHouse could not be reached: connection refused or reset, DNS, pool or network timeout. */
    CLICKHOUSE_UNREACHABLE,
    /** The table is gone or not visible to the Trackwatch user. */
    TABLE_MISSING,
    /** ClickHouse answered with an error (a guardrail, memory, an unknown column). */
    SCAN_FAILED,
    /** Anything else, a Trackwatch bug. */
    ERROR;

    /** The prefix of a reason that says ClickHouse could not be reached. */
    static final String UNREACHABLE = "ClickHouse unavailable: ";

    /** Returns the label value of this failure, e.g. {@code clickhouse_unreachable}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Classifies one run's results; an empty list (cancelled, deferred, no checks) reached ClickHouse. */
    public static RunFailure of(List<CheckResult> results) {
        if (results.isEmpty() || results.stream().anyMatch(r -> !r.monitorFault())) {
            return NONE;
        }
        String reason = results.getFirst().reason() == null ? "" : results.getFirst().reason();
        if (reason.startsWith(UNREACHABLE) || reason.contains("ClickHouse error 210:")
                || reason.contains("(client-side limit)")) {
            return CLICKHOUSE_UNREACHABLE;
        }
        if (reason.startsWith("table ") && reason.contains("does not exist")) {
            return TABLE_MISSING;
        }
        return reason.startsWith("scan of ") ? SCAN_FAILED : ERROR;
    }

    /** Returns whether {@code thrown} (or a cause) is a failure to reach the server rather than an answer from it. */
    static boolean unreachable(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t.getClass().getSimpleName().equals("ConnectionInitiationException")) {
                return true;
            }
        }
        return false;
    }
}
