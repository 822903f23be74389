package dev.trackwatch.notify;

import dev.trackwatch.fakes.FakeSlackApi;
import dev.trackwatch.fakes.FakeSlackCall;
import dev.trackwatch.fakes.FakeSlackFailure;
import com.slack.api.Slack;
import dev.trackwatch.notify.Delivery.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import static dev.trackwatch.fakes.FakeSlackFailure.error;
import static dev.trackwatch.fakes.FakeSlackFailure.http;
import static dev.trackwatch.fakes.FakeSlackFailure.rateLimited;
import static org.assertj.core.api.Assertions.assertThat;

/** Retries and pacing on a fake clock, driving the real notifier against {@link FakeSlackApi}. */
class RetryingSenderTest {

    private static final Instant T0 = Instant.parse("2026-03-10T14:00:00Z");

    private FakeTime time;
    private FakeSlackApi api;
    private Slack slack;
    private SlackNotifier notifier;
    private RetryingSender sender;
    private final AlertMessage alert = TestAlerts.withoutChart(TestAlerts.checkoutDrop());

    @BeforeEach
    void start() throws Exception {
        time = new FakeTime(T0);
        api = FakeSlackApi.start(time);
        slack = TestAlerts.slack(api, Duration.ofSeconds(2));
        notifier = TestAlerts.notifier(slack, FakeSlackApi.TOKEN);
        RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.5,
                new SplittableRandom(11));
        sender = new RetryingSender(policy, ChannelRateLimiter.slackDefault(time), time);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        api.close();
    }

    @Test
    void aRateLimitedPostIsRetriedAfterSlacksRetryAfterThenSucceeds() throws Exception {
        api.failNext("chat.postMessage", 2, rateLimited(3));

        Delivery d = sender.send("C1", () -> notifier.post("C1", alert));

        assertThat(d.status()).isEqualTo(Status.OK);
        assertThat(api.calls("chat.postMessage")).extracting(FakeSlackCall::status).containsExactly(429, 429, 200);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(api.calls("chat.postMessage")).extracting(FakeSlackCall::at)
                .containsExactly(T0, T0.plusSeconds(3), T0.plusSeconds(6));
    }

    @Test
    void itGivesUpAfterTheLastAttemptWithTheLastRecoverableOutcome() throws Exception {
        api.failNext("chat.postMessage", 10, http(500));

        Delivery d = sender.send("C1", () -> notifier.post("C1", alert));

        assertThat(d.status()).isEqualTo(Status.RECOVERABLE);
        assertThat(d.error()).isEqualTo("http_500");
        assertThat(api.calls("chat.postMessage")).hasSize(4);
        // Between attempts: the backoff step's jittered wait, and never less than the channel's
        // one-second pace (a short jittered wait is topped up by the rate limiter).
        var at = api.calls("chat.postMessage").stream().map(FakeSlackCall::at).toList();
        long[] bases = {1000, 2000, 4000};
        for (int i = 0; i < bases.length; i++) {
            long gap = Duration.between(at.get(i), at.get(i + 1)).toMillis();
            assertThat(gap).as("wait before attempt %d", i + 2).isGreaterThan(bases[i] / 2)
                    .isGreaterThanOrEqualTo(1000).isLessThanOrEqualTo(Math.max(1000, bases[i]));
        }
    }

    @Test
    void aPermanentFailureIsNotRetried() throws Exception {
        api.failNext("chat.postMessage", 1, error("not_in_channel"));

        Delivery d = sender.send("C1", () -> notifier.post("C1", alert));

        assertThat(d.status()).isEqualTo(Status.PERMANENT);
        assertThat(d.error()).isEqualTo("not_in_channel");
        assertThat(api.calls()).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void twoPostsToOneChannelAreAtLeastASecondApartButOtherChannelsDoNotWait() throws Exception {
        assertThat(sender.send("C1", () -> notifier.post("C1", alert)).isOk()).isTrue();
        assertThat(sender.send("C1", () -> notifier.post("C1", alert)).isOk()).isTrue();
        assertThat(sender.send("C2", () -> notifier.post("C2", alert)).isOk()).isTrue();

        var posts = api.calls("chat.postMessage");
        assertThat(Duration.between(posts.get(0).at(), posts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(posts.get(2).channel()).isEqualTo("C2");
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aRetryAfterHoldsBackOtherSendsToThatChannel() throws Exception {
        api.failNext("chat.postMessage", 1, rateLimited(5));
        RetryingSender once = new RetryingSender(
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0, new SplittableRandom(1)),
                ChannelRateLimiter.slackDefault(time), time);

        assertThat(once.send("C1", () -> notifier.post("C1", alert)).status()).isEqualTo(Status.RECOVERABLE);
        assertThat(once.send("C1", () -> notifier.post("C1", alert)).isOk()).isTrue();

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5));
        assertThat(api.calls("chat.postMessage").get(1).at()).isEqualTo(T0.plusSeconds(5));
    }
}
