package dev.trackwatch.watchdog;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.trackwatch.fakes.FakeSlackApi;
import dev.trackwatch.fakes.FakeSlackCall;
import dev.trackwatch.fakes.FakeSlackFailure;
import dev.trackwatch.fakes.FakeSlackMessage;
import dev.trackwatch.notify.ChannelRateLimiter;
import dev.trackwatch.notify.ChartRenderer;
import dev.trackwatch.notify.NotificationSink;
import dev.trackwatch.notify.RetryPolicy;
import dev.trackwatch.notify.RetryingSender;
import dev.trackwatch.notify.SlackNotifier;
import dev.trackwatch.notify.SlackSink;
import dev.trackwatch.notify.Sleeper;
import dev.trackwatch.route.Receiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reviewer's finding: one FIRING that could not be told kept the outage open forever, so neither
 * its end nor any later outage was ever told. The real Slack SDK against {@link FakeSlackApi}:
 * a look-up Slack cannot answer (no history scope) is bounded, a permanent error is final, and
 * once an outage closed the next one is told again.
 */
class WatchdogBoundsTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final String CHANNEL = "#data-platform";
    private static final List<Receiver> PLATFORM = List.of(new Receiver("platform", CHANNEL, null));

    @TempDir
    Path dir;
    private FakeSlackApi api;
    private Slack slack;
    private NotificationSink sink;

    @BeforeEach
    void startSlack() throws Exception {
        api = FakeSlackApi.start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(api.apiUrl());
        config.setStatsEnabled(false);
        config.setHttpClientCallTimeoutMillis(3_000);
        config.setHttpClientReadTimeoutMillis(3_000);
        config.setHttpClientWriteTimeoutMillis(3_000);
        slack = Slack.getInstance(config);
        // One attempt per call: the watchdog's own rounds are the retries here.
        sink = new SlackSink(new SlackNotifier(slack.methods(FakeSlackApi.TOKEN), new ChartRenderer()),
                new RetryingSender(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), 0, new SplittableRandom(1)),
                        ChannelRateLimiter.slackDefault(Clock.systemUTC()), Sleeper.REAL));
    }

    @AfterEach
    void stopSlack() throws Exception {
        slack.close();
        api.close();
    }

    @Test
    void aFiringPendingThroughAnUnreadableHistoryIsDeliveredWithANote() throws Exception {
        Watchdog watchdog = watchdog();
        watchdog.observe("Connection refused", T0);
        api.failAll(FakeSlackFailure.http(503)); // the network is gone: Slack too
        watchdog.tick(T0.plusSeconds(200));
        api.endOutage();
        api.failNext("conversations.history", 100, FakeSlackFailure.error("missing_scope"));
        for (int i = 1; i <= 4; i++) {
            watchdog.observe("Connection refused", T0.plusSeconds(200 + 15 * i));
            watchdog.tick(T0.plusSeconds(200 + 15 * i));
        }
        List<FakeSlackMessage> toldWhileDown = api.messagesIn(CHANNEL);

        assertThat(toldWhileDown).as("told once the look-ups stayed unanswered").singleElement()
                .satisfies(m -> assertThat(FakeSlackCall.blocksText(m.blocks())).contains(
                        "Trackwatch cannot reach ClickHouse", "may repeat"));
        assertThat(watchdog.firing()).isTrue();
    }

    @Test
    void aFiringNeverToldIsSummedUpOnRecoveryAndTheNextOutageIsToldAgain() throws Exception {
        Watchdog watchdog = watchdog();
        watchdog.observe("Connection refused", T0);
        api.failAll(FakeSlackFailure.http(503));
        watchdog.tick(T0.plusSeconds(200));
        watchdog.observe("Connection refused", T0.plusSeconds(215));
        watchdog.tick(T0.plusSeconds(215));
        // Network back with ClickHouse, but the bot cannot read the channel's history.
        api.endOutage();
        api.failNext("conversations.history", 100, FakeSlackFailure.error("missing_scope"));
        for (int i = 0; i < 4; i++) {
            watchdog.observe(null, T0.plusSeconds(1_000 + 15 * i));
            watchdog.tick(T0.plusSeconds(1_000 + 15 * i));
        }
        List<FakeSlackMessage> afterRecovery = api.messagesIn(CHANNEL);
        boolean closed = new StateFile(dir.resolve("watchdog.json")).read().outage() == null;

        watchdog.observe("Connection refused", T0.plusSeconds(2_000));
        watchdog.tick(T0.plusSeconds(2_200));
        List<FakeSlackMessage> afterSecondOutage = api.messagesIn(CHANNEL);

        assertThat(afterRecovery).as("one summary of the outage nobody was told").singleElement().satisfies(m ->
                assertThat(FakeSlackCall.blocksText(m.blocks())).contains("could not reach ClickHouse from "
                        + T0 + " to " + T0.plusSeconds(1_000)));
        assertThat(closed).as("the outage closed").isTrue();
        assertThat(afterSecondOutage).as("the next outage is told").hasSize(2);
        assertThat(FakeSlackCall.blocksText(afterSecondOutage.getLast().blocks()))
                .contains("Trackwatch cannot reach ClickHouse");
        assertThat(watchdog.firing()).isTrue();
    }

    @Test
    void aPermanentErrorIsFinalAndTheOutageStillCloses() throws Exception {
        Watchdog watchdog = watchdog();
        watchdog.observe("Connection refused", T0);
        api.failNext("chat.postMessage", 1, FakeSlackFailure.error("channel_not_found"));
        for (int i = 0; i < 4; i++) {
            watchdog.observe("Connection refused", T0.plusSeconds(200 + 15 * i));
            watchdog.tick(T0.plusSeconds(200 + 15 * i));
        }
        int attemptsWhileDown = posts().size();
        watchdog.observe(null, T0.plusSeconds(400));
        watchdog.tick(T0.plusSeconds(400));
        boolean closed = new StateFile(dir.resolve("watchdog.json")).read().outage() == null;

        assertThat(attemptsWhileDown).as("channel_not_found is not retried").isEqualTo(1);
        assertThat(posts()).as("nothing resolved or summed up in a channel Slack refuses").hasSize(1);
        assertThat(closed).isTrue();
        assertThat(watchdog.firing()).isFalse();
    }

    private Watchdog watchdog() {
        return new Watchdog(dir.resolve("watchdog.json"), sink, () -> PLATFORM, Duration.ofMinutes(2),
                "http://localhost/runbooks/monitor-fault.md");
    }

    /** Every chat.postMessage to the platform channel, whatever Slack answered. */
    private List<FakeSlackCall> posts() {
        return api.calls("chat.postMessage").stream().filter(c -> CHANNEL.equals(c.channel())).toList();
    }
}
