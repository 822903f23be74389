package dev.trackwatch.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private static final Delivery SERVER_ERROR = Delivery.recoverable("chat.postMessage", "http_500", null);

    private static List<Duration> delays(RetryPolicy policy, int n) {
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt <= n; attempt++) {
            delays.add(policy.delayAfter(attempt, SERVER_ERROR));
        }
        return delays;
    }

    @Test
    void backoffDoublesWithinItsJitterAndStopsGrowingAtTheCap() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(8), 0.5,
                new SplittableRandom(42));

        List<Duration> delays = delays(policy, 6);

        long[] bases = {1000, 2000, 4000, 8000, 8000, 8000};
        for (int i = 0; i < bases.length; i++) {
            assertThat(delays.get(i).toMillis()).as("retry %d", i + 1)
                    .isGreaterThan(bases[i] / 2).isLessThanOrEqualTo(bases[i]);
        }
        // Jitter really is random: the capped waits are not all the same.
        assertThat(delays.subList(3, 6)).doesNotHaveDuplicates();
    }

    @Test
    void theSameSeedGivesTheSameWaits() {
        RetryPolicy a = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), 0.5, new SplittableRandom(7));
        RetryPolicy b = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), 0.5, new SplittableRandom(7));

        assertThat(delays(a, 5)).isEqualTo(delays(b, 5));
    }

    @Test
    void withoutJitterTheWaitsAreExact() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.0,
                new SplittableRandom(1));

        assertThat(delays(policy, 4)).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void slacksRetryAfterIsFollowedExactlyEvenBeyondTheCap() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(8), 0.5,
                new SplittableRandom(3));

        Delivery limited = Delivery.recoverable("chat.postMessage", "ratelimited", Duration.ofSeconds(30));

        assertThat(policy.delayAfter(1, limited)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayAfter(4, limited)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        SplittableRandom random = new SplittableRandom();
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(1), 0, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1.5, random))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
