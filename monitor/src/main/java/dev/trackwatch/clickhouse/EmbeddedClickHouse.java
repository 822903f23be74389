package dev.trackwatch.clickhouse;

import dev.trackwatch.embedded.ChdbLocator;
import dev.trackwatch.embedded.EmbeddedClickHouseServer;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process ClickHouse endpoint, started when {@code trackwatch.clickhouse.embedded.enabled}
 * is true. Only {@link ClickHouseFactory} looks at it; everything else sees a JDBC URL.
 */
@Singleton
@Requires(property = "trackwatch.clickhouse.embedded.enabled", value = "true")
public class EmbeddedClickHouse {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedClickHouse.class);

    private final EmbeddedClickHouseServer server;
    private final String database;

    public EmbeddedClickHouse(ClickHouseConfiguration configuration) {
        ClickHouseConfiguration.Embedded embedded = configuration.getEmbedded();
        this.database = embedded.getDatabase();
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("trackwatch.clickhouse.embedded.database: '" + database
                    + "' is not a plain identifier ([A-Za-z_][A-Za-z0-9_]*)");
        }
        this.server = EmbeddedClickHouseServer.start(ChdbLocator.locate(embedded.getLibrary()), embedded.getDataDir(),
                new EmbeddedClickHouseServer.Options("127.0.0.1", embedded.getPort(), configuration.getUser(),
                        configuration.getPassword()));
        if (!database.equals("default")) {
            server.engine().scalar("CREATE DATABASE IF NOT EXISTS `" + database + "`");
        }
        LOG.info("embedded ClickHouse {} serving {} on {}", server.engine().version(), server.engine().dataDir(),
                server.httpUri());
    }

    /** Returns the JDBC URL of the endpoint. */
    public String jdbcUrl() {
        return server.jdbcUrl(database);
    }

    /** Returns the running endpoint. */
    public EmbeddedClickHouseServer server() {
        return server;
    }

    @PreDestroy
    void stop() {
        server.close();
    }
}
