package dev.trackwatch.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The one guard of the HTTP API ({@code /api/**}), so no controller can forget it:
 * <ul>
 *   <li>with {@code trackwatch.api.token} set, every request needs {@code Authorization: Bearer <token>}
 *       (compared in constant time), else 401;</li>
 *   <li>without a token, reads work and every mutation (POST, PUT, PATCH, DELETE) is refused with 403,
 *       saying how to configure one: an API nobody can authenticate to must not be writable by everyone.</li>
 * </ul>
 * Refusals have the {@link ApiError} body.
 */
@ServerFilter("/api/**")
public class ApiTokenFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokenFilter.class);

    /** The 403 message when no token is configured. */
    static final String NO_TOKEN = "the API refuses writes until a token is configured: set TRACKWATCH_API_TOKEN "
            + "(trackwatch.api.token) on the daemon and send Authorization: Bearer <token>";

    private final ApiConfiguration api;

    public ApiTokenFilter(ApiConfiguration api) {
        this.api = api;
    }

    /** Returns the refusal of a request that may not proceed, or null to let it through. */
    @RequestFilter
    @Nullable
    public HttpResponse<ApiError> guard(HttpRequest<?> request) {
        boolean write = mutating(request.getMethod());
        if (!api.hasToken()) {
            return write ? HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN).body(new ApiError(NO_TOKEN, null)) : null;
        }
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        String presented = authorization == null ? null : bearer(authorization);
        if (api.accepts(presented)) {
            return null;
        }
        LOG.warn("API: refused {} {} with {} bearer token", request.getMethod(), request.getPath(),
                presented == null ? "no" : "a wrong");
        MutableHttpResponse<ApiError> response = HttpResponse.status(HttpStatus.UNAUTHORIZED);
        return response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"trackwatch\"")
                .body(new ApiError(presented == null ? "missing bearer token: send Authorization: Bearer <token>"
                        : "wrong bearer token", null));
    }

    // A method list rather than "not GET": an unknown or custom verb is treated as a write.
    private static boolean mutating(HttpMethod method) {
        return switch (method) {
            case GET, HEAD, OPTIONS, TRACE -> false;
            case POST, PUT, PATCH, DELETE, CONNECT, CUSTOM -> true;
        };
    }

    /** The token of an {@code Authorization: Bearer <token>} header value, or null for another scheme. */
    static String bearer(String authorization) {
        String value = authorization.strip();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : null;
    }
}
