package dev.trackwatch.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code trackwatch.pages.require-token} the overview needs the API token, as bearer or basic-auth password. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesRequireTokenTest implements TestPropertyProvider {

    private static final String DATABASE = "trackwatch_pages_token_test";

    @Inject
    EmbeddedServer server;

    @Inject
    DSLContext dsl;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingApiProperties.daemon("pages-token", DATABASE, "pages-token"));
        properties.put("trackwatch.pages.require-token", "true");
        return properties;
    }

    @org.junit.jupiter.api.BeforeAll
    void migrate() {
        new dev.trackwatch.state.StateStore(dsl, DATABASE).migrate();
    }

    @AfterAll
    void dropDatabase() {
        dsl.execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    void theOverviewAsksForTheTokenAndAcceptsItAsBearerOrBasicPassword() throws Exception {
        HttpResponse<String> anonymous = get(null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(get("Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("Bearer pages-token").statusCode()).isEqualTo(200);
        String basic = Base64.getEncoder().encodeToString("lead:pages-token".getBytes(StandardCharsets.UTF_8));
        assertThat(get("Basic " + basic).statusCode()).isEqualTo(200);
        assertThat(get("Basic " + basic).body()).contains("<h1>Trackwatch");
    }

    private HttpResponse<String> get(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + "/"))
                .timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
