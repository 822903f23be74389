package dev.trackwatch.query;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.jdbc.ConnectionImpl;
import dev.trackwatch.plan.DatasetQuery;
import org.jooq.DSLContext;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link DatasetQuery} and returns its observations and cost, or a {@link ScanFailure}:
 * nothing is thrown past this class, so one broken dataset never stops a run.
 *
 * <p>Why not plain JDBC: the JDBC API of the official driver (jdbc-v2 0.11) keeps the server's
 * {@code X-ClickHouse-Summary} (rows and bytes read) inside its result set, with no accessor. The
 * driver is built on the client-v2 {@link Client}, which it exposes ({@link ConnectionImpl#getClient()});
 * the executor borrows a connection from the {@link DSLContext}, takes that client (same endpoint,
 * credentials and pool) and runs the query with it, which returns the summary in
 * {@link QueryResponse#getReadRows()}/{@link QueryResponse#getReadBytes()}. The SQL is jOOQ's
 * rendering with the bind values as escaped literals, which is also what the driver itself sends
 * for a prepared statement.
 *
 * <p>Guardrails are server settings of this one HTTP request ({@code max_execution_time},
 * {@code max_rows_to_read}, {@code readonly=1}), never SQL {@code SETTINGS} clauses, and
 * {@code wait_end_of_query=1} so the summary is final when the headers arrive (results are small).
 */
public final class MetricQueryExecutor {

    /** Time beyond {@code max_execution_time} before the client gives up on a server that does not answer. */
    private static final Duration CLIENT_GRACE = Duration.ofSeconds(30);

    private MetricQueryExecutor() {
    }

    /**
     * Runs the query on a connection of {@code dsl}.
     *
     * @param dsl a jOOQ context over the official ClickHouse JDBC driver (jdbc-v2)
     * @param query the planned query
     * @param guardrails limits for this query
     * @return the observations and cost, or the failure with its ClickHouse error code
     */
    public static ScanResult execute(DSLContext dsl, DatasetQuery query, QueryGuardrails guardrails) {
        long start = System.nanoTime();
        try {
            return dsl.connectionResult(connection -> run(client(connection), query, guardrails, start));
        } catch (RuntimeException e) {
            // jOOQ wraps whatever the callback throws, checked or not, in a RuntimeException.
            return failure(query.dataset(), e, guardrails, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static ScanResult run(Client client, DatasetQuery query, QueryGuardrails guardrails, long start)
            throws Exception {
        QuerySettings settings = querySettings(guardrails).setQueryId(UUID.randomUUID().toString());
        long waitSeconds = guardrails.maxExecutionSeconds() + CLIENT_GRACE.toSeconds();
        CompletableFuture<QueryResponse> pending = client.query(query.executableSql(), settings);
        QueryResponse answer;
        try {
            answer = pending.get(waitSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw e;
        }
        try (QueryResponse response = answer;
             ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response)) {
            List<Observation> observations = ObservationReader.read(query, reader);
            ScanCost cost = new ScanCost(response.getReadRows(), response.getReadBytes(),
                    Duration.ofNanos(Math.max(0, response.getServerTime())),
                    Duration.ofNanos(System.nanoTime() - start), response.getQueryId());
            return new ScanSuccess(query.dataset(), observations, cost);
        }
    }

    /** The per-request server settings of a data query. */
    static QuerySettings querySettings(QueryGuardrails guardrails) {
        QuerySettings settings = new QuerySettings()
                .setMaxExecutionTime((int) Math.min(Integer.MAX_VALUE, guardrails.maxExecutionSeconds()))
                .waitEndOfQuery(true);
        settings.setNetworkTimeout(guardrails.maxExecutionSeconds() + CLIENT_GRACE.toSeconds(), ChronoUnit.SECONDS);
        if (guardrails.maxRowsToRead() != null) {
            settings.serverSetting("max_rows_to_read", String.valueOf(guardrails.maxRowsToRead()));
        }
        if (guardrails.readOnly()) {
            settings.serverSetting("readonly", "1");
        }
        return settings;
    }

    /** Returns the driver's client-v2 client behind a (possibly pooled) JDBC connection. */
    static Client client(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(ConnectionImpl.class)) {
            throw new SQLException("the connection is not from the ClickHouse JDBC driver (jdbc-v2): "
                    + connection.getClass().getName());
        }
        return connection.unwrap(ConnectionImpl.class).getClient();
    }

    /**
     * Maps an exception to the ClickHouse code it carries: the server's code (also found in the
     * driver's SQLException), TIMEOUT_EXCEEDED when the client gave up waiting, NETWORK_ERROR when
     * the server could not be reached, CLIENT_ERROR otherwise.
     */
    static ScanFailure failure(String dataset, Throwable thrown, QueryGuardrails guardrails, Duration elapsed) {
        int code = ScanFailure.CLIENT_ERROR;
        String message = null;
        boolean network = false;
        Throwable root = thrown;
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t instanceof ServerException server) {
                code = server.getCode();
                message = server.getMessage();
                break;
            }
            if (t instanceof SQLException sql && sql.getErrorCode() > 0) {
                code = sql.getErrorCode();
                message = sql.getMessage();
                break;
            }
            // The client's wait ran out (the future's, or the socket read's, both max_execution_time
            // plus the grace): the server never answered in time, a timeout like its own 159.
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                code = ScanFailure.TIMEOUT_EXCEEDED;
                message = "no answer within " + (guardrails.maxExecutionSeconds() + CLIENT_GRACE.toSeconds())
                        + " s (client-side limit)";
                break;
            }
            network |= t instanceof IOException || t instanceof ConnectionInitiationException;
        }
        if (message == null) {
            // Wrappers (jOOQ, futures) repeat their cause; the innermost exception says what happened.
            code = network ? ScanFailure.NETWORK_ERROR : ScanFailure.CLIENT_ERROR;
            message = root.getMessage() == null ? root.getClass().getName() : root.getClass().getSimpleName() + ": "
                    + root.getMessage();
        }
        return new ScanFailure(dataset, code, "dataset '" + dataset + "': " + message.strip(), elapsed);
    }
}
