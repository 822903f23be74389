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
