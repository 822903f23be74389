package dev.trackwatch.api;

import dev.trackwatch.config.Severity;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentChange;
import dev.trackwatch.incidents.IncidentState;
import dev.trackwatch.incidents.IncidentStore;
import dev.trackwatch.state.StateStore;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The incidents API on the daemon, its stores in the state database {@code trackwatch.state.database}
 * names: an incident reads back as it always has (severity lower-case, no routing labels in the
 * body), acknowledging needs a name, and nothing is suppressed before anything was routed.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentApiTest implements TestPropertyProvider {

    private static final String DATABASE = "trackwatch_api_test";
    private static final Instant T = Instant.parse("2026-06-01T10:00:00Z");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    IncidentStore incidents;

    @Inject
    DSLContext dsl;

    @Override
    public Map<String, String> getProperties() {
        return TestingApiProperties.daemon("incident-api", DATABASE, "incident-api-token");
    }

    @AfterAll
    void dropDatabase() {
        dsl.execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    void anIncidentReadsBackAsBeforeAndAcknowledgingNeedsAName() {
        new StateStore(dsl, DATABASE).migrate();
        Incident incident = Incident.builder().id("inc-api-1").dataset("product_events").check("volume")
                .metric("row_count").segment(Map.of("platform", "ios")).kind("volume").severity(Severity.CRITICAL)
                .owner("growth").state(IncidentState.OPEN).openedAt(T).updatedAt(T).firstBucket(T).lastBucket(T)
                .observed(10.0).reason("row_count 10 is below").labels(Map.of("team", "growth")).build();
        incidents.write(List.of(new IncidentChange(IncidentChange.Type.OPENED, incident)), T);

        String body = http.toBlocking().retrieve(HttpRequest.GET("/api/incidents/inc-api-1").bearerAuth("incident-api-token"));
        HttpClientResponseException nameless = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/api/incidents/inc-api-1/acknowledge", "{}").bearerAuth("incident-api-token"),
                        String.class));

        assertThat(body).startsWith("{\"incident\":{\"id\":\"inc-api-1\",\"dataset\":\"product_events\","
                        + "\"check\":\"volume\",\"metric\":\"row_count\",\"segment\":{\"platform\":\"ios\"},"
                        + "\"kind\":\"volume\",\"severity\":\"critical\",\"owner\":\"growth\",\"state\":\"OPEN\"")
                .doesNotContain("labels").contains("\"timeline\":[[");
        assertThat(incidents.get("inc-api-1").orElseThrow().labels()).isEqualTo(Map.of("team", "growth"));
        assertThat(nameless.getResponse().code()).isEqualTo(400);
        assertThat(nameless.getResponse().getBody(String.class).orElseThrow()).contains("by: who makes the change");
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/suppressed").bearerAuth("incident-api-token"))).doesNotContain("inc-api-1");
    }
}
