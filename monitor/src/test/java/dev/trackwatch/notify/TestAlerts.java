package dev.trackwatch.notify;

import dev.trackwatch.fakes.FakeSlackApi;
import com.slack.api.Slack;
import dev.trackwatch.config.Severity;
import dev.trackwatch.notify.AlertMessage.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Alert messages and Slack clients shared by the notify tests. */
final class TestAlerts {

    static final String RUNBOOK = "https://runbooks.example.test/volume-drop?check=checkout&team=growth";
    static final String OWNER = "<!subteam^S0GROWTH>";

    private TestAlerts() {
    }

    /** iOS checkout volume dropped; 29 more segments fire in the same group. */
    static AlertMessage checkoutDrop() {
        Map<String, String> segment = new LinkedHashMap<>();
        segment.put("platform", "ios");
        segment.put("country", "DE");
        return AlertMessage.builder().title("Checkout volume dropped 38% on iOS").dataset("events")
                .event("checkout_completed").segment(segment).observed(1234.0).expected(2000.0).lower(1800.0)
                .upper(2200.0).since(Instant.parse("2026-03-10T14:00:00Z")).severity(Severity.CRITICAL)
                .ownerMention(OWNER).runbookUrl(RUNBOOK).status(Status.FIRING)
                .groupKey("events/checkout_volume/platform").alertCount(30)
                .chart(ChartRendererTest.dropAt(Set.of(20, 21), 24)).build();
    }

    /** The same group without a chart. */
    static AlertMessage withoutChart(AlertMessage m) {
        return m.toBuilder().chart(null).build();
    }

    /** Settings pointing at the fake, with the fake's token. */
    static SlackSettings settings(FakeSlackApi api, Duration timeout) {
        SlackSettings settings = new SlackSettings();
        settings.setToken(FakeSlackApi.TOKEN);
        settings.setApiUrl(api.apiUrl());
        settings.setTimeout(timeout);
        return settings;
    }

    /** An SDK instance configured the way production configures it, pointed at the fake. */
    static Slack slack(FakeSlackApi api, Duration timeout) {
        return Slack.getInstance(SlackFactory.slackConfig(settings(api, timeout)));
    }

    /** A notifier using the real SDK against the fake with the given token. */
    static SlackNotifier notifier(Slack slack, String token) {
        return new SlackNotifier(slack.methods(token), new ChartRenderer());
    }
}
