package dev.trackwatch.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * When to try a recoverable delivery again: exponential backoff with jitter, except that Slack's
 * Retry-After is followed exactly, and at most {@code maxAttempts} attempts in all.
 *
 * <p>The n-th retry waits {@code min(maxDelay, initialDelay * 2^(n-1))} scaled by a random factor
 * in {@code (1 - jitter, 1]}, so that several senders that failed together do not come back
 * together. A 429 says when Slack will take the next request; waiting less only earns another
 * 429, so its Retry-After is used as it is, even beyond {@code maxDelay}.
 *
 * <p>The random generator is injected so that tests can seed it; {@link #delayAfter} is
 * synchronized because the receivers' delivery workers share one {@link RetryingSender}.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double jitter;
    private final RandomGenerator random;

    /**
     * @param maxAttempts attempts in all, the first one included (1 means never retry)
     * @param initialDelay the wait before the first retry, before jitter
     * @param maxDelay the longest wait backoff grows to, before jitter
     * @param jitter the fraction of each wait that is random, from 0 (none) to 1 (full jitter)
     * @param random where the jitter comes from
     */
    public RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double jitter,
                       RandomGenerator random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be within [0, 1], not " + jitter);
        }
        this.maxAttempts = maxAttempts;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.jitter = jitter;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** 5 attempts, 1 s doubling up to 60 s, half of each wait random. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5, new SplittableRandom());
    }

    /** Attempts in all, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Returns how long to wait after a failed attempt before the next one.
     *
     * @param failedAttempt the number of the attempt that failed, from 1
     * @param failure its outcome; its {@link Delivery#retryAfter()} wins when present
     */
    public synchronized Duration delayAfter(int failedAttempt, Delivery failure) {
        if (failure.retryAfter() != null) {
            return failure.retryAfter();
        }
        double base = initialDelay.toMillis() * Math.pow(2, Math.max(0, failedAttempt - 1));
        double capped = Math.min(maxDelay.toMillis(), base);
        double factor = 1.0 - jitter * random.nextDouble();
        return Duration.ofMillis(Math.round(capped * factor));
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialDelay=" + initialDelay + ", maxDelay=" + maxDelay
                + ", jitter=" + jitter + "}";
    }
}
