package dev.trackwatch.notify;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Creates the Slack beans when a token is configured: the SDK client, the {@link SlackNotifier} and
 * the {@link RetryingSender} with its per-channel rate limiter. Without a token none of them exists;
 * inject {@code Optional<SlackNotifier>} where delivery is optional.
 */
@Factory
public class SlackFactory {

    /** A token that is set and not blank; an empty {@code TRACKWATCH_SLACK_TOKEN} leaves Slack off. */
    static final String TOKEN_SET = ".*\\S.*";

    /**
     * Returns the SDK configuration for the settings. Tests use it too, so they exercise the same
     * configuration against the fake API.
     */
    public static SlackConfig slackConfig(SlackSettings settings) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.methodsEndpointUrlPrefix());
        // The SDK's stats start background threads and resolve the team with an extra auth.test
        // call (whose debug log names the token); Trackwatch paces and retries on its own.
        config.setStatsEnabled(false);
        int millis = Math.toIntExact(settings.getTimeout().toMillis());
        config.setHttpClientCallTimeoutMillis(millis);
        config.setHttpClientReadTimeoutMillis(millis);
        config.setHttpClientWriteTimeoutMillis(millis);
        return config;
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "trackwatch.slack.token", pattern = TOKEN_SET)
    Slack slack(SlackSettings settings) {
        return Slack.getInstance(slackConfig(settings));
    }

    @Singleton
    @Requires(property = "trackwatch.slack.token", pattern = TOKEN_SET)
    SlackNotifier slackNotifier(Slack slack, SlackSettings settings) {
        return new SlackNotifier(slack.methods(settings.getToken()), new ChartRenderer());
    }

    @Singleton
    @Requires(property = "trackwatch.slack.token", pattern = TOKEN_SET)
    RetryingSender retryingSender() {
        return new RetryingSender(RetryPolicy.defaults(), ChannelRateLimiter.slackDefault(Clock.systemUTC()),
                Sleeper.REAL);
    }
}
