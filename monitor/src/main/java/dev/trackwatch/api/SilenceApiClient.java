package dev.trackwatch.api;

import dev.trackwatch.route.SilenceRequest;
import dev.trackwatch.route.SilenceView;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A client of a running daemon's silences API ({@link SilenceController}), for the command line.
 * Every failure is a {@link SilenceApiException} whose message can be shown as it is.
 */
public final class SilenceApiClient {

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = ObjectMapper.getDefault();

    /**
     * A client of the daemon at {@code base} (e.g. {@code http://127.0.0.1:8080}).
     *
     * @param token the bearer token, or null or empty for none
     */
    public SilenceApiClient(URI base, String token) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.token = token == null ? "" : token.strip();
    }

    /** A refusal or failure of the API, in words fit to print. */
    public static final class SilenceApiException extends RuntimeException {
        private final int status;

        SilenceApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** Returns the HTTP status, or 0 when the daemon could not be reached. */
        public int status() {
            return status;
        }
    }

    /** Creates a silence. */
    public SilenceView create(SilenceRequest request) {
        return send(HttpRequest.newBuilder(uri("/api/silences"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(write(request))), Argument.of(SilenceView.class));
    }

    /** Lists active and pending silences, and expired ones too when asked. */
    public List<SilenceView> list(boolean expired) {
        return send(HttpRequest.newBuilder(uri("/api/silences" + (expired ? "?expired=true" : ""))).GET(),
                Argument.listOf(SilenceView.class));
    }

    /** Expires a silence now and returns it. */
    public SilenceView expire(String id) {
        return send(HttpRequest.newBuilder(uri("/api/silences/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                .replace("+", "%20"))).DELETE(), Argument.of(SilenceView.class));
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private <T> T send(HttpRequest.Builder builder, Argument<T> type) {
        builder.timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (!token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new SilenceApiException(0, "cannot reach the daemon at " + base + ": connection refused "
                    + "(is trackwatch serve or demo running there?)");
        } catch (HttpTimeoutException e) {
            throw new SilenceApiException(0, "the daemon at " + base + " did not answer in time");
        } catch (IOException e) {
            throw new SilenceApiException(0, "cannot reach the daemon at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SilenceApiException(0, "interrupted");
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new SilenceApiException(status, "the daemon at " + base + " answered " + status + ": "
                    + error(response.body()));
        }
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new SilenceApiException(status, "the daemon at " + base + " sent an answer that is not a silence: "
                    + e.getMessage());
        }
    }

    /** The {@code error} of an {@link ApiError} body, else the body itself. */
    private String error(byte[] body) {
        try {
            ApiError error = json.readValue(body, ApiError.class);
            if (error != null && error.error() != null) {
                return error.error();
            }
        } catch (IOException | RuntimeException e) {
            // not our error shape (a proxy's page, Micronaut's own 400): show the text
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "(no body)" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("a silence request is always serializable", e);
        }
    }
}
