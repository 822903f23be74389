package dev.trackwatch.query;

import java.time.Duration;

/**
 * Limits on one data query, sent as ClickHouse settings of that request only (HTTP URL
 * parameters), so they apply to Trackwatch's scans without touching the user's profile.
 *
 * @param maxExecutionTime {@code max_execution_time}, rounded up to whole seconds (at least 1)
 * @param maxRowsToRead {@code max_rows_to_read}, or null for the server's limit
 * @param readOnly {@code readonly=1}: the scan may only read. Turn it off only for a user whose
 *                 profile already has {@code readonly=1} (such a user cannot send settings at all)
 */
public record QueryGuardrails(Duration maxExecutionTime, Long maxRowsToRead, boolean readOnly) {

    public QueryGuardrails {
        if (maxExecutionTime == null || maxExecutionTime.isNegative() || maxExecutionTime.isZero()) {
            throw new IllegalArgumentException("max execution time must be positive, got " + maxExecutionTime);
        }
        if (maxRowsToRead != null && maxRowsToRead <= 0) {
            throw new IllegalArgumentException("max rows to read must be positive, got " + maxRowsToRead);
        }
    }

    /** Read-only, no row limit, at most {@code maxExecutionTime}. */
    public static QueryGuardrails of(Duration maxExecutionTime) {
        return new QueryGuardrails(maxExecutionTime, null, true);
    }

    /** Returns a copy with {@code max_rows_to_read} set. */
    public QueryGuardrails withMaxRowsToRead(long rows) {
        return new QueryGuardrails(maxExecutionTime, rows, readOnly);
    }

    /** Returns {@code max_execution_time} in whole seconds, rounded up. */
    public long maxExecutionSeconds() {
        return Math.max(1, (maxExecutionTime.toMillis() + 999) / 1000);
    }
}
