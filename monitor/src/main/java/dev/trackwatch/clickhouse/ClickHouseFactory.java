package dev.trackwatch.clickhouse;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Builds the one pooled {@link DataSource} and the jOOQ {@link DSLContext} the service uses, from
 * either the configured URL or the embedded endpoint. This is the only place that knows which.
 */
@Factory
public class ClickHouseFactory {

    private static final String DRIVER = "com.clickhouse.jdbc.ClickHouseDriver";

    /** The pooled data source over the official ClickHouse JDBC driver. */
    @Singleton
    @Bean(preDestroy = "close")
    public HikariDataSource dataSource(ClickHouseConfiguration configuration,
                                       BeanProvider<EmbeddedClickHouse> embedded,
                                       BeanProvider<MeterRegistry> meterRegistry) {
        HikariConfig hikari = hikariConfig(configuration, jdbcUrl(configuration, embedded));
        meterRegistry.ifPresent(registry -> hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry)));
        return new HikariDataSource(hikari);
    }

    /** The JDBC URL of the endpoint the service uses: the embedded one when enabled, else the configured one. */
    public static String jdbcUrl(ClickHouseConfiguration configuration, BeanProvider<EmbeddedClickHouse> embedded) {
        return configuration.getEmbedded().isEnabled() ? embedded.get().jdbcUrl() : configuration.getUrl();
    }

    /**
     * The pool's settings. Every call has a client socket timeout and a server-side
     * {@code max_execution_time} (driver properties; a data scan overrides both with longer ones of
     * its own request), and connections are validated with a short timeout, kept alive and renewed,
     * so a pool whose sockets were stuck on a dead network serves again by itself once it heals.
     */
    static HikariConfig hikariConfig(ClickHouseConfiguration configuration, String jdbcUrl) {
        configuration.validate();
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("trackwatch-clickhouse");
        hikari.setMaximumPoolSize(configuration.getMaxConnections());
        hikari.setMinimumIdle(0);
        long connectMillis = configuration.getConnectTimeout().toMillis();
        hikari.setConnectionTimeout(connectMillis);
        // A test query, not Connection.isValid: the driver's isValid pings through its client with the
        // client's socket timeout, so on a dead network validating a connection waited that long. A
        // statement keeps the network timeout Hikari sets for validation.
        hikari.setConnectionTestQuery("SELECT 1");
        // Hikari wants the validation timeout at least 250 ms and below the connection timeout.
        hikari.setValidationTimeout(Math.max(250, Math.min(5_000, connectMillis / 2)));
        hikari.setKeepaliveTime(Duration.ofMinutes(1).toMillis());
        hikari.setMaxLifetime(Duration.ofMinutes(10).toMillis());
        hikari.setIdleTimeout(Duration.ofMinutes(5).toMillis());
        // Trackwatch must start and report ClickHouse DOWN when it is unreachable, not refuse to start.
        hikari.setInitializationFailTimeout(-1);
        // jdbc-v2 passes these to its client-v2 client: socket_timeout (ms) bounds every read of a
        // response, clickhouse_setting_* are server settings of every request.
        hikari.setDataSource(unpooled(configuration, jdbcUrl));
        return hikari;
    }

    /**
     * A data source that opens a new driver connection on every call, with the pool's timeouts: for
     * a probe that must not queue behind the pool's busy connections (the watchdog's).
     */
    public static DataSource unpooled(ClickHouseConfiguration configuration, String jdbcUrl) {
        java.util.Properties properties = new java.util.Properties();
        int socketMillis = Math.toIntExact(configuration.getSocketTimeout().toMillis());
        properties.setProperty("socket_timeout", String.valueOf(socketMillis));
        properties.setProperty("clickhouse_setting_max_execution_time",
                String.valueOf(Math.max(1, configuration.getQueryTimeout().toSeconds())));
        return new NetworkTimeoutDataSource(new DriverDataSource(jdbcUrl, DRIVER, properties,
                configuration.getUser(), configuration.getPassword()), socketMillis);
    }

    /** jOOQ over that data source; identifiers are always quoted. */
    @Singleton
    public DSLContext dslContext(DataSource dataSource) {
        Settings settings = new Settings().withRenderQuotedNames(RenderQuotedNames.ALWAYS);
        return DSL.using(dataSource, SQLDialect.CLICKHOUSE, settings);
    }
}
