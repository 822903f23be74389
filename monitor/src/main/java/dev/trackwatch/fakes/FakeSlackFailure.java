package dev.trackwatch.fakes;

import java.time.Duration;

/** How {@link FakeSlackApi} answers a scripted call instead of serving it. */
public sealed interface FakeSlackFailure {

    /** HTTP 429 with {@code Retry-After} seconds and {@code {"ok":false,"error":"ratelimited"}}, as Slack rate-limits. */
    public record RateLimited(int retryAfterSeconds) implements FakeSlackFailure {
    }

    /** A bare HTTP error status with an HTML body, e.g. 500 or 503 from Slack's edge. */
    public record HttpError(int status) implements FakeSlackFailure {
    }

    /** HTTP 200 with {@code {"ok": false, "error": code}}. */
    public record SlackError(String code) implements FakeSlackFailure {
    }

    /** HTTP 200 with this JSON body as it is, e.g. {@code {"ok":true}} without the fields a method promises. */
    public record Body(String json) implements FakeSlackFailure {
    }

    /** No answer for this long; the call is then served, too late for a client that timed out. */
    public record Hang(Duration duration) implements FakeSlackFailure {
    }

    /**
     * Served at once (the message exists in Slack from then on), but answered only after this long:
     * the window in which a client that dies never learns that its call succeeded.
     */
    public record ServeThenHang(Duration duration) implements FakeSlackFailure {
    }

    public static FakeSlackFailure rateLimited(int retryAfterSeconds) {
        return new RateLimited(retryAfterSeconds);
    }

    public static FakeSlackFailure http(int status) {
        return new HttpError(status);
    }

    public static FakeSlackFailure error(String code) {
        return new SlackError(code);
    }

    public static FakeSlackFailure body(String json) {
        return new Body(json);
    }

    public static FakeSlackFailure hang(Duration duration) {
        return new Hang(duration);
    }

    public static FakeSlackFailure serveThenHang(Duration duration) {
        return new ServeThenHang(duration);
    }
}
