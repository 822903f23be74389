package dev.trackwatch.embedded;

/**
 * Counters the engine reports for one query; the HTTP endpoint exposes them in the
 * {@code X-ClickHouse-Summary} header, where the JDBC driver reads its update counts.
 *
 * @param readRows rows read from storage and table functions
 * @param readBytes bytes read
 * @param writtenRows rows inserted
 * @param writtenBytes bytes inserted
 * @param elapsedNanos time the engine spent on the query
 */
public record QueryStats(long readRows, long readBytes, long writtenRows, long writtenBytes, long elapsedNanos) {

    /** Renders the summary the way ClickHouse does: a JSON object whose numbers are quoted strings. */
    public String toSummaryJson(long resultRows, long resultBytes) {
        return "{\"read_rows\":\"" + readRows + "\",\"read_bytes\":\"" + readBytes
                + "\",\"written_rows\":\"" + writtenRows + "\",\"written_bytes\":\"" + writtenBytes
                + "\",\"total_rows_to_read\":\"" + readRows + "\",\"result_rows\":\"" + resultRows
                + "\",\"result_bytes\":\"" + resultBytes + "\",\"elapsed_ns\":\"" + elapsedNanos + "\"}";
    }
}
