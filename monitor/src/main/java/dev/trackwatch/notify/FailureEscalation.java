package dev.trackwatch.notify;

import dev.trackwatch.config.Severity;
import dev.trackwatch.route.Receiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Tells someone when a receiver cannot be told: a notification that failed for good
 * ({@code invalid_auth}, {@code channel_not_found}, ...) means a team hears nothing until
 * configuration is fixed, so the config owner's receiver ({@code trackwatch.notify.config-owner},
 * routed like the config incident) gets a "Trackwatch cannot deliver to ..." message. When the
 * owner's receiver is the failing one, or its delivery fails too (a revoked token fails for every
 * channel), the message goes to the outbox, which needs nothing but a disk. At most one message
 * per receiver and error every {@link #QUIET}, so a broken channel is not a flood; the failed
 * notification itself stays in the log as {@code failed:<error>}.
 */
final class FailureEscalation {

    private static final Logger LOG = LoggerFactory.getLogger(FailureEscalation.class);

    /** How long a receiver's failure is not told again. */
    static final Duration QUIET = Duration.ofHours(1);

    /** Tells nobody (tools and tests without an owner). */
    static final FailureEscalation NONE = new FailureEscalation(r -> Optional.empty(), null, null);

    private final Function<String, Optional<Receiver>> ownerReceiver;
    private final NotificationSink sink;
    private final NotificationSink outbox;
    private final Map<String, Instant> told = new ConcurrentHashMap<>();

    /**
     * @param ownerReceiver the config owner's receiver, given the failing receiver's name
     * @param sink where notifications go (Slack)
     * @param outbox the last resort; null for none
     */
    FailureEscalation(Function<String, Optional<Receiver>> ownerReceiver, NotificationSink sink, NotificationSink outbox) {
        this.ownerReceiver = ownerReceiver;
        this.sink = sink;
        this.outbox = outbox;
    }

    /** {@code n} failed for good with {@code d}: tell the config owner, else the outbox. */
    void failedForGood(Notification n, Delivery d, Instant now) throws InterruptedException {
        if (sink == null && outbox == null) {
            return;
        }
        String error = d.error() == null ? "unknown" : d.error();
        String key = n.receiver() + "|" + error;
        Instant last = told.get(key);
        if (last != null && now.isBefore(last.plus(QUIET))) {
            return;
        }
        told.put(key, now);
        Optional<Receiver> owner = ownerReceiver.apply(n.receiver());
        if (owner.isPresent() && !owner.get().name().equals(n.receiver()) && sink != null) {
            Delivery toOwner = sink.deliver(fault(n, error, owner.get(), now));
            if (toOwner.isOk()) {
                LOG.warn("told receiver {} that receiver {} cannot be delivered to ({})", owner.get().name(),
                        n.receiver(), error);
                return;
            }
        }
        if (outbox == null) {
            LOG.error("nobody could be told that receiver {} cannot be delivered to ({})", n.receiver(), error);
            return;
        }
        Receiver target = owner.orElse(new Receiver(n.receiver(), n.channel(), ""));
        Delivery written = outbox.deliver(fault(n, error, target, now));
        LOG.error("receiver {} cannot be delivered to ({}); told the outbox{}", n.receiver(), error,
                written.isOk() ? "" : ", which failed too: " + written.error());
    }

    /** The message about the failure, to {@code to}. */
    static Notification fault(Notification failed, String error, Receiver to, Instant now) {
        String groupKey = "trackwatch-delivery|receiver=" + failed.receiver() + ",error=" + error + ",";
        String mention = to.mention() != null && !to.mention().isBlank() ? to.mention() : "@" + to.name();
        AlertMessage message = AlertMessage.builder()
                .title("Trackwatch cannot deliver to receiver " + failed.receiver() + " (" + failed.channel() + "): "
                        + error + "; its alerts are not being told until this is fixed")
                .dataset("trackwatch").segment(Map.of("receiver", failed.receiver())).since(now)
                .severity(Severity.CRITICAL).ownerMention(mention).runbookUrl(null)
                .status(AlertMessage.Status.FIRING).groupKey(groupKey).alertCount(1).build();
        return new Notification("fault-" + failed.id(), groupKey, 1, Notification.Type.FIRING, to.name(),
                to.slackChannel(), failed.id(), null, message, now);
    }
}
