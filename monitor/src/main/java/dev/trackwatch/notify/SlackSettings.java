package dev.trackwatch.notify;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * How Trackwatch reaches Slack ({@code trackwatch.slack.*}): the bot token, set through
 * {@code TRACKWATCH_SLACK_TOKEN}, and the Web API's base URL, {@code TRACKWATCH_SLACK_API_URL}
 * (Slack's own by default; a fake one in tests). Without a token, Slack delivery is disabled.
 *
 * <p>The token is a secret: {@link #toString()} masks it and nothing in Trackwatch logs it.
 */
@ConfigurationProperties("trackwatch.slack")
public class SlackSettings {

    /** Slack's Web API, the default base URL. */
    public static final String DEFAULT_API_URL = "https://slack.com/api/";

    private String token = "";
    private String apiUrl = DEFAULT_API_URL;
    private Duration timeout = Duration.ofSeconds(10);

    /** The bot token ({@code xoxb-...}); empty disables delivery. Set it in the environment, never in a file. */
    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token == null ? "" : token.trim();
    }

    /** The Web API's base URL, e.g. {@code https://slack.com/api/}; the method name is appended to it. */
    public String getApiUrl() {
        return apiUrl;
    }

    public void setApiUrl(String apiUrl) {
        this.apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.trim();
    }

    /** How long one HTTP call to Slack may take in all before it counts as a (recoverable) timeout. */
    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** Returns whether a token is set, i.e. whether Trackwatch delivers to Slack at all. */
    public boolean isEnabled() {
        return !token.isEmpty();
    }

    /** Returns the base URL ending in a slash, as the SDK expects it (it appends the method name). */
    public String methodsEndpointUrlPrefix() {
        return apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    @Override
    public String toString() {
        return "SlackSettings{token=" + (token.isEmpty() ? "<none>" : "<redacted>") + ", apiUrl=" + apiUrl
                + ", timeout=" + timeout + "}";
    }
}
