package dev.trackwatch.query;

import java.time.Duration;

/**
 * What a scan cost, from the server's {@code X-ClickHouse-Summary} of the data query.
 *
 * @param readRows rows the server read
 * @param readBytes uncompressed bytes the server read
 * @param serverElapsed the query's time on the server
 * @param elapsed wall time in Trackwatch, from borrowing the connection to the last observation
 * @param queryId the query id, to find the query in {@code system.query_log}
 */
public record ScanCost(long readRows, long readBytes, Duration serverElapsed, Duration elapsed, String queryId) {
}
