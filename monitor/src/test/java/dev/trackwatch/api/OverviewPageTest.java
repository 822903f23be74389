package dev.trackwatch.api;

import dev.trackwatch.config.Severity;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentChange;
import dev.trackwatch.incidents.IncidentState;
import dev.trackwatch.incidents.IncidentStore;
import dev.trackwatch.state.StateStore;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jooq.DSLContext;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview page and the OpenAPI document on a daemon running the repo's checks with a seeded
 * failing verdict: the page lists every dataset and team with its status, filters by query
 * parameters, shows the monitor block, and stays open without a token though one is configured.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverviewPageTest implements TestPropertyProvider {

    private static final String DATABASE = "trackwatch_overview_test";
    // Later than anything the daemon's own scheduler writes while the test runs, so the seeded verdict is the latest.
    private static final Instant SEEDED = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Inject
    EmbeddedServer server;

    @Inject
    IncidentStore incidents;

    @Inject
    DSLContext dsl;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Map<String, String> getProperties() {
        return new HashMap<>(TestingApiProperties.daemon("overview", DATABASE, "overview-token"));
    }

    @BeforeAll
    void seed() {
        StateStore state = new StateStore(dsl, DATABASE);
        state.migrate();
        incidents.write(List.of(new IncidentChange(IncidentChange.Type.OPENED, Incident.builder().id("inc-overview-1")
                .dataset("product_events").check("volume").metric("row_count").segment(Map.of()).kind("volume")
                .severity(Severity.CRITICAL).owner("growth").state(IncidentState.OPEN).openedAt(SEEDED).updatedAt(SEEDED)
                .reason("row_count 3 is below its baseline").labels(Map.of()).build())), SEEDED);
        state.writeResults(UUID.randomUUID(), List.of(new StateStore.ResultRow("product_events", "volume", "volume",
                "critical", "growth", "FAILED", "row_count", Map.of(), SEEDED.minus(1, ChronoUnit.HOURS), 3.0,
                "row_count 3 is below its baseline", 100.0, 80.0, 120.0, 9.0, "")), SEEDED);
    }

    @AfterAll
    void dropDatabase() {
        dsl.execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    void theOverviewListsDatasetsTeamsAndTheMonitorWithoutAToken() throws Exception {
        Document page = awaitDatasets("/");
        Element events = page.selectFirst("#datasets tr[data-dataset=product_events]");
        assertThat(events).isNotNull();
        assertThat(events.selectFirst(".badge").text()).isEqualTo("failing");
        assertThat(events.select("td").get(1).text()).isEqualTo("growth");
        assertThat(events.selectFirst(".sev-critical").text()).endsWith("critical");
        assertThat(page.select("#datasets tr[data-dataset]")).extracting(e -> e.attr("data-dataset"))
                .contains("product_events", "product_events_live");
        assertThat(page.select("#teams tr[data-team]")).extracting(e -> e.attr("data-team"))
                .contains("growth", "mobile", "platform");
        assertThat(page.selectFirst("#teams tr[data-team=growth] .badge").text()).isEqualTo("failing");
        assertThat(page.selectFirst("#clickhouse .badge").text()).isIn("reachable", "unreachable");
        assertThat(page.select("time[datetime]")).isNotEmpty()
                .allSatisfy(t -> assertThat(Instant.parse(t.attr("datetime"))).isNotNull());
        assertThat(page.select("form.filters select")).extracting(e -> e.attr("name")).containsExactly("team", "dataset", "state");
        assertThat(page.selectFirst("link[rel=stylesheet]").attr("href")).isEqualTo("/static/trackwatch.css");
        assertThat(fetch("/static/trackwatch.css", 200)).contains("prefers-color-scheme");
    }

    @Test
    void filtersNarrowTheDatasetsAndABadStateIs400() throws Exception {
        awaitDatasets("/");
        Document failing = Jsoup.parse(fetch("/?state=failing&team=&dataset=", 200));
        assertThat(failing.select("#datasets tr[data-dataset]")).extracting(e -> e.attr("data-dataset")).contains("product_events")
                .allSatisfy(d -> assertThat(failing.selectFirst("#datasets tr[data-dataset=" + d + "] .badge").text())
                        .isEqualTo("failing"));
        assertThat(failing.selectFirst("select[name=state] option[selected]").attr("value")).isEqualTo("failing");
        Document one = Jsoup.parse(fetch("/?dataset=product_events_live", 200));
        assertThat(one.select("#datasets tr[data-dataset]")).extracting(e -> e.attr("data-dataset"))
                .containsExactly("product_events_live");
        assertThat(fetch("/?state=on_fire", 400)).contains("\"field\":\"state\"").contains("expected one of");
    }

    @Test
    void aDatasetLinksToTheOverviewFilteredToItWhichListsItsChecksAndWhy() throws Exception {
        Document page = awaitDatasets("/");
        assertThat(page.selectFirst("#datasets tr[data-dataset=product_events] a[data-testid=dataset-link]").attr("href"))
                .isEqualTo("/datasets/product_events");
        assertThat(page.selectFirst("#datasets tr[data-dataset=product_events] a.filter-link").attr("href"))
                .isEqualTo("/?dataset=product_events");
        assertThat(page.selectFirst("#open-incidents tr[data-incident=inc-overview-1] a[data-testid=incident-link]").attr("href"))
                .isEqualTo("/incidents/inc-overview-1");
        assertThat(page.select("#checks")).as("no check list on the unfiltered page").isEmpty();

        Document events = Jsoup.parse(fetch("/?dataset=product_events", 200));
        Element volume = events.selectFirst("#checks tr[data-check=volume]");
        assertThat(volume).isNotNull();
        assertThat(volume.selectFirst(".badge").text()).isEqualTo("failing");
        assertThat(volume.selectFirst(".reason").text()).isEqualTo("row_count 3 is below its baseline");
        assertThat(events.select("#checks tr[data-check]").size()).as("every check of the dataset")
                .isGreaterThan(1);
    }

    @Test
    void theOpenApiDocumentListsTheReadApiAndTheExplorerIsServed() throws Exception {
        String document = fetch("/openapi/trackwatch.yml", 200);
        assertThat(document).startsWith("openapi: 3.").contains("title: Trackwatch")
                .contains("/api/v1/datasets:", "/api/v1/datasets/{name}:", "/api/v1/incidents:", "/api/v1/incidents/{id}:",
                        "/api/v1/teams:", "/api/v1/monitor:");
        assertThat(fetch("/swagger-ui/index.html", 200)).contains("/openapi/trackwatch.yml");
        assertThat(fetch("/swagger-ui/res/swagger-ui-bundle.js", 200)).isNotEmpty();
    }

    // The daemon applies its first config shortly after start: poll until the datasets appear.
    private Document awaitDatasets(String path) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Document page = Jsoup.parse(fetch(path, 200));
        while (page.select("#datasets tr[data-dataset]").isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            page = Jsoup.parse(fetch(path, 200));
        }
        assertThat(page.select("#datasets tr[data-dataset]")).as("datasets of the running config").isNotEmpty();
        return page;
    }

    private String fetch(String path, int status) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort()
                + path)).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        return response.body();
    }
}
