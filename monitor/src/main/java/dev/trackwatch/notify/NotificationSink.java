package dev.trackwatch.notify;

/**
 * Where notifications go: Slack with a bot token, else the outbox. A sink reports the outcome
 * ({@link Delivery}) and never retries by itself; the dispatcher's delivery stage owns retries.
 */
public interface NotificationSink {

    /** Delivers one notification; the returned {@code ts} of a FIRING message threads its follow-ups. */
    Delivery deliver(Notification notification) throws InterruptedException;

    /**
     * Returns whether {@code notification} was already delivered before a crash cut the log short
     * (the log says pending), so that recovery neither loses nor repeats it.
     */
    boolean alreadyDelivered(Notification notification);
}
