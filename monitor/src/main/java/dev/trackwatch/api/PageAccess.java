package dev.trackwatch.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who may read the pages, and the 400 of a bad query parameter, shared by every page. With
 * {@code trackwatch.pages.require-token} a page needs the API token, as a bearer token or as the
 * password of basic auth (so a browser can ask for it); without it, pages are open to read.
 */
final class PageAccess {

    private PageAccess() {
    }

    /** Returns the 401 of a page read that needs the token and lacks it, or null to go on. */
    @Nullable
    static HttpResponse<Object> refusal(HttpRequest<?> request, PagesConfiguration pages, ApiConfiguration api) {
        if (!pages.isRequireToken() || api.accepts(presented(request))) {
            return null;
        }
        return HttpResponse.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"trackwatch\", charset=\"UTF-8\"")
                .<Object>body(new ApiError("the pages need the API token: send it as a bearer token or as the basic-auth password",
                        null));
    }

    /** The token a request presents as a bearer token or a basic-auth password, or null. */
    @Nullable
    static String presented(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return null;
        }
        String presented = ApiTokenFilter.bearer(header);
        String value = header.strip();
        if (presented == null && value.regionMatches(true, 0, "Basic ", 0, 6)) {
            // A browser can ask for basic auth: the token is the password, the user name is ignored.
            try {
                String decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
                presented = decoded.substring(decoded.indexOf(':') + 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return presented;
    }

    /** A 400 naming the parameter, what was expected and (shortened) what came. */
    static HttpResponse<Object> bad(String parameter, String expected, String got) {
        String shown = got.length() > 40 ? got.substring(0, 40) + "..." : got;
        return HttpResponse.badRequest().contentType(MediaType.APPLICATION_JSON_TYPE).<Object>body(new ApiError(
                parameter + ": expected " + expected + ", got '" + shown + "'", parameter));
    }
}
