package dev.trackwatch.notify;

import java.time.Duration;

/** How {@link FakeSlackApi} answers a scripted call instead of serving it. */
sealed interface FakeSlackFailure {

    /** HTTP 429 with {@code Retry-After} seconds and {@code {"ok":false,"error":"ratelimited"}}, as Slack rate-limits. */
    record RateLimited(int retryAfterSeconds) implements FakeSlackFailure {
    }

    /** A bare HTTP error status with an HTML body, e.g. 500 or 503 from Slack's edge. */
    record HttpError(int status) implements FakeSlackFailure {
    }

    /** HTTP 200 with {@code {"ok": false, "error": code}}. */
    record SlackError(String code) implements FakeSlackFailure {
    }

    /** HTTP 200 with this JSON body as it is, e.g. {@code {"ok":true}} without the fields a method promises. */
    record Body(String json) implements FakeSlackFailure {
    }

    /** No answer for this long; the call is then served, too late for a client that timed out. */
    record Hang(Duration duration) implements FakeSlackFailure {
    }

    /**
     * Served at once (the message exists in Slack from then on), but answered only after this long:
     * the window in which a client that dies never learns that its call succeeded.
     */
    record ServeThenHang(Duration duration) implements FakeSlackFailure {
    }

    static FakeSlackFailure rateLimited(int retryAfterSeconds) {
        return new RateLimited(retryAfterSeconds);
    }

    static FakeSlackFailure http(int status) {
        return new HttpError(status);
    }

    static FakeSlackFailure error(String code) {
        return new SlackError(code);
    }

    static FakeSlackFailure body(String json) {
        return new Body(json);
    }

    static FakeSlackFailure hang(Duration duration) {
        return new Hang(duration);
    }

    static FakeSlackFailure serveThenHang(Duration duration) {
        return new ServeThenHang(duration);
    }
}
