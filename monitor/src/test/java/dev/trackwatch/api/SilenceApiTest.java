package dev.trackwatch.api;

import dev.trackwatch.route.SilenceRequest;
import dev.trackwatch.route.SilenceView;
import dev.trackwatch.route.SilenceStore;
import dev.trackwatch.embedded.TestingClickHouse;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The silences API on the service with a token configured, against the embedded ClickHouse. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SilenceApiTest implements TestPropertyProvider {

    static final String TOKEN = "s3cret-test-token";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ApiConfiguration api;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "trackwatch.clickhouse.embedded.enabled", "true",
                "trackwatch.clickhouse.embedded.data-dir", TestingClickHouse.embeddedDataDir().toString(),
                "trackwatch.run.scheduler-enabled", "false",
                "trackwatch.api.token", TOKEN);
    }

    private static SilenceRequest request(List<String> matchers, String duration, String comment) {
        return new SilenceRequest(matchers, null, null, duration, "ana", comment);
    }

    private <T> HttpRequest<T> authorized(HttpRequest<T> request) {
        return ((io.micronaut.http.MutableHttpRequest<T>) request).bearerAuth(TOKEN);
    }

    @Test
    void createListAndExpireASilence() {
        HttpResponse<SilenceView> created = http.toBlocking().exchange(authorized(HttpRequest.POST("/api/silences",
                request(List.of("dataset=\"product_events\"", "kind=~\"volume|null_rate\""), "2h", "backfill"))),
                SilenceView.class);

        assertThat(created.code()).isEqualTo(201);
        SilenceView silence = created.body();
        assertThat(silence.matchers()).containsExactly("dataset=\"product_events\"", "kind=~\"volume|null_rate\"");
        assertThat(silence.status()).isEqualTo("active");
        assertThat(silence.createdBy()).isEqualTo("ana");
        assertThat(silence.comment()).isEqualTo("backfill");
        assertThat(Duration.between(Instant.parse(silence.startsAt()), Instant.parse(silence.endsAt())))
                .isEqualTo(Duration.ofHours(2));

        List<SilenceView> listed = http.toBlocking().retrieve(authorized(HttpRequest.GET("/api/silences")),
                Argument.listOf(SilenceView.class));
        assertThat(listed).extracting(SilenceView::id).contains(silence.id());

        HttpResponse<SilenceView> expired = http.toBlocking().exchange(
                authorized(HttpRequest.DELETE("/api/silences/" + silence.id())), SilenceView.class);
        assertThat(expired.code()).isEqualTo(200);
        assertThat(expired.body().status()).isEqualTo("expired");

        assertThat(http.toBlocking().retrieve(authorized(HttpRequest.GET("/api/silences")),
                Argument.listOf(SilenceView.class))).extracting(SilenceView::id).doesNotContain(silence.id());
        assertThat(http.toBlocking().retrieve(authorized(HttpRequest.GET("/api/silences?expired=true")),
                Argument.listOf(SilenceView.class))).extracting(SilenceView::id).contains(silence.id());

        HttpClientResponseException again = catchThrowableOfType(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(authorized(HttpRequest.DELETE("/api/silences/" + silence.id())), String.class));
        assertThat(again.code()).isEqualTo(404);
        assertThat(again.getResponse().getBody(String.class).orElseThrow())
                .isEqualTo("{\"error\":\"silence " + silence.id() + " has already ended\"}");
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(authorized(HttpRequest.POST("/api/silences",
                        request(List.of("dataset=\"product_events\""), "2h", ""))), String.class));

        assertThat(e.code()).isEqualTo(400);
        assertThat(e.getResponse().getBody(String.class).orElseThrow()).isEqualTo("{\"error\":\"comment: a silence needs "
                + "a comment saying why, such as \\\"backfill of product_events\\\"\",\"field\":\"comment\"}");

        HttpClientResponseException matcher = catchThrowableOfType(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(authorized(HttpRequest.POST("/api/silences",
                        request(List.of("dataset~product_events"), "2h", "x"))), String.class));
        assertThat(matcher.getResponse().getBody(String.class).orElseThrow()).isEqualTo("{\"error\":\"matchers: matcher "
                + "'dataset~product_events': expected =, !=, =~ or !~ after label name 'dataset', found '~'\","
                + "\"field\":\"matchers\"}");

        HttpClientResponseException unknown = catchThrowableOfType(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(authorized(HttpRequest.DELETE("/api/silences/nope")), String.class));
        assertThat(unknown.code()).isEqualTo(404);
        assertThat(unknown.getResponse().getBody(String.class).orElseThrow()).isEqualTo("{\"error\":\"no silence nope\"}");
    }

    @Test
    void oversizedRequestsAreRefusedAndNothingIsStored() {
        String nineMegabytes = "c".repeat(9 * 1024 * 1024);
        HttpClientResponseException hugeComment = catchThrowableOfType(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(authorized(HttpRequest.POST("/api/silences",
                        request(List.of("check=\"huge\""), "2h", nineMegabytes))), String.class));
        HttpClientResponseException manyMatchers = catchThrowableOfType(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(authorized(HttpRequest.POST("/api/silences",
                        request(java.util.Collections.nCopies(200_000, "check=\"many\""), "2h", "x"))), String.class));
        HttpClientResponseException longComment = catchThrowableOfType(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(authorized(HttpRequest.POST("/api/silences",
                        request(List.of("check=\"long\""), "2h", "c".repeat(2001)))), String.class));
        HttpClientResponseException everything = catchThrowableOfType(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(authorized(HttpRequest.POST("/api/silences",
                        request(List.of("team=~\".+\""), "2h", "x"))), String.class));

        // Over micronaut.server.max-request-size the body is not even read; under it, each field has its bound.
        assertThat(hugeComment.code()).isEqualTo(413);
        assertThat(manyMatchers.code()).isEqualTo(413);
        assertThat(longComment.code()).isEqualTo(400);
        assertThat(longComment.getResponse().getBody(String.class).orElseThrow()).isEqualTo("{\"error\":\"comment: at "
                + "most 2000 characters (got 2001)\",\"field\":\"comment\"}");
        assertThat(everything.code()).isEqualTo(400);
        assertThat(everything.getResponse().getBody(String.class).orElseThrow()).contains("\"field\":\"matchers\"")
                .contains("could match every alert");
        assertThat(http.toBlocking().retrieve(authorized(HttpRequest.GET("/api/silences")),
                Argument.listOf(SilenceView.class))).flatExtracting(SilenceView::matchers)
                .doesNotContain("check=\"huge\"", "check=\"many\"", "check=\"long\"", "team=~\".+\"");
    }

    @Test
    void aMissingOrWrongTokenIs401ForReadsAndWrites() {
        HttpClientResponseException missing = catchThrowableOfType(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(HttpRequest.GET("/api/silences"), String.class));
        HttpClientResponseException wrong = catchThrowableOfType(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(HttpRequest.POST("/api/silences", request(List.of("check=\"x\""), "1h", "x"))
                        .bearerAuth("guess"), String.class));
        HttpClientResponseException basic = catchThrowableOfType(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(HttpRequest.DELETE("/api/silences/x").basicAuth("u", TOKEN), String.class));

        assertThat(missing.code()).isEqualTo(401);
        assertThat(missing.getResponse().getHeaders().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"trackwatch\"");
        assertThat(missing.getResponse().getBody(String.class).orElseThrow())
                .isEqualTo("{\"error\":\"missing bearer token: send Authorization: Bearer <token>\"}");
        assertThat(wrong.code()).isEqualTo(401);
        assertThat(wrong.getResponse().getBody(String.class).orElseThrow()).isEqualTo("{\"error\":\"wrong bearer token\"}");
        assertThat(basic.code()).isEqualTo(401);
    }

    @Test
    void theTokenIsNeverLogged() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try {
            http.toBlocking().exchange(authorized(HttpRequest.POST("/api/silences",
                    request(List.of("check=\"logged\""), "1h", "log test"))), String.class);
            catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                    HttpRequest.GET("/api/silences").bearerAuth(TOKEN + "x"), String.class));
        } finally {
            root.detachAppender(appender);
        }

        assertThat(appender.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).startsWith("silence ").contains("created by ana"))
                .anySatisfy(m -> assertThat(m).isEqualTo("API: refused GET /api/silences with a wrong bearer token"))
                .noneSatisfy(m -> assertThat(m).contains(TOKEN));
        assertThat(api.toString()).isEqualTo("ApiConfiguration{token=<redacted>}");
    }
}
