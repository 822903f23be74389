package dev.trackwatch.clickhouse;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports ClickHouse UP with its version and round-trip time when a trivial query succeeds, and
 * DOWN with the driver's error otherwise. It answers through the same pool as the checks do.
 */
@Singleton
public class ClickHouseHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final DSLContext dsl;
    private final ClickHouseConfiguration configuration;

    public ClickHouseHealthIndicator(DSLContext dsl, ClickHouseConfiguration configuration) {
        this.dsl = dsl;
        this.configuration = configuration;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        long started = System.nanoTime();
        Record2<String, String> row = dsl.select(DSL.function("version", String.class),
                DSL.function("timezone", String.class)).fetchOne();
        healthStatus = HealthStatus.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", row.value1());
        details.put("timezone", row.value2());
        details.put("embedded", configuration.getEmbedded().isEnabled());
        details.put("roundTripMillis", (System.nanoTime() - started) / 1_000_000);
        return details;
    }

    @Override
    protected String getName() {
        return "clickhouse";
    }
}
