package dev.trackwatch.clickhouse;

import dev.trackwatch.embedded.TestingClickHouse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service started on the embedded ClickHouse, as {@code ./trackwatch demo} and
 * {@code serve --embedded} start it: /health reports ClickHouse UP with the engine's version,
 * /prometheus exports metrics, and the injected jOOQ context reaches the same engine.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceHealthTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DSLContext dsl;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "trackwatch.clickhouse.embedded.enabled", "true",
                "trackwatch.clickhouse.embedded.data-dir", TestingClickHouse.embeddedDataDir().toString(),
                // The scheduler's first load must find a tree, or the checks indicator keeps /health DOWN.
                "trackwatch.run.checks-dir", "../checks",
                "trackwatch.state.database", "service_health_test");
    }

    @Test
    void healthReportsClickHouseUpWithItsVersion() {
        String body = http.toBlocking().retrieve(HttpRequest.GET("/health"));

        assertThat(body).contains("\"status\":\"UP\"");
        assertThat(body).containsPattern("\"clickhouse\":\\{[^}]*\"status\":\"UP\"");
        assertThat(body).containsPattern("\"version\":\"26\\.\\d+");
        assertThat(body).contains("\"embedded\":true");
    }

    @Test
    void prometheusEndpointExportsJvmAndPoolMetrics() {
        http.toBlocking().retrieve(HttpRequest.GET("/health")); // opens the pool

        String metrics = http.toBlocking().retrieve(HttpRequest.GET("/prometheus"));

        assertThat(metrics).contains("jvm_memory_used_bytes");
        assertThat(metrics).contains("hikaricp_connections");
    }

    @Test
    void jooqRunsOnTheEmbeddedEngineThroughTheDriver() {
        String version = dsl.select(DSL.function("version", String.class)).fetchOne().value1();

        assertThat(version).startsWith("26.");
    }
}
