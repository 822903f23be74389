package dev.trackwatch.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelRateLimiterTest {

    @Test
    void aBurstToOneChannelIsSpreadOneIntervalApart() {
        FakeTime time = new FakeTime(Instant.parse("2026-03-10T00:00:00Z"));
        ChannelRateLimiter limiter = ChannelRateLimiter.slackDefault(time);

        assertThat(limiter.reserve("C1")).isEqualTo(Duration.ZERO);
        assertThat(limiter.reserve("C1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.reserve("C1")).isEqualTo(Duration.ofSeconds(2));
        assertThat(limiter.reserve("C2")).isEqualTo(Duration.ZERO);
    }

    @Test
    void aChannelQuietForLongerThanTheIntervalSendsAtOnce() {
        FakeTime time = new FakeTime(Instant.parse("2026-03-10T00:00:00Z"));
        ChannelRateLimiter limiter = ChannelRateLimiter.slackDefault(time);

        limiter.reserve("C1");
        time.advance(Duration.ofMillis(1500));

        assertThat(limiter.reserve("C1")).isEqualTo(Duration.ZERO);
        assertThat(limiter.reserve("C1")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aBackOffPushesTheNextSlotButNeverPullsItForward() {
        FakeTime time = new FakeTime(Instant.parse("2026-03-10T00:00:00Z"));
        ChannelRateLimiter limiter = ChannelRateLimiter.slackDefault(time);

        limiter.reserve("C1");
        limiter.backOff("C1", Duration.ofSeconds(10));
        limiter.backOff("C1", Duration.ofSeconds(2));

        assertThat(limiter.reserve("C1")).isEqualTo(Duration.ofSeconds(10));
    }
}
