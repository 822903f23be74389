package dev.trackwatch.api;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The HTTP API's settings ({@code trackwatch.api.*}). The token is a secret: set it through
 * {@code TRACKWATCH_API_TOKEN}; it is never logged and {@link #toString()} masks it.
 */
@ConfigurationProperties("trackwatch.api")
public class ApiConfiguration {

    private String token = "";

    /** The bearer token API clients must send; empty means none is configured and writes are refused. */
    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token == null ? "" : token.strip();
    }

    /** Returns whether a token is configured. */
    public boolean hasToken() {
        return !token.isEmpty();
    }

    /**
     * Returns whether {@code presented} is the configured token, compared in constant time; false
     * when none is configured or nothing was presented.
     */
    public boolean accepts(String presented) {
        return hasToken() && presented != null && java.security.MessageDigest.isEqual(
                presented.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ApiConfiguration{token=" + (token.isEmpty() ? "<none>" : "<redacted>") + "}";
    }
}
