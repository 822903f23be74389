package dev.trackwatch.notify;

import com.slack.api.methods.SlackApiException;
import dev.trackwatch.notify.Delivery.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * The explicit classification of Slack's failures into {@link Status#RECOVERABLE} and
 * {@link Status#PERMANENT}.
 *
 * <p>HTTP: 429 is recoverable after its Retry-After; 408 and every 5xx are recoverable; other
 * 4xx answers are judged by the error code in their body, else permanent. A timeout or any other
 * I/O error is recoverable. An {@code "ok": false} answer is judged by its error code with the
 * table below; a code that is not in the table is permanent (retrying a request Slack does not
 * understand only repeats the failure), and is logged so the table can grow.
 */
public final class SlackErrors {

    private static final Logger LOG = LoggerFactory.getLogger(SlackErrors.class);

    /** Every error code Trackwatch knows, with how to treat it. */
    static final Map<String, Status> CODES = Map.ofEntries(
            // Slack's own trouble or load: try again later.
            Map.entry("ratelimited", Status.RECOVERABLE),
            Map.entry("rate_limited", Status.RECOVERABLE),
            Map.entry("internal_error", Status.RECOVERABLE),
            Map.entry("fatal_error", Status.RECOVERABLE),
            Map.entry("service_unavailable", Status.RECOVERABLE),
            Map.entry("request_timeout", Status.RECOVERABLE),
            Map.entry("team_added_to_org", Status.RECOVERABLE),
            // The channel: someone must create it, unarchive it or invite the bot.
            Map.entry("channel_not_found", Status.PERMANENT),
            Map.entry("not_in_channel", Status.PERMANENT),
            Map.entry("is_archived", Status.PERMANENT),
            Map.entry("restricted_action", Status.PERMANENT),
            Map.entry("restricted_action_read_only_channel", Status.PERMANENT),
            Map.entry("restricted_action_thread_only_channel", Status.PERMANENT),
            // The token or the app's scopes: someone must fix the installation.
            Map.entry("not_authed", Status.PERMANENT),
            Map.entry("invalid_auth", Status.PERMANENT),
            Map.entry("account_inactive", Status.PERMANENT),
            Map.entry("token_revoked", Status.PERMANENT),
            Map.entry("token_expired", Status.PERMANENT),
            Map.entry("no_permission", Status.PERMANENT),
            Map.entry("missing_scope", Status.PERMANENT),
            Map.entry("not_allowed_token_type", Status.PERMANENT),
            Map.entry("ekm_access_denied", Status.PERMANENT),
            Map.entry("team_access_not_granted", Status.PERMANENT),
            // The request itself: a bug on our side, the same request will fail again.
            Map.entry("invalid_blocks", Status.PERMANENT),
            Map.entry("invalid_arguments", Status.PERMANENT),
            Map.entry("invalid_form_data", Status.PERMANENT),
            Map.entry("msg_too_long", Status.PERMANENT),
            Map.entry("no_text", Status.PERMANENT),
            Map.entry("too_many_attachments", Status.PERMANENT),
            Map.entry("invalid_metadata_format", Status.PERMANENT),
            Map.entry("invalid_metadata_schema", Status.PERMANENT),
            // Edits of a message that is gone or too old.
            Map.entry("message_not_found", Status.PERMANENT),
            Map.entry("cant_update_message", Status.PERMANENT),
            Map.entry("edit_window_closed", Status.PERMANENT),
            // Uploads.
            Map.entry("file_not_found", Status.PERMANENT),
            Map.entry("file_upload_size_restricted", Status.PERMANENT),
            Map.entry("invalid_channel", Status.PERMANENT));

    private SlackErrors() {
    }

    /** Returns how to treat an {@code "ok": false} error code; unknown codes are permanent. */
    public static Status classify(String code) {
        return code == null ? Status.PERMANENT : CODES.getOrDefault(code, Status.PERMANENT);
    }

    /** The outcome of an {@code "ok": false} answer. */
    static Delivery fromErrorCode(String method, String code) {
        String error = code == null ? "unknown_error" : code;
        if (!CODES.containsKey(error)) {
            LOG.warn("Slack {} answered an error code Trackwatch does not classify: {} (treated as permanent)",
                    method, error);
        }
        return classify(code) == Status.RECOVERABLE
                ? Delivery.recoverable(method, error, null)
                : Delivery.permanent(method, error);
    }

    /** The outcome of an HTTP error answer, from its status, Retry-After header and body's error code. */
    static Delivery fromHttp(String method, int httpStatus, String retryAfterHeader, String bodyErrorCode) {
        String error = bodyErrorCode != null ? bodyErrorCode : "http_" + httpStatus;
        if (httpStatus == 429) {
            return Delivery.recoverable(method, error, retryAfter(retryAfterHeader));
        }
        if (httpStatus == 408 || httpStatus >= 500) {
            return Delivery.recoverable(method, "http_" + httpStatus, null);
        }
        return bodyErrorCode != null ? fromErrorCode(method, bodyErrorCode) : Delivery.permanent(method, error);
    }

    /** The outcome of a {@link SlackApiException} (any non-2xx answer). */
    static Delivery fromException(String method, SlackApiException e) {
        String code = e.getError() == null ? null : e.getError().getError();
        return fromHttp(method, e.getResponse().code(), e.getResponse().header("Retry-After"), code);
    }

    /** The outcome of an I/O failure: no answer, or none in time. */
    static Delivery fromIo(String method, IOException e) {
        // OkHttp reports a call or read timeout as an InterruptedIOException (SocketTimeoutException
        // is one too).
        return Delivery.recoverable(method, e instanceof InterruptedIOException ? "timeout" : "io_error", null);
    }

    /** Retry-After in seconds (what Slack sends); null when absent or not a number. */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
