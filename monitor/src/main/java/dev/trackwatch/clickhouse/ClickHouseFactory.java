package dev.trackwatch.clickhouse;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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

/**
 * Builds the one pooled {@link DataSource} and the jOOQ {@link DSLContext} the service uses, from
 * either the configured URL or the embedded endpoint. This is the only place that knows which.
 */
@Factory
public class ClickHouseFactory {

    /** The pooled data source over the official ClickHouse JDBC driver. */
    @Singleton
    @Bean(preDestroy = "close")
    public HikariDataSource dataSource(ClickHouseConfiguration configuration,
                                       BeanProvider<EmbeddedClickHouse> embedded,
                                       BeanProvider<MeterRegistry> meterRegistry) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("trackwatch-clickhouse");
        hikari.setDriverClassName("com.clickhouse.jdbc.ClickHouseDriver");
        hikari.setJdbcUrl(configuration.getEmbedded().isEnabled() ? embedded.get().jdbcUrl() : configuration.getUrl());
        hikari.setUsername(configuration.getUser());
        hikari.setPassword(configuration.getPassword());
        hikari.setMaximumPoolSize(configuration.getMaxConnections());
        hikari.setMinimumIdle(0);
        hikari.setConnectionTimeout(configuration.getConnectTimeout().toMillis());
        // Trackwatch must start and report ClickHouse DOWN when it is unreachable, not refuse to start.
        hikari.setInitializationFailTimeout(-1);
        meterRegistry.ifPresent(registry -> hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry)));
        return new HikariDataSource(hikari);
    }

    /** jOOQ over that data source; identifiers are always quoted. */
    @Singleton
    public DSLContext dslContext(DataSource dataSource) {
        Settings settings = new Settings().withRenderQuotedNames(RenderQuotedNames.ALWAYS);
        return DSL.using(dataSource, SQLDialect.CLICKHOUSE, settings);
    }
}
