package dev.trackwatch.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Cross-site request protection of the pages' forms: a double-submit cookie plus an Origin check.
 * A page with a form sets the cookie {@value #COOKIE} (32 random bytes, {@code HttpOnly},
 * {@code SameSite=Strict}, path /) unless the browser already has one, and puts the same value in a
 * hidden field {@value #FIELD}. A form POST is accepted only when (1) its {@code Origin} (else its
 * {@code Referer}) names this server (the request's {@code Host}, or {@code trackwatch.public-url}),
 * and one of the two is present; (2) the field equals the cookie, compared in constant time. Another
 * site can make a browser POST but can neither read nor set the cookie nor forge the Origin. The API
 * token is asked in the form as well: CSRF protection says the request comes from our page, the token
 * says who may change incidents.
 */
final class PageCsrf {

    static final String COOKIE = "tw_csrf";
    static final String FIELD = "_csrf";

    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PageCsrf() {
    }

    /** Returns the browser's CSRF cookie value when it has a well-formed one, else null. */
    @Nullable
    static String existing(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter(v -> VALUE.matcher(v).matches())
                .orElse(null);
    }

    /** Returns a new random value. */
    static String fresh() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The cookie carrying {@code value}. */
    static Cookie cookie(String value) {
        return Cookie.of(COOKIE, value).httpOnly(true).sameSite(SameSite.Strict).path("/");
    }

    /** Returns why a form POST is refused as possibly cross-site, or null when it may go on. */
    @Nullable
    static String refusal(HttpRequest<?> request, @Nullable String field, String publicUrl) {
        String origin = request.getHeaders().get("Origin");
        String referer = request.getHeaders().get(HttpHeaders.REFERER);
        String claimed = origin != null && !origin.equals("null") ? origin : referer;
        if (claimed == null) {
            return "the form came without an Origin or Referer header: cross-site requests are refused";
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        String authority = authority(claimed);
        if (authority == null || !(authority.equalsIgnoreCase(host) || authority.equalsIgnoreCase(authority(publicUrl)))) {
            return "the form came from " + claimed + ", not from this server: cross-site requests are refused";
        }
        String cookie = existing(request);
        if (cookie == null || field == null || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                field.getBytes(StandardCharsets.UTF_8))) {
            return "the form's " + FIELD + " field does not match the " + COOKIE + " cookie: reload the page and try again";
        }
        return null;
    }

    @Nullable
    private static String authority(String url) {
        try {
            return URI.create(url.strip()).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
