package dev.trackwatch.notify;

import dev.trackwatch.fakes.FakeSlackApi;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trackwatch.slack.*} as Micronaut binds it, and what the context builds from it. */
class SlackSettingsTest {

    private static ApplicationContext context(Map<String, Object> slack) {
        Map<String, Object> properties = new HashMap<>(slack);
        // Keep the check scheduler's timer out of a context that only wires Slack.
        properties.put("trackwatch.run.scheduler-enabled", false);
        return ApplicationContext.builder().properties(properties).start();
    }

    @Test
    void withoutATokenDeliveryIsDisabledAndNoNotifierExists() {
        try (ApplicationContext context = context(Map.of())) {
            SlackSettings settings = context.getBean(SlackSettings.class);

            assertThat(settings.isEnabled()).isFalse();
            assertThat(settings.getApiUrl()).isEqualTo("https://slack.com/api/");
            assertThat(settings.getTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(settings.toString()).contains("token=<none>");
            assertThat(context.findBean(SlackNotifier.class)).isEmpty();
            assertThat(context.findBean(RetryingSender.class)).isEmpty();
        }
    }

    @Test
    void aBlankTokenCountsAsNone() {
        try (ApplicationContext context = context(Map.of("trackwatch.slack.token", "   "))) {
            assertThat(context.getBean(SlackSettings.class).isEnabled()).isFalse();
            assertThat(context.findBean(SlackNotifier.class)).isEmpty();
        }
    }

    @Test
    void theContextsNotifierPostsWithTheConfiguredTokenToTheConfiguredUrl() throws Exception {
        try (FakeSlackApi api = FakeSlackApi.start();
             ApplicationContext context = context(Map.of(
                     "trackwatch.slack.token", FakeSlackApi.TOKEN,
                     // Without the trailing slash on purpose: the SDK appends method names to it.
                     "trackwatch.slack.api-url", api.apiUrl().substring(0, api.apiUrl().length() - 1),
                     "trackwatch.slack.timeout", "3s"))) {
            SlackSettings settings = context.getBean(SlackSettings.class);
            assertThat(settings.isEnabled()).isTrue();
            assertThat(settings.methodsEndpointUrlPrefix()).isEqualTo(api.apiUrl());
            assertThat(settings.getTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(context.findBean(RetryingSender.class)).isPresent();

            Delivery d = context.getBean(SlackNotifier.class).post("C1", TestAlerts.checkoutDrop());

            assertThat(d.status()).isEqualTo(Delivery.Status.OK);
            assertThat(api.calls("chat.postMessage").getFirst().authorization())
                    .isEqualTo("Bearer " + FakeSlackApi.TOKEN);
        }
    }
}
