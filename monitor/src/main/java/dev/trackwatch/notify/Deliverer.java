package dev.trackwatch.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notify and log stages: a notification is logged as pending, handed to the sink (whose Slack
 * form retries and paces through {@link RetryingSender}), then logged as sent or failed. A
 * notification the log already knows is not sent again: one logged as sent was delivered before a
 * restart, one still pending is looked up in the sink, so nothing is lost and nothing repeated.
 *
 * <p>A look-up Slack cannot answer for now (an outage: a timeout, no connection, HTTP 429 or 5xx)
 * keeps the notification pending, to be asked about again on the next flush, for as long as the
 * outage lasts: sending it blind could post it twice. A look-up that cannot be answered at all
 * ({@code missing_scope}, {@code channel_not_found}, {@code not_in_channel}, {@code invalid_auth})
 * is decided at once: the notification is delivered with a note that it may repeat one sent just
 * before a restart, as a possible duplicate is better than an alert never told. That is logged at
 * WARN and counted as {@code trackwatch_notifications_lookup_abandoned_total{receiver}}, once per
 * notification, and the look-up is not asked again for it.
 * A permanent failure goes to the {@link FailureEscalation}, which tells the config owner.
 */
final class Deliverer {

    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

    /** The note a notification delivered without a look-up answer carries. */
    static final String MAY_REPEAT = " (may repeat a message sent just before a restart: Slack's history could not be read)";

    private final NotificationLog log;
    private final NotificationSink sink;
    private final MeterRegistry registry;
    private final FailureEscalation escalation;
    /** Pending notifications whose look-up was found unanswerable: decided once, not asked again. */
    private final Set<String> undecidable = ConcurrentHashMap.newKeySet();

    Deliverer(NotificationLog log, NotificationSink sink) {
        this(log, sink, new SimpleMeterRegistry(), FailureEscalation.NONE);
    }

    Deliverer(NotificationLog log, NotificationSink sink, MeterRegistry registry, FailureEscalation escalation) {
        this.log = log;
        this.sink = sink;
        this.registry = registry;
        this.escalation = escalation;
    }

    /** The log groups resume from. */
    NotificationLog log() {
        return log;
    }

    /**
     * What a delivery told: the notification the log now records as delivered (the one decided,
     * or, after a crash, the one the log had pending and the sink turns out to have), with the
     * message's ts.
     */
    record Told(Notification notification, String ts) {
    }

    /** Delivers {@code n} through the log; returns what was told, or null when it is still to be sent. */
    Told deliver(Notification n, Instant now) throws InterruptedException {
        Optional<NotificationLog.Entry> logged = log.entry(n.id());
        if (logged.isPresent() && !logged.get().status().equals("pending")) {
            return new Told(n, logged.get().ts()); // delivered before a restart; the group just catches up
        }
        Notification toSend = n;
        if (logged.isPresent() && undecidable.contains(n.id())) {
            toSend = withNote(n); // decided before: the look-up cannot be answered, and is not asked again
        } else if (logged.isPresent()) {
            // Look up what the log says was being sent, not what is decided now: a FIRING posted just
            // before a crash is re-decided as a RESOLVED when its incident ended meanwhile.
            Notification pending = asLogged(n, logged.get());
            NotificationSink.Lookup found = sink.lookup(pending, logged.get().createdAt());
            switch (found.state()) {
                case DELIVERED -> {
                    // the crash came after the delivery, before the log said so: record it as it was sent
                    log.sent(pending, found.ts(), logged.get().payload(), now);
                    undecidable.remove(n.id());
                    sink.recovered(pending, found.ts());
                    return new Told(pending, found.ts() == null ? "" : found.ts());
                }
                case UNKNOWN -> {
                    return null; // Slack is down or slow: sending could repeat it, so ask again on the next flush
                }
                case UNANSWERABLE -> {
                    if (undecidable.add(n.id())) {
                        abandoned(n, found.error());
                    }
                    toSend = withNote(n);
                }
                case NOT_DELIVERED -> {
                    // the crash came before the delivery: deliver below
                }
            }
        }
        String payload = NotificationJson.toJson(toSend);
        log.pending(toSend, payload, now);
        Delivery d = sink.deliver(toSend);
        if (d.isOk()) {
            undecidable.remove(n.id());
            log.sent(toSend, d.ts(), payload, now);
            return new Told(n, d.ts() == null ? "" : d.ts());
        }
        if (d.status() == Delivery.Status.PERMANENT) {
            undecidable.remove(n.id());
            log.failed(toSend, d.error(), payload, now);
            escalation.failedForGood(toSend, d, now);
            return new Told(n, ""); // told as far as it can be: retrying would not help
        }
        return null; // still pending: the next flush tries again (a Slack outage queues, then delivers)
    }

    private void abandoned(Notification n, String error) {
        LOG.warn("notification {} to {} ({}) is pending from before and the sink cannot say whether it was "
                + "delivered ({}); delivering it, possibly a second time (grant the history scopes, see docs/slack.md)",
                n.id(), n.receiver(), n.channel(), error);
        Counter.builder("trackwatch.notifications.lookup.abandoned")
                .description("Pending notifications delivered without knowing whether a crashed process had sent them")
                .tag("receiver", n.receiver()).register(registry).increment();
    }

    /**
     * The notification the log's pending entry stands for: {@code n} when it is of the same type,
     * else the entry's own (type, fingerprint, thread) with {@code n}'s message in that type's
     * status, so the sink is asked for the message the dead process was sending.
     */
    static Notification asLogged(Notification n, NotificationLog.Entry e) {
        if (e.type() == n.type()) {
            return n;
        }
        AlertMessage.Status status = e.type() == Notification.Type.RESOLVED ? AlertMessage.Status.RESOLVED
                : AlertMessage.Status.FIRING;
        return new Notification(n.id(), n.groupKey(), e.seq(), e.type(), n.receiver(), e.channel(), e.fingerprint(),
                e.threadTs().isEmpty() ? null : e.threadTs(), n.message().withStatus(status), e.createdAt());
    }

    private static Notification withNote(Notification n) {
        AlertMessage noted = n.message().toBuilder().title(n.message().title() + MAY_REPEAT).build();
        return new Notification(n.id(), n.groupKey(), n.seq(), n.type(), n.receiver(), n.channel(), n.fingerprint(),
                n.threadTs(), noted, n.createdAt());
    }
}
