package dev.trackwatch.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Drives one notifier call to a final outcome: waits for the channel's rate-limit slot, calls,
 * and while the outcome is {@link Delivery.Status#RECOVERABLE} waits as the {@link RetryPolicy}
 * says (Slack's Retry-After when it gave one) and calls again, up to the policy's attempts. OK and
 * PERMANENT outcomes are returned at once; after the last attempt the last RECOVERABLE outcome is
 * returned, for the caller to keep in its outbox.
 *
 * <p>This is the single place where Slack deliveries are retried; waiting goes through an injected
 * {@link Sleeper} so tests run on a fake clock.
 *
 * <p>Retry only calls that are safe to repeat as a whole: {@link SlackNotifier#post} is, because a
 * post whose chart failed is still OK (retry the chart alone with
 * {@link SlackNotifier#attachChart}); {@link SlackNotifier#resolve} is, because its edit is
 * idempotent and its reply comes last.
 */
public final class RetryingSender {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingSender.class);

    private final RetryPolicy policy;
    private final ChannelRateLimiter limiter;
    private final Sleeper sleeper;

    public RetryingSender(RetryPolicy policy, ChannelRateLimiter limiter, Sleeper sleeper) {
        this.policy = policy;
        this.limiter = limiter;
        this.sleeper = sleeper;
    }

    /**
     * Sends to a channel until the outcome is final or the attempts are used up.
     *
     * @param channel the channel the call posts to (for its rate limit)
     * @param call one attempt, e.g. {@code () -> notifier.post(channel, message)}
     * @throws InterruptedException when interrupted while waiting; nothing more is sent
     */
    public Delivery send(String channel, Supplier<Delivery> call) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            pause(limiter.reserve(channel));
            Delivery outcome = call.get();
            if (outcome.status() != Delivery.Status.RECOVERABLE) {
                return outcome;
            }
            if (outcome.retryAfter() != null) {
                limiter.backOff(channel, outcome.retryAfter());
            }
            if (attempt >= policy.maxAttempts()) {
                LOG.warn("Slack {} to {} still failing after {} attempts: {}", outcome.method(), channel, attempt,
                        outcome.error());
                return outcome;
            }
            Duration delay = policy.delayAfter(attempt, outcome);
            LOG.info("Slack {} to {} failed ({}), attempt {} of {}; retrying in {} ms", outcome.method(), channel,
                    outcome.error(), attempt, policy.maxAttempts(), delay.toMillis());
            pause(delay);
        }
    }

    private void pause(Duration delay) throws InterruptedException {
        if (delay.isPositive()) {
            sleeper.sleep(delay);
        }
    }
}
