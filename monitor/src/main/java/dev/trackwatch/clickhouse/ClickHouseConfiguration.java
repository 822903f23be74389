package dev.trackwatch.clickhouse;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where Trackwatch's ClickHouse is ({@code trackwatch.clickhouse.*}): either a server reached at
 * {@link #getUrl()}, or the embedded endpoint when {@code embedded.enabled} is true. The password
 * is a secret: it is never logged and {@link #toString()} masks it.
 */
@ConfigurationProperties("trackwatch.clickhouse")
public class ClickHouseConfiguration {

    private String url = "jdbc:clickhouse://127.0.0.1:8123/default";
    private String user = "default";
    private String password = "";
    private int maxConnections = 8;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration socketTimeout = Duration.ofSeconds(90);
    private Duration queryTimeout = Duration.ofSeconds(60);
    private Duration healthInterval = Duration.ofSeconds(5);
    private Duration healthTimeout = Duration.ofSeconds(2);
    private Embedded embedded = new Embedded();

    /** JDBC URL of the ClickHouse server, e.g. {@code jdbc:clickhouse://host:8123/db}. */
    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /** ClickHouse user. */
    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    /** ClickHouse password; set it through {@code TRACKWATCH_CLICKHOUSE_PASSWORD}, never in a file. */
    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    /** Size of the connection pool. */
    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** How long to wait for a pooled connection. */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /**
     * How long the client waits for bytes on a socket of any ClickHouse call ({@code socket_timeout}
     * of the driver), 1 s to 1 h: a call to a server that stopped answering fails after this instead
     * of hanging. Data scans wait longer: their own {@code max_execution_time} plus a grace.
     */
    public Duration getSocketTimeout() {
        return socketTimeout;
    }

    public void setSocketTimeout(Duration socketTimeout) {
        this.socketTimeout = bounded("socket-timeout", socketTimeout, Duration.ofSeconds(1), Duration.ofHours(1));
    }

    /**
     * {@code max_execution_time} of Trackwatch's own queries (state, incidents, silences,
     * notifications), 1 s to 1 h and shorter than {@link #getSocketTimeout()}, so the server's
     * TIMEOUT_EXCEEDED arrives before the client gives up. Data scans have their own limit.
     */
    public Duration getQueryTimeout() {
        return queryTimeout;
    }

    public void setQueryTimeout(Duration queryTimeout) {
        this.queryTimeout = bounded("query-timeout", queryTimeout, Duration.ofSeconds(1), Duration.ofHours(1));
    }

    /** How often the health indicator probes ClickHouse in the background, 1 s to 5 min. */
    public Duration getHealthInterval() {
        return healthInterval;
    }

    public void setHealthInterval(Duration healthInterval) {
        this.healthInterval = bounded("health-interval", healthInterval, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /** The longest one health probe may wait for ClickHouse's answer, 100 ms to 1 min. */
    public Duration getHealthTimeout() {
        return healthTimeout;
    }

    public void setHealthTimeout(Duration healthTimeout) {
        this.healthTimeout = bounded("health-timeout", healthTimeout, Duration.ofMillis(100), Duration.ofMinutes(1));
    }

    /**
     * Checks the keys that bound each other.
     *
     * @throws IllegalArgumentException naming the keys when {@code query-timeout} is not shorter than {@code socket-timeout}
     */
    public void validate() {
        if (queryTimeout.compareTo(socketTimeout) >= 0) {
            throw new IllegalArgumentException("trackwatch.clickhouse.query-timeout (" + queryTimeout
                    + ") must be shorter than trackwatch.clickhouse.socket-timeout (" + socketTimeout + ")");
        }
    }

    private static Duration bounded(String key, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("trackwatch.clickhouse." + key + " must be between " + min + " and "
                    + max + ", got " + value);
        }
        return value;
    }

    /** The embedded endpoint's settings. */
    public Embedded getEmbedded() {
        return embedded;
    }

    public void setEmbedded(Embedded embedded) {
        this.embedded = embedded;
    }

    @Override
    public String toString() {
        return "ClickHouseConfiguration{url=" + url + ", user=" + user + ", password="
                + (password.isEmpty() ? "<none>" : "<redacted>") + ", embedded=" + embedded.enabled + "}";
    }

    /** {@code trackwatch.clickhouse.embedded.*}: the ClickHouse HTTP interface over chDB, in process. */
    @ConfigurationProperties("embedded")
    public static class Embedded {
        private boolean enabled;
        private Path dataDir = Path.of("data/clickhouse");
        private String library = "";
        private int port;
        private String database = "default";

        /** Whether to start the embedded endpoint and use it instead of {@code url}. */
        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** Durable data directory of the embedded engine; one process per directory. */
        public Path getDataDir() {
            return dataDir;
        }

        public void setDataDir(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** Path to libchdb.so; empty means TRACKWATCH_CHDB_LIBRARY or the per-user cache. */
        public String getLibrary() {
            return library;
        }

        public void setLibrary(String library) {
            this.library = library;
        }

        /** Loopback port of the endpoint; 0 picks a free one. */
        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        /** Database the service's connections use. */
        public String getDatabase() {
            return database;
        }

        public void setDatabase(String database) {
            this.database = database;
        }
    }
}
