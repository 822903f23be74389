package dev.trackwatch.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * Spaces messages to one Slack channel: Slack accepts about one message per second per channel
 * and answers bursts with 429. Each send reserves the channel's next free slot and is told how
 * long to wait for it; the limiter never sleeps itself, so callers (and tests, with a fake clock)
 * decide how to wait. A 429's Retry-After pushes the channel's next slot back for every sender.
 */
public final class ChannelRateLimiter {

    private final Duration interval;
    private final InstantSource clock;
    private final Map<String, Instant> nextFree = new HashMap<>();

    /**
     * @param interval the least time between two sends to one channel
     * @param clock the time source, fake in tests
     */
    public ChannelRateLimiter(Duration interval, InstantSource clock) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative");
        }
        this.interval = interval;
        this.clock = clock;
    }

    /** One message per second per channel, Slack's documented pace for chat.postMessage. */
    public static ChannelRateLimiter slackDefault(InstantSource clock) {
        return new ChannelRateLimiter(Duration.ofSeconds(1), clock);
    }

    /**
     * Reserves the channel's next slot.
     *
     * @return how long the caller must wait before sending; zero when it may send now
     */
    public synchronized Duration reserve(String channel) {
        Instant now = clock.instant();
        Instant free = nextFree.getOrDefault(channel, now);
        Instant slot = free.isAfter(now) ? free : now;
        nextFree.put(channel, slot.plus(interval));
        return Duration.between(now, slot);
    }

    /** Keeps every sender off the channel for as long as Slack asked (a 429's Retry-After). */
    public synchronized void backOff(String channel, Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter);
        nextFree.merge(channel, until, (a, b) -> a.isAfter(b) ? a : b);
    }
}
