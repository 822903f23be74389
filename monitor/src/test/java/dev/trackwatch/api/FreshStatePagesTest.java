package dev.trackwatch.api;

import dev.trackwatch.notify.NotificationService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jooq.DSLContext;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages and the read API of a daemon whose state database does not exist (a fresh daemon
 * before its first run creates it): every page and endpoint answers, with nothing to show, rather
 * than a 500. The database is dropped once the config applied, so the test does not race the
 * scheduler's first run.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FreshStatePagesTest implements TestPropertyProvider {

    private static final String DATABASE = "trackwatch_fresh_state_test";
    private static final String TOKEN = "fresh-state-token";

    @Inject
    EmbeddedServer server;

    @Inject
    NotificationService notifications;

    @Inject
    DSLContext dsl;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Map<String, String> getProperties() {
        return TestingApiProperties.daemon("fresh-state", DATABASE, TOKEN);
    }

    @AfterAll
    void dropDatabase() {
        dsl.execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    void everyPageAndEndpointAnswersWithoutAStateDatabase() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (notifications.currentConfig() == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(notifications.currentConfig()).as("the config applied").isNotNull();
        dsl.execute("DROP DATABASE IF EXISTS " + DATABASE);

        Document overview = Jsoup.parse(fetch("/", 200));
        assertThat(overview.select("#datasets tr[data-dataset]")).extracting(e -> e.attr("data-dataset"))
                .contains("product_events");
        assertThat(overview.selectFirst("#datasets tr[data-dataset=product_events] .badge").text()).isEqualTo("not evaluated");
        assertThat(fetch("/?dataset=product_events", 200)).contains("product_events");
        assertThat(fetch("/datasets/product_events", 200)).contains("product_events");
        assertThat(fetch("/incidents/nope", 404)).contains("no incident nope");
        assertThat(fetch("/api/v1/datasets", 200)).contains("\"name\":\"product_events\"");
        assertThat(fetch("/api/v1/datasets/product_events", 200)).contains("\"checks\"");
        assertThat(fetch("/api/v1/teams", 200)).contains("\"name\":\"growth\"");
        assertThat(fetch("/api/v1/monitor", 200)).contains("\"notEvaluated\":[]");
        assertThat(fetch("/api/v1/incidents", 200)).contains("\"total\":0");
        assertThat(fetch("/api/v1/incidents/nope", 404)).contains("no incident nope");
    }

    private String fetch(String path, int status) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort()
                + path)).header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        return response.body();
    }
}
