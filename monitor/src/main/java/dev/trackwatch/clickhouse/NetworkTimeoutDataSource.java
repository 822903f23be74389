package dev.trackwatch.clickhouse;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * Opens driver connections with their JDBC network timeout set to the socket timeout.
 *
 * <p>Why: jdbc-v2 (0.11) keeps a per-connection network timeout that overrides its client's
 * {@code socket_timeout} on every request, and reports 0 (none) until it is set. Hikari reads that
 * value from the first connection and writes it back onto every connection after validating it, so
 * with a plain driver URL every query ran without a read timeout. A connection that already
 * carries the timeout makes Hikari keep it.
 */
final class NetworkTimeoutDataSource implements DataSource {

    /** The driver aborts a connection whose request timed out on this executor. */
    private static final Executor ABORTS = Executors.newCachedThreadPool(Thread.ofPlatform().daemon()
            .name("trackwatch-clickhouse-abort").factory());

    private final DataSource driver;
    private final int timeoutMillis;

    NetworkTimeoutDataSource(DataSource driver, int timeoutMillis) {
        this.driver = driver;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return withTimeout(driver.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return withTimeout(driver.getConnection(username, password));
    }

    private Connection withTimeout(Connection connection) throws SQLException {
        try {
            connection.setNetworkTimeout(ABORTS, timeoutMillis);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        driver.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return driver.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || driver.isWrapperFor(type);
    }
}
