package dev.trackwatch.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * The notify and log stages: a notification is logged as pending, handed to the sink (whose Slack
 * form retries and paces through {@link RetryingSender}), then logged as sent or failed. A
 * notification the log already knows is not sent again: one logged as sent was delivered before a
 * restart, one still pending is looked up in the sink, so nothing is lost and nothing repeated.
 */
final class Deliverer {

    private final NotificationLog log;
    private final NotificationSink sink;

    Deliverer(NotificationLog log, NotificationSink sink) {
        this.log = log;
        this.sink = sink;
    }

    /** The log groups resume from. */
    NotificationLog log() {
        return log;
    }

    /** Delivers {@code n} through the log; returns the message's ts, or null when it is still to be sent. */
    String deliver(Notification n, Instant now) throws InterruptedException {
        String payload = NotificationJson.toJson(n);
        Optional<NotificationLog.Entry> logged = log.entry(n.id());
        if (logged.isPresent() && !logged.get().status().equals("pending")) {
            return logged.get().ts(); // delivered before a restart; the group just catches up
        }
        if (logged.isPresent()) {
            NotificationSink.Lookup found = sink.lookup(n, logged.get().createdAt());
            switch (found.state()) {
                case DELIVERED -> {
                    log.sent(n, found.ts(), payload, now); // the crash came after the delivery, before the log said so
                    return found.ts();
                }
                case UNKNOWN -> {
                    return null; // cannot tell now; sending could repeat it, so ask again on the next flush
                }
                case NOT_DELIVERED -> {
                    // the crash came before the delivery: deliver below
                }
            }
        }
        log.pending(n, payload, now);
        Delivery d = sink.deliver(n);
        if (d.isOk()) {
            log.sent(n, d.ts(), payload, now);
            return d.ts() == null ? "" : d.ts();
        }
        if (d.status() == Delivery.Status.PERMANENT) {
            log.failed(n, d.error(), payload, now);
            return ""; // told as far as it can be: retrying would not help
        }
        return null; // still pending: the next flush tries again (a Slack outage queues, then delivers)
    }
}
