package dev.trackwatch.watchdog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The watchdog's own cheap evidence: {@code SELECT 1} on a connection of its own, outside the service's pool: a pool whose
 * connections are all busy with long scans is not an outage, and must not look like one. The
 * attempt runs on a virtual thread and is abandoned after the timeout, whatever the driver does.
 */
final class JdbcProbe {

    private final DataSource connections;
    private final Duration timeout;
    private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();

    /** @param connections a data source that opens a new connection on every call (not the pool) */
    JdbcProbe(DataSource connections, Duration timeout) {
        this.connections = connections;
        this.timeout = timeout;
    }

    /** Returns empty when ClickHouse answered, else why not; never throws, never blocks past the timeout. */
    Optional<String> failure() {
        Future<Optional<String>> attempt = attempts.submit(this::attempt);
        try {
            return attempt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            attempt.cancel(true);
            return Optional.of("no answer to SELECT 1 within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (ExecutionException e) {
            return Optional.of(String.valueOf(e.getCause()));
        }
    }

    private Optional<String> attempt() {
        try {
            try (Connection c = connections.getConnection(); Statement s = c.createStatement()) {
                s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
                try (ResultSet r = s.executeQuery("SELECT 1")) {
                    return r.next() ? Optional.empty() : Optional.of("SELECT 1 returned no row");
                }
            }
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return Optional.of(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
        }
    }

    /** Stops the attempts' executor. */
    void close() {
        attempts.shutdownNow();
    }
}
