package dev.trackwatch.api;

import dev.trackwatch.config.Severity;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentChange;
import dev.trackwatch.incidents.IncidentState;
import dev.trackwatch.incidents.IncidentStore;
import dev.trackwatch.state.ClickHouseTime;
import dev.trackwatch.state.StateStore;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read API {@code /api/v1} on a daemon running the repo's checks, with a seeded state: a failed
 * verdict and an open critical incident make product_events failing, the incident lists with its
 * filters and timeline, and bad parameters are 400s that name the parameter.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthApiTest implements TestPropertyProvider {

    private static final String DATABASE = "trackwatch_health_api_test";
    private static final String TOKEN = "health-api-token";
    // Later than anything the daemon's own scheduler writes while the test runs, so the seeded verdicts are the latest.
    private static final Instant SEEDED = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Inject
    EmbeddedServer server;

    @Inject
    IncidentStore incidents;

    @Inject
    DSLContext dsl;

    @Inject
    JsonMapper json;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Map<String, String> getProperties() {
        return TestingApiProperties.daemon("health-api", DATABASE, TOKEN);
    }

    @BeforeAll
    void seed() {
        StateStore state = new StateStore(dsl, DATABASE);
        state.migrate();
        Incident incident = Incident.builder().id("inc-health-1").dataset("product_events").check("volume")
                .metric("row_count").segment(Map.of()).kind("volume").severity(Severity.CRITICAL)
                .owner("growth").state(IncidentState.OPEN).openedAt(SEEDED).updatedAt(SEEDED).firstBucket(SEEDED)
                .lastBucket(SEEDED).observed(3.0).reason("row_count 3 is below its baseline").labels(Map.of()).build();
        incidents.write(List.of(new IncidentChange(IncidentChange.Type.OPENED, incident)), SEEDED);
        state.writeResults(UUID.randomUUID(), List.of(new StateStore.ResultRow("product_events", "volume", "volume",
                "critical", "growth", "FAILED", "row_count", Map.of(), SEEDED.minus(1, ChronoUnit.HOURS), 3.0,
                "row_count 3 is below its baseline", 100.0, 80.0, 120.0, 9.0, "")), SEEDED);
    }

    @AfterAll
    void dropDatabase() {
        dsl.execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    void datasetsTeamsAndMonitorShowTheSeededState() throws Exception {
        JsonNode datasets = awaitDatasets();
        JsonNode events = find(datasets, "product_events");
        assertThat(events.get("owner").getStringValue()).isEqualTo("growth");
        assertThat(events.get("status").getStringValue()).isEqualTo("failing");
        // The daemon's own scheduler may open incidents of its own (no table product_events here): count as the API does.
        assertThat(events.get("openIncidents").get("critical").getIntValue()).isPositive().isEqualTo(
                get("/api/v1/incidents?state=open&dataset=product_events&severity=critical", 200).get("total").getIntValue());
        assertThat(events.get("checks").getIntValue()).isGreaterThan(1);
        assertThat(events.get("freshness") != null).isTrue();

        JsonNode detail = get("/api/v1/datasets/product_events", 200);
        JsonNode volume = find(detail.get("checks"), "volume");
        assertThat(volume.get("status").getStringValue()).isEqualTo("failing");
        assertThat(volume.get("verdicts").get(0).get("observed").getDoubleValue()).isEqualTo(3.0);
        assertThat(volume.get("verdicts").get(0).get("evaluatedAt").getStringValue()).isEqualTo(SEEDED.toString());
        assertThat(get("/api/v1/datasets/no_such_dataset", 404).get("error").getStringValue()).contains("no_such_dataset");

        JsonNode growth = find(get("/api/v1/teams", 200), "growth");
        assertThat(growth.get("status").getStringValue()).isEqualTo("failing");
        assertThat(growth.get("datasets").get(0).getStringValue()).isEqualTo("product_events");
        assertThat(growth.get("openIncidents").get("critical").getIntValue()).isPositive().isEqualTo(
                get("/api/v1/incidents?state=open&team=growth&severity=critical", 200).get("total").getIntValue());

        JsonNode monitor = get("/api/v1/monitor", 200);
        assertThat(monitor.get("configHash").getStringValue()).isNotBlank();
        assertThat(monitor.get("lastReload").get("outcome").getStringValue()).isEqualTo("applied");
        assertThat(monitor.get("clickhouse").get("reachable") != null).isTrue();
        assertThat(monitor.get("notEvaluated").isArray()).isTrue();
    }

    @Test
    void incidentsFilterPageAndShowTheirTimeline() throws Exception {
        JsonNode all = get("/api/v1/incidents?state=open&team=growth&dataset=product_events&severity=critical&kind=volume", 200);
        assertThat(all.get("total").getIntValue()).isEqualTo(1);
        assertThat(all.get("limit").getIntValue()).isEqualTo(IncidentQueryController.DEFAULT_LIMIT);
        assertThat(all.get("items").get(0).get("id").getStringValue()).isEqualTo("inc-health-1");
        assertThat(get("/api/v1/incidents?severity=info", 200).get("total").getIntValue()).isZero();
        assertThat(get("/api/v1/incidents?kind=volume&offset=1", 200).get("items").size()).isZero();

        JsonNode one = get("/api/v1/incidents/inc-health-1", 200);
        assertThat(one.get("incident").get("severity").getStringValue()).isEqualTo("critical");
        assertThat(one.get("timeline").get(0).get("type").getStringValue()).isEqualTo("opened");
        assertThat(one.get("timeline").get(0).get("at").getStringValue()).isEqualTo(SEEDED.toString().replace("Z", ".000Z"));
        assertThat(get("/api/v1/incidents/nope", 404).get("error").getStringValue()).contains("nope");
    }

    @Test
    void badParametersAre400sNamingTheParameter() throws Exception {
        JsonNode limit = get("/api/v1/incidents?limit=0", 400);
        assertThat(limit.get("field").getStringValue()).isEqualTo("limit");
        assertThat(limit.get("error").getStringValue()).isEqualTo("limit: expected an integer from 1 to 500, got '0'");
        assertThat(get("/api/v1/incidents?limit=abc", 400).get("field").getStringValue()).isEqualTo("limit");
        assertThat(get("/api/v1/incidents?offset=-1", 400).get("field").getStringValue()).isEqualTo("offset");
        assertThat(get("/api/v1/incidents?state=broken", 400).get("error").getStringValue())
                .isEqualTo("state: expected one of open, acknowledged, resolved, expected, false_positive, got 'broken'");
        assertThat(get("/api/v1/incidents?severity=urgent", 400).get("field").getStringValue()).isEqualTo("severity");
    }

    @Test
    void readsNeedTheTokenWhenOneIsConfigured() throws Exception {
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(uri("/api/v1/datasets"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    // The daemon applies its first config shortly after start: poll until the datasets appear.
    private JsonNode awaitDatasets() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode datasets = get("/api/v1/datasets", 200);
        while (datasets.size() == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            datasets = get("/api/v1/datasets", 200);
        }
        assertThat(datasets.size()).as("datasets of the running config").isPositive();
        return datasets;
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(path)).header("Authorization",
                "Bearer " + TOKEN).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        return json.readValue(response.body(), JsonNode.class);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }

    private static JsonNode find(JsonNode array, String name) {
        for (JsonNode n : array.values()) {
            if (n.get("name").getStringValue().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no " + name + " in " + array);
    }
}
