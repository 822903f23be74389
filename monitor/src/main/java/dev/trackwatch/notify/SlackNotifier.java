package dev.trackwatch.notify;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackFilesUploadV2Exception;
import com.slack.api.methods.response.files.FilesCompleteUploadExternalResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.AWTError;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers alert messages to Slack through the SDK's {@link MethodsClient}: a channel message per
 * alert group, thread replies for updates, an edit and a reply when the group resolves, and the
 * chart as a PNG uploaded into the message's thread.
 *
 * <p>Every call returns a {@link Delivery} and never throws for Slack's or the network's failures.
 * The notifier does not retry and does not sleep: a single retry stage owns that (see
 * {@link RetryingSender}), so a failure is reported once, classified, with Slack's Retry-After.
 *
 * <p>The chart is uploaded with the files API ({@code files.getUploadURLExternal}, a POST of the
 * bytes to the returned URL, {@code files.completeUploadExternal} with {@code channel_id} and
 * {@code thread_ts}: the SDK's {@code filesUploadV2}), which shares it as a reply in the thread of
 * the message it belongs to. It is not an image block of the message itself: an image block's
 * {@code slack_file} must name a file already shared where the message goes, and a file uploaded
 * without a channel is private to the bot, which Slack rejects as {@code invalid_blocks}.
 *
 * <p>The bot token lives only inside the {@link MethodsClient}; nothing here logs it.
 */
public final class SlackNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(SlackNotifier.class);

    /** Slack's message metadata type, so a message can be matched to its incident later. */
    static final String METADATA_EVENT_TYPE = "trackwatch_alert";

    private final MethodsClient client;
    private final ChartRenderer renderer;

    /**
     * @param client the SDK client, holding the bot token and pointed at the Slack API (or a fake)
     * @param renderer draws the charts that are uploaded into threads
     */
    public SlackNotifier(MethodsClient client, ChartRenderer renderer) {
        this.client = client;
        this.renderer = renderer;
    }

    /**
     * Posts the channel message for a group ({@code chat.postMessage}) and, when the message has a
     * chart, uploads it into the new message's thread.
     *
     * @return OK with the message's {@code ts} (keep it: follow-ups and the resolve need it), with
     *         the chart's outcome in {@link Delivery#chart()}; or the post's failure
     */
    public Delivery post(String channel, AlertMessage message) {
        Delivery posted = postMessage(channel, null, SlackBlocks.parent(message), message);
        if (!posted.isOk() || message.chart() == null) {
            return posted;
        }
        return posted.withChart(attachChart(channel, posted.ts(), message));
    }

    /**
     * Posts an update into the thread of the group's channel message, with the chart when the
     * message has one.
     *
     * @param threadTs the {@code ts} of the channel message
     */
    public Delivery followUp(String channel, String threadTs, AlertMessage message) {
        Delivery replied = postMessage(channel, threadTs, SlackBlocks.followUp(message), message);
        if (!replied.isOk() || message.chart() == null) {
            return replied;
        }
        return replied.withChart(attachChart(channel, threadTs, message));
    }

    /**
     * Marks a group resolved: edits the channel message ({@code chat.update}) to its RESOLVED form,
     * then replies in its thread. The edit comes first because it is idempotent: when the reply
     * fails, the retry stage calls this again, which re-applies the same edit harmlessly and posts
     * the reply once.
     *
     * @param ts the {@code ts} of the channel message
     * @return OK with the channel message's {@code ts}; or the first failure
     */
    public Delivery resolve(String channel, String ts, AlertMessage message) {
        AlertMessage resolved = message.withStatus(AlertMessage.Status.RESOLVED);
        List<LayoutBlock> blocks = SlackBlocks.parent(resolved);
        String text = SlackBlocks.fallbackText(resolved);
        Delivery edited = call("chat.update", channel, () -> {
            var response = client.chatUpdate(r -> r.channel(channel).ts(ts).text(text).blocks(blocks));
            return new Answer(response.isOk(), response.getError(), response.getTs());
        });
        if (!edited.isOk()) {
            return edited;
        }
        Delivery replied = postMessage(channel, ts, SlackBlocks.resolvedReply(resolved), resolved);
        return replied.isOk() ? replied.withTs(ts) : replied;
    }

    /**
     * Renders the message's chart and uploads it into a thread ({@code filesUploadV2}). Call it on
     * its own to retry a chart whose upload failed after the message was posted.
     *
     * @return OK with the file id, or the failure of the step that failed
     * @throws IllegalArgumentException when the message has no chart
     */
    public Delivery attachChart(String channel, String threadTs, AlertMessage message) {
        if (message.chart() == null) {
            throw new IllegalArgumentException("the message for " + message.groupKey() + " has no chart");
        }
        byte[] png;
        try {
            png = renderer.render(message.chart());
        } catch (RuntimeException | AWTError | InternalError | LinkageError e) {
            // A chart that cannot be drawn will not be drawn on a retry either (no fonts, no AWT).
            LOG.warn("Cannot render the chart of {} for Slack: {}", message.groupKey(), e.toString());
            return Delivery.permanent("chart", "chart_render_failed");
        }
        String filename = "trackwatch-" + message.groupKey().replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
        String method = "files.uploadV2";
        Delivery outcome;
        try {
            FilesUploadV2Response response = client.filesUploadV2(r -> r
                    .channel(channel)
                    .threadTs(threadTs)
                    .fileData(png)
                    .filename(filename)
                    .title(message.chart().metric())
                    .altTxt(SlackBlocks.chartAltText(message))
                    .initialComment(SlackBlocks.chartComment(message)));
            outcome = response.isOk()
                    ? Delivery.uploaded(method, response.getFile() == null ? null : response.getFile().getId())
                    : SlackErrors.fromErrorCode(method, response.getError());
        } catch (SlackFilesUploadV2Exception e) {
            outcome = uploadStepFailure(e);
        } catch (SlackApiException e) {
            outcome = SlackErrors.fromException(method, e);
        } catch (IOException e) {
            outcome = SlackErrors.fromIo(method, e);
        } catch (RuntimeException e) {
            // An answer the SDK cannot read (ok:true without files[] made it throw a
            // NullPointerException). The message this chart belongs to is already posted: the
            // failure must stay the chart's, or the retry stage would post the message again.
            LOG.warn("files.uploadV2 into {}: unreadable answer: {}", channel, e.toString());
            outcome = Delivery.permanent(method, "unexpected_response");
        }
        log(outcome, channel);
        return outcome;
    }

    private Delivery postMessage(String channel, String threadTs, List<LayoutBlock> blocks, AlertMessage message) {
        String text = SlackBlocks.fallbackText(message);
        Message.Metadata metadata = new Message.Metadata(METADATA_EVENT_TYPE,
                Map.of("group_key", message.groupKey(), "status", message.status().name()));
        return call("chat.postMessage", channel, () -> {
            var response = client.chatPostMessage(r -> r.channel(channel).threadTs(threadTs).text(text)
                    .blocks(blocks).metadata(metadata).unfurlLinks(false).unfurlMedia(false));
            return new Answer(response.isOk(), response.getError(), response.getTs());
        });
    }

    /**
     * Looks for a message this notifier posted for {@code groupKey} with {@code status} at or after
     * {@code since}: top-level when {@code threadTs} is null, else a reply in that thread. Slack has no
     * idempotency key, so this is how a restart tells whether a post that a crash cut short arrived.
     *
     * <p>When Slack cannot be asked, the answer says whether asking again can help: an outage (a
     * timeout, no connection, HTTP 429 or 5xx, an error code Slack documents as transient) is
     * {@link NotificationSink.Lookup.State#UNKNOWN}, to ask later; an error that asking again only
     * repeats ({@code missing_scope}, {@code channel_not_found}, {@code not_in_channel},
     * {@code invalid_auth}) is {@link NotificationSink.Lookup.State#UNANSWERABLE}.
     *
     * @return the message's ts when found (delivered), not delivered, or why Slack could not say
     */
    public NotificationSink.Lookup findPosted(String channel, String threadTs, String groupKey,
                                              AlertMessage.Status status, java.time.Instant since) {
        String oldest = since.getEpochSecond() + "." + String.format("%06d", since.getNano() / 1000);
        String method = threadTs == null ? "conversations.history" : "conversations.replies";
        Delivery failure;
        try {
            Answer answer;
            List<Message> messages;
            if (threadTs == null) {
                var history = client.conversationsHistory(r -> r.channel(channel).oldest(oldest)
                        .includeAllMetadata(true).limit(200));
                answer = new Answer(history.isOk(), history.getError(), null);
                messages = history.getMessages();
            } else {
                var replies = client.conversationsReplies(r -> r.channel(channel).ts(threadTs).oldest(oldest)
                        .includeAllMetadata(true).limit(200));
                answer = new Answer(replies.isOk(), replies.getError(), null);
                messages = replies.getMessages();
            }
            if (answer.ok() && messages != null) {
                return messages.stream()
                        .filter(m -> threadTs == null || !threadTs.equals(m.getTs())) // not the thread's parent
                        .filter(m -> m.getMetadata() != null
                                && METADATA_EVENT_TYPE.equals(m.getMetadata().getEventType()))
                        .filter(m -> groupKey.equals(String.valueOf(m.getMetadata().getEventPayload().get("group_key")))
                                && status.name().equals(String.valueOf(m.getMetadata().getEventPayload().get("status"))))
                        .map(Message::getTs).findFirst().map(NotificationSink.Lookup::delivered)
                        .orElseGet(NotificationSink.Lookup::notDelivered);
            }
            failure = SlackErrors.fromErrorCode(method, answer.ok() ? "unexpected_response" : answer.error());
        } catch (SlackApiException e) {
            failure = SlackErrors.fromException(method, e);
        } catch (IOException e) {
            failure = SlackErrors.fromIo(method, e);
        }
        log(failure, channel);
        return failure.status() == Delivery.Status.RECOVERABLE ? NotificationSink.Lookup.unknown(failure.error())
                : NotificationSink.Lookup.unanswerable(failure.error());
    }

    /**
     * Returns the scopes the bot token was granted, from {@code auth.test}'s {@code x-oauth-scopes}
     * response header; empty when Slack could not be asked or sent no such header.
     */
    public Optional<java.util.Set<String>> grantedScopes() {
        try {
            var response = client.authTest(r -> r);
            if (!response.isOk() || response.getHttpResponseHeaders() == null) {
                LOG.warn("Slack auth.test failed: {}", response.getError());
                return Optional.empty();
            }
            return response.getHttpResponseHeaders().entrySet().stream()
                    .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase("x-oauth-scopes"))
                    .flatMap(e -> e.getValue().stream()).findFirst()
                    .map(v -> java.util.Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                            .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
        } catch (IOException | SlackApiException e) {
            LOG.warn("Slack auth.test could not be called: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** What a method call answered, whatever its response type. */
    private record Answer(boolean ok, String error, String ts) {
    }

    @FunctionalInterface
    private interface SlackCall {
        Answer run() throws IOException, SlackApiException;
    }

    private Delivery call(String method, String channel, SlackCall call) {
        Delivery outcome;
        try {
            Answer answer = call.run();
            outcome = answer.ok() ? Delivery.ok(method, answer.ts()) : SlackErrors.fromErrorCode(method, answer.error());
        } catch (SlackApiException e) {
            outcome = SlackErrors.fromException(method, e);
        } catch (IOException e) {
            outcome = SlackErrors.fromIo(method, e);
        } catch (RuntimeException e) {
            // An answer the SDK cannot read (ok:true without files[] made it throw a
            // NullPointerException). The message this chart belongs to is already posted: the
            // failure must stay the chart's, or the retry stage would post the message again.
            LOG.warn("files.uploadV2 into {}: unreadable answer: {}", channel, e.toString());
            outcome = Delivery.permanent(method, "unexpected_response");
        }
        log(outcome, channel);
        return outcome;
    }

    /** filesUploadV2 reports its three steps' failures in one exception; find the step that failed. */
    private static Delivery uploadStepFailure(SlackFilesUploadV2Exception e) {
        for (FilesGetUploadURLExternalResponse r : e.getGetURLResponses()) {
            if (!r.isOk()) {
                return SlackErrors.fromErrorCode("files.getUploadURLExternal", r.getError());
            }
        }
        for (FilesUploadV2Response.UploadResponse r : e.getUploadResponses().values()) {
            if (r.getCode() != 200) {
                // The upload URL answers plain HTTP, no JSON error codes.
                return SlackErrors.fromHttp("files.upload", r.getCode(), null, null);
            }
        }
        FilesCompleteUploadExternalResponse complete = e.getCompleteResponse();
        if (complete != null && !complete.isOk()) {
            return SlackErrors.fromErrorCode("files.completeUploadExternal", complete.getError());
        }
        return Delivery.permanent("files.uploadV2", "unknown_error");
    }

    private static void log(Delivery outcome, String channel) {
        if (outcome.isOk()) {
            LOG.debug("Slack {} to {}: ok (ts {}, file {})", outcome.method(), channel, outcome.ts(), outcome.fileId());
            return;
        }
        LOG.warn("Slack {} to {} failed: {} ({}{})", outcome.method(), channel, outcome.error(), outcome.status(),
                outcome.retryAfter() == null ? "" : ", retry after " + outcome.retryAfter().toSeconds() + "s");
    }

    @Override
    public String toString() {
        // The client holds the token; say nothing about it.
        return "SlackNotifier";
    }
}
