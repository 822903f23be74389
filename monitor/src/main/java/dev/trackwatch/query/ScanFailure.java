package dev.trackwatch.query;

import java.time.Duration;

/**
 * A scan that did not produce observations. The caller marks the dataset's checks NOT_EVALUATED
 * with {@link #message()}.
 *
 * @param dataset the dataset name
 * @param code the ClickHouse error code (e.g. {@link #TIMEOUT_EXCEEDED}, {@link #TOO_MANY_ROWS},
 *             {@link #UNKNOWN_TABLE}); {@link #NETWORK_ERROR} when the server could not be reached;
 *             {@link #CLIENT_ERROR} for a failure inside Trackwatch
 * @param message the server's or client's message, prefixed with the dataset
 * @param elapsed wall time until the failure
 */
public record ScanFailure(String dataset, int code, String message, Duration elapsed) implements ScanResult {

    /** A failure inside Trackwatch (no ClickHouse code). */
    public static final int CLIENT_ERROR = 0;
    /** ClickHouse UNKNOWN_TABLE. */
    public static final int UNKNOWN_TABLE = 60;
    /** ClickHouse TOO_MANY_ROWS ({@code max_rows_to_read}). */
    public static final int TOO_MANY_ROWS = 158;
    /** ClickHouse TIMEOUT_EXCEEDED ({@code max_execution_time}). */
    public static final int TIMEOUT_EXCEEDED = 159;
    /** ClickHouse READONLY: the query tried to write. */
    public static final int READONLY = 164;
    /** ClickHouse NETWORK_ERROR, also used when the connection failed before the server answered. */
    public static final int NETWORK_ERROR = 210;
}
