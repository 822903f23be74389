package dev.trackwatch.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one {@link SlackNotifier} call, classified for the retry stage.
 *
 * <ul>
 *   <li>{@link Status#OK}: Slack accepted it; {@code ts} is the message's timestamp (its id).</li>
 *   <li>{@link Status#RECOVERABLE}: worth retrying: HTTP 429 ({@code retryAfter} holds Slack's
 *       Retry-After), a 5xx, a timeout or another I/O error, or an error code Slack documents as
 *       transient ({@link SlackErrors}).</li>
 *   <li>{@link Status#PERMANENT}: retrying cannot help (e.g. {@code channel_not_found},
 *       {@code not_in_channel}, {@code invalid_auth}); someone has to fix configuration.</li>
 * </ul>
 *
 * @param status the classification
 * @param method the Slack method that decided the outcome, e.g. {@code chat.postMessage}
 * @param ts the timestamp of the message posted or edited, when OK; null otherwise
 * @param fileId the uploaded file's id, for a chart upload that is OK; null otherwise
 * @param error Slack's error code ({@code channel_not_found}), or {@code http_<status>},
 *              {@code timeout}, {@code io_error}, {@code chart_render_failed}; null when OK
 * @param retryAfter how long Slack asked us to wait (HTTP 429 Retry-After), or null
 * @param chart the outcome of uploading the chart into the message's thread, or null when no
 *              chart was attempted; a failed chart never turns a posted message into a failure,
 *              because retrying the post would post the message twice
 */
public record Delivery(Status status, String method, String ts, String fileId, String error, Duration retryAfter,
                       Delivery chart) {

    /** How the retry stage should treat an outcome. */
    public enum Status {
        OK, RECOVERABLE, PERMANENT
    }

    public Delivery {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(method, "method");
    }

    static Delivery ok(String method, String ts) {
        return new Delivery(Status.OK, method, ts, null, null, null, null);
    }

    static Delivery uploaded(String method, String fileId) {
        return new Delivery(Status.OK, method, null, fileId, null, null, null);
    }

    static Delivery recoverable(String method, String error, Duration retryAfter) {
        return new Delivery(Status.RECOVERABLE, method, null, null, error, retryAfter, null);
    }

    static Delivery permanent(String method, String error) {
        return new Delivery(Status.PERMANENT, method, null, null, error, null, null);
    }

    /** Returns whether Slack accepted the call. */
    public boolean isOk() {
        return status == Status.OK;
    }

    /** Returns this outcome with the outcome of its chart upload attached. */
    public Delivery withChart(Delivery chartOutcome) {
        return new Delivery(status, method, ts, fileId, error, retryAfter, chartOutcome);
    }

    /** Returns this outcome with another message timestamp (e.g. the original one for a resolve). */
    Delivery withTs(String newTs) {
        return new Delivery(status, method, newTs, fileId, error, retryAfter, chart);
    }
}
