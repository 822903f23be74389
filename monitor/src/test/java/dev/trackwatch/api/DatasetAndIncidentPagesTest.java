package dev.trackwatch.api;

import dev.trackwatch.config.Severity;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentChange;
import dev.trackwatch.incidents.IncidentState;
import dev.trackwatch.incidents.IncidentStore;
import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.state.CheckRun;
import dev.trackwatch.state.ClickHouseTime;
import dev.trackwatch.state.StateStore;
import dev.trackwatch.state.StoredObservation;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dataset and incident pages and the series API on a daemon running the repo's checks over a
 * seeded state: 23 hourly buckets of product_events' volume for iOS, each judged with a band, the
 * newest ten judged again later without one (a baseline re-learning), one bucket anomalous with an
 * incident; a second, resolved incident with a notification and an acknowledgement in its story.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetAndIncidentPagesTest implements TestPropertyProvider {

    private static final java.time.format.DateTimeFormatter PAGE_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

    private static final String DATABASE = "trackwatch_pages_test";
    private static final String TOKEN = "pages-token";
    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private static final Map<String, String> IOS = Map.of("platform", "ios");
    private static final int BUCKETS = 23;
    private static final Instant ANOMALY = HOUR.minus(5, ChronoUnit.HOURS);

    @Inject
    EmbeddedServer server;

    @Inject
    IncidentStore incidents;

    @Inject
    DSLContext dsl;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingApiProperties.daemon("pages", DATABASE, TOKEN));
        properties.put("trackwatch.pages.runbooks-dir", runbooks().toString());
        return properties;
    }

    // The repo's runbooks and one with raw HTML and a javascript: link, which must not come through.
    private static Path runbooks() {
        try {
            Path dir = Files.createTempDirectory("pages-runbooks-");
            try (var files = Files.list(Path.of("../runbooks"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            Files.writeString(dir.resolve("unsafe.md"), "# Unsafe\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1))\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void seed() {
        StateStore state = new StateStore(dsl, DATABASE);
        state.migrate();
        List<StoredObservation> observations = new ArrayList<>();
        List<StateStore.ResultRow> judged = new ArrayList<>();
        List<StateStore.ResultRow> relearned = new ArrayList<>();
        for (int k = 1; k <= BUCKETS; k++) {
            Instant bucket = HOUR.minus(k, ChronoUnit.HOURS);
            boolean anomalous = bucket.equals(ANOMALY);
            double value = anomalous ? 3 : 100 + k;
            observations.add(new StoredObservation("product_events", SeriesKey.parse("row_count"), IOS, bucket, value, (long) value));
            judged.add(new StateStore.ResultRow("product_events", "volume", "volume", "CRITICAL", "growth",
                    anomalous ? "FAILED" : "PASSED", "row_count", IOS, bucket, value, anomalous ? "row_count 3 is below its baseline" : "",
                    100.0, 80.0, 120.0, anomalous ? 9.0 : 0.1, "{\"baseline\":\"seasonal\"}"));
            if (k <= 10) {
                relearned.add(new StateStore.ResultRow("product_events", "volume", "volume", "CRITICAL", "growth",
                        "NOT_EVALUATED", "row_count", IOS, bucket, value, "learning: 3 of 14 days", null, null, null, null, ""));
            }
        }
        state.writeObservations(observations, "hash", HOUR);
        state.writeResults(UUID.randomUUID(), judged, HOUR.plus(1, ChronoUnit.HOURS));
        state.writeResults(UUID.randomUUID(), relearned, HOUR.plus(2, ChronoUnit.HOURS));
        state.recordRun(new CheckRun(UUID.randomUUID(), "product_events", HOUR.minus(30, ChronoUnit.MINUTES), HOUR,
                HOUR.minus(3, ChronoUnit.HOURS), HOUR, 420, "OK", 123_456, 7_890_123, 72, "", "hash"));

        Instant opened = ANOMALY.plus(70, ChronoUnit.MINUTES);
        Incident open = Incident.builder().id("inc-pages-open").dataset("product_events").check("volume").metric("row_count")
                .segment(IOS).kind("volume").severity(Severity.CRITICAL).owner("growth").state(IncidentState.OPEN)
                .openedAt(opened).updatedAt(opened).firstBucket(ANOMALY).lastBucket(ANOMALY).observed(3.0).expected(100.0)
                .lower(80.0).upper(120.0).reason("row_count 3 is below its baseline").labels(Map.of()).build();
        incidents.write(List.of(new IncidentChange(IncidentChange.Type.OPENED, open)), opened);

        Instant t0 = HOUR.minus(20, ChronoUnit.HOURS);
        Incident old = open.toBuilder().id("inc-pages-old").firstBucket(t0).lastBucket(t0).openedAt(t0).updatedAt(t0).build();
        incidents.write(List.of(new IncidentChange(IncidentChange.Type.OPENED, old)), t0);
        Incident acked = old.withState(IncidentState.ACKNOWLEDGED, t0.plus(10, ChronoUnit.MINUTES), "alice");
        incidents.write(List.of(new IncidentChange(IncidentChange.Type.ACKNOWLEDGED, acked)), t0.plus(10, ChronoUnit.MINUTES));
        Incident resolved = acked.withState(IncidentState.RESOLVED, t0.plus(2, ChronoUnit.HOURS), "trackwatch");
        incidents.write(List.of(new IncidentChange(IncidentChange.Type.RESOLVED, resolved)), t0.plus(2, ChronoUnit.HOURS));
        String sent = ClickHouseTime.format(t0.plus(1, ChronoUnit.MINUTES));
        dsl.execute("INSERT INTO " + DATABASE + ".notifications (id, group_key, seq, type, receiver, channel, fingerprint, status, "
                + "ts, thread_ts, payload, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "n-pages-1", "g-pages", 1, "FIRING", "growth", "#growth-alerts", "inc-pages-old", "sent", "1.0", "", "{}",
                sent, sent, 1);
    }

    @AfterAll
    void dropDatabase() {
        dsl.execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    void theDatasetPageChartsEverySeriesWithItsBandAnomalyAndIncident() throws Exception {
        Document page = Jsoup.parse(fetch("/datasets/product_events?range=24h", 200).body());
        assertThat(page.selectFirst("#dataset-name").text()).isEqualTo("product_events");
        Element volume = page.selectFirst("article.check[data-check=volume]");
        assertThat(volume).isNotNull();
        Element figure = volume.selectFirst("figure[data-series=row_count {platform=ios}]");
        assertThat(figure).as(volume.html()).isNotNull();
        Element svg = figure.selectFirst("svg.chart");
        Element line = svg.selectFirst("polyline.observed");
        assertThat(line.attr("points").trim().split("\\s+")).hasSize(BUCKETS);
        assertThat(line.attr("data-points")).isEqualTo(String.valueOf(BUCKETS));
        // One band over all 23 buckets, the ten re-judged without a band included: upper and lower
        // edge, each a point per bucket plus the half-bucket ends.
        String band = svg.selectFirst("path.band").attr("d");
        assertThat(band.chars().filter(c -> c == 'M').count()).isEqualTo(1);
        assertThat(band.split("[ML]").length - 1).isEqualTo(2 * (BUCKETS + 2));
        assertThat(svg.select("circle.anomaly")).hasSize(1);
        assertThat(svg.selectFirst("a[data-testid=incident-span]").attr("href")).isEqualTo("/incidents/inc-pages-open");
        assertThat(page.select("#incidents a[data-testid=incident-link]")).extracting(e -> e.attr("href"))
                .contains("/incidents/inc-pages-open", "/incidents/inc-pages-old");
        Element run = page.select("#runs tr.run").stream().filter(r -> r.text().contains("123,456")).findFirst().orElseThrow();
        assertThat(run.text()).contains("420 ms", "7,890,123", "OK");
        assertThat(page.selectFirst("#range-form select[name=range] option[selected]").attr("value")).isEqualTo("24h");
        assertThat(page.select("time[datetime]")).isNotEmpty()
                .allSatisfy(t -> assertThat(Instant.parse(t.attr("datetime"))).isNotNull());
        // Readable without JavaScript: the server writes each point in time as UTC to the minute.
        assertThat(page.select("time.ts")).isNotEmpty().allSatisfy(t -> assertThat(t.text())
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC")
                .isEqualTo(PAGE_TIME.format(Instant.parse(t.attr("datetime")))));

        assertThat(fetch("/datasets/product_events?range=1y", 400).body()).contains("\"field\":\"range\"")
                .contains("range: expected one of 24h, 7d, 28d");
        assertThat(fetch("/datasets/no_such", 404).body()).contains("no_such");
    }

    @Test
    void theSeriesApiServesTheSameSeriesAndValidatesItsParameters() throws Exception {
        String from = HOUR.minus(24, ChronoUnit.HOURS).toString();
        String to = HOUR.toString();
        String body = fetch("/api/v1/datasets/product_events/series?check=volume&series=row_count&segment="
                + URLEncoder.encode("{\"platform\":\"ios\"}", StandardCharsets.UTF_8) + "&from=" + from + "&to=" + to, 200).body();
        assertThat(body).contains("\"total\":1").contains("\"check\":\"volume\"").contains("\"segment\":{\"platform\":\"ios\"}");
        assertThat(body.split("\"bucket\"").length - 1).isEqualTo(BUCKETS);
        assertThat(body.split("\"lower\":80.0").length - 1).as("every bucket keeps its band").isEqualTo(BUCKETS);
        assertThat(fetch("/api/v1/datasets/product_events/series?from=yesterday", 400).body()).contains("\"field\":\"from\"");
        assertThat(fetch("/api/v1/datasets/product_events/series?from=" + to + "&to=" + from, 400).body())
                .contains("\"field\":\"from\"").contains("before to");
        assertThat(fetch("/api/v1/datasets/product_events/series?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", 400)
                .body()).contains("at most 35 days");
        assertThat(fetch("/api/v1/datasets/product_events/series?limit=0", 400).body()).contains("\"field\":\"limit\"");
        assertThat(fetch("/api/v1/datasets/no_such/series", 404).body()).contains("no_such");
        assertThat(fetch("/api/v1/datasets/product_events/runs?limit=5", 200).body()).contains("\"rowsRead\":123456");
    }

    @Test
    void theIncidentPageTellsItsStoryInOrderWithItsChartAndRunbook() throws Exception {
        Document page = Jsoup.parse(fetch("/incidents/inc-pages-old", 200).body());
        assertThat(page.select("#timeline li").eachAttr("data-type")).containsSubsequence("opened", "notified", "acknowledged",
                "resolved");
        assertThat(page.selectFirst("#timeline li[data-type=notified]").text()).contains("#growth-alerts", "sent");
        assertThat(page.selectFirst("#timeline li[data-type=acknowledged]").text()).contains("alice");
        assertThat(page.selectFirst("#route").text()).contains("growth", "#growth-alerts");
        assertThat(page.selectFirst("#dataset-link").attr("href")).isEqualTo("/datasets/product_events");
        assertThat(page.select("#ack-form")).as("a resolved incident cannot be acknowledged").isEmpty();

        Document open = Jsoup.parse(fetch("/incidents/inc-pages-open", 200).body());
        assertThat(open.selectFirst("[data-testid=observed-value]").text()).isEqualTo("3");
        assertThat(open.selectFirst("[data-testid=band-value]").text()).isEqualTo("[80, 120]");
        assertThat(open.selectFirst("#baseline").text()).contains("seasonal");
        assertThat(open.selectFirst("svg.chart path.band")).isNotNull();
        assertThat(open.selectFirst("svg.chart rect.incident-span").attr("data-incident")).isEqualTo("inc-pages-open");
        String heading = Files.readAllLines(Path.of("../runbooks/volume-drop.md")).getFirst().substring(2);
        assertThat(open.selectFirst("#runbook h1").text()).isEqualTo(heading);
        assertThat(open.selectFirst("#runbook-link").attr("href")).isEqualTo("/runbooks/volume-drop.md");
        assertThat(open.select("#ack-form input[name=_csrf]").attr("value")).hasSize(43);
    }

    @Test
    void runbooksRenderAtTheAddressSlackLinksToWithRawHtmlEscaped() throws Exception {
        Document volume = Jsoup.parse(fetch("/runbooks/volume-drop.md", 200).body());
        assertThat(volume.selectFirst("#runbook h1").text()).isEqualTo("Volume drop");
        assertThat(fetch("/runbooks/volume-drop.md?raw=true", 200).body()).startsWith("# Volume drop");
        // runbooks/README.md maps alerts to runbooks in a GitHub-style table: a table, not pipes in a paragraph.
        Document index = Jsoup.parse(fetch("/runbooks/README.md", 200).body());
        assertThat(index.select("#runbook table th")).extracting(Element::text).contains("Check type", "Runbook");
        assertThat(index.select("#runbook table td a").eachAttr("href")).contains("volume-drop.md");
        Document unsafe = Jsoup.parse(fetch("/runbooks/unsafe.md", 200).body());
        assertThat(unsafe.select("#runbook script")).isEmpty();
        assertThat(unsafe.selectFirst("#runbook").text()).contains("<script>alert(1)</script>");
        assertThat(unsafe.select("#runbook a").eachAttr("href")).noneMatch(h -> h.startsWith("javascript"));
        assertThat(fetch("/runbooks/nope.md", 404).body()).contains("no runbook nope.md");
        assertThat(fetch("/runbooks/..%2Fchecks%2Fteams.yaml", 404).statusCode()).isEqualTo(404);
    }

    @Test
    void formsNeedTheCsrfCookieTheOriginAndTheToken() throws Exception {
        HttpResponse<String> get = fetch("/incidents/inc-pages-open", 200);
        String cookie = get.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(PageCsrf.COOKIE + "=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        String csrf = Jsoup.parse(get.body()).selectFirst("#ack-form input[name=_csrf]").attr("value");
        String self = "http://localhost:" + server.getPort();
        String path = "/incidents/inc-pages-open/acknowledge";

        assertThat(post(path, "by=eve&token=" + TOKEN, self, null).statusCode()).as("no CSRF cookie or field").isEqualTo(403);
        assertThat(post(path, "by=eve&token=" + TOKEN + "&_csrf=" + csrf, "https://evil.example", csrf).statusCode())
                .as("another origin").isEqualTo(403);
        assertThat(post(path, "by=eve&token=" + TOKEN + "&_csrf=" + csrf, null, csrf).statusCode())
                .as("no Origin nor Referer").isEqualTo(403);
        assertThat(post(path, "by=eve&token=" + TOKEN + "&_csrf=" + PageCsrf.fresh(), self, csrf).statusCode())
                .as("field and cookie differ").isEqualTo(403);
        HttpResponse<String> noToken = post(path, "by=eve&_csrf=" + csrf, self, csrf);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.body()).contains("\"field\":\"token\"");
        assertThat(incidents.get("inc-pages-open").orElseThrow().state()).isEqualTo(IncidentState.OPEN);

        HttpResponse<String> ok = post(path, "by=bob&token=" + TOKEN + "&_csrf=" + csrf, self, csrf);
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location").orElseThrow()).isEqualTo("/incidents/inc-pages-open?done=acknowledged");
        assertThat(incidents.get("inc-pages-open").orElseThrow().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        Document after = Jsoup.parse(fetch("/incidents/inc-pages-open?done=acknowledged", 200).body());
        assertThat(after.selectFirst("#done").text()).contains("acknowledged");
        assertThat(after.select("#timeline li[data-type=acknowledged]").text()).contains("bob");
        assertThat(after.select("#ack-form")).isEmpty();
        assertThat(after.select("#close-form")).isNotEmpty();
    }

    private HttpResponse<String> post(String path, String form, String origin, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (cookie != null) {
            b.header("Cookie", PageCsrf.COOKIE + "=" + cookie);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> fetch(String path, int status) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort()
                + path)).header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        return response;
    }
}
