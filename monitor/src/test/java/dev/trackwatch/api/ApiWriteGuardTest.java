package dev.trackwatch.api;

import dev.trackwatch.config.Severity;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentChange;
import dev.trackwatch.incidents.IncidentState;
import dev.trackwatch.incidents.IncidentStore;
import dev.trackwatch.state.StateStore;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
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
 * With a token configured, every mutation of the API needs it (incidents and reload, not only
 * silences), closing an incident writes one training exclusion however often it is asked, and
 * {@code by} is bounded.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiWriteGuardTest implements TestPropertyProvider {

    private static final String DATABASE = "trackwatch_api_guard_test";
    private static final String TOKEN = "guard-test-token";
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
        return TestingApiProperties.daemon("api-guard", DATABASE, TOKEN);
    }

    @AfterAll
    void dropDatabase() {
        dsl.execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    private void open(String id) {
        new StateStore(dsl, DATABASE).migrate();
        Incident incident = Incident.builder().id(id).dataset("product_events").check("volume")
                .metric("row_count").segment(Map.of("platform", "ios")).kind("volume").severity(Severity.CRITICAL)
                .owner("growth").state(IncidentState.OPEN).openedAt(T).updatedAt(T).firstBucket(T).lastBucket(T)
                .observed(10.0).reason("row_count 10 is below").labels(Map.of("team", "growth")).build();
        incidents.write(List.of(new IncidentChange(IncidentChange.Type.OPENED, incident)), T);
    }

    private HttpClientResponseException refused(HttpRequest<?> request) {
        return catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, String.class));
    }

    private static String body(HttpClientResponseException e) {
        return e.getResponse().getBody(String.class).orElse("");
    }

    @Test
    void mutationsWithoutTheTokenAre401AndChangeNothing() {
        open("inc-guard-1");
        List<MutableHttpRequest<?>> writes = List.of(
                HttpRequest.POST("/api/incidents/inc-guard-1/close", Map.of("by", "mallory", "reason", "false_positive")),
                HttpRequest.POST("/api/incidents/inc-guard-1/acknowledge", Map.of("by", "mallory")),
                HttpRequest.POST("/api/reload", ""));

        for (MutableHttpRequest<?> write : writes) {
            HttpClientResponseException anonymous = refused(write);
            assertThat(anonymous.code()).as(write.getPath()).isEqualTo(401);
            assertThat(body(anonymous)).isEqualTo("{\"error\":\"missing bearer token: send Authorization: Bearer "
                    + "<token>\"}");
            assertThat(refused(write.bearerAuth("not-the-token")).code()).as(write.getPath()).isEqualTo(401);
        }
        assertThat(incidents.get("inc-guard-1").orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        assertThat(new StateStore(dsl, DATABASE).exclusions("product_events")).isEmpty();
    }

    @Test
    void closingTwiceWritesOneExclusionAndTheSecondIs409() {
        open("inc-guard-2");
        HttpResponse<String> first = http.toBlocking().exchange(HttpRequest.POST("/api/incidents/inc-guard-2/close",
                Map.of("by", "ana", "reason", "false_positive")).bearerAuth(TOKEN), String.class);
        HttpClientResponseException second = refused(HttpRequest.POST("/api/incidents/inc-guard-2/close",
                Map.of("by", "ana", "reason", "expected")).bearerAuth(TOKEN));

        assertThat(first.code()).isEqualTo(200);
        assertThat(second.code()).isEqualTo(409);
        assertThat(body(second)).isEqualTo("{\"error\":\"incident inc-guard-2 is already false_positive\"}");
        assertThat(new StateStore(dsl, DATABASE).exclusions("product_events"))
                .filteredOn(e -> e.reason().equals("false_positive by ana")).hasSize(1);
        assertThat(incidents.get("inc-guard-2").orElseThrow().state()).isEqualTo(IncidentState.FALSE_POSITIVE);
    }

    @Test
    void anOversizedByIsRefusedAndNotStored() {
        open("inc-guard-3");
        HttpClientResponseException long201 = refused(HttpRequest.POST("/api/incidents/inc-guard-3/acknowledge",
                Map.of("by", "b".repeat(201))).bearerAuth(TOKEN));
        HttpClientResponseException nineMegabytes = refused(HttpRequest.POST("/api/incidents/inc-guard-3/acknowledge",
                Map.of("by", "b".repeat(9 * 1024 * 1024))).bearerAuth(TOKEN));

        assertThat(long201.code()).isEqualTo(400);
        assertThat(body(long201)).isEqualTo("{\"error\":\"by: at most 200 characters (got 201)\",\"field\":\"by\"}");
        assertThat(nineMegabytes.code()).isEqualTo(413);
        assertThat(body(nineMegabytes)).isEqualTo("{\"error\":\"body: The content length [9437193] exceeds the maximum "
                + "allowed content length [131072] (micronaut.server.max-request-size)\",\"field\":\"body\"}");
        assertThat(incidents.get("inc-guard-3").orElseThrow().state()).isEqualTo(IncidentState.OPEN);
    }
}
