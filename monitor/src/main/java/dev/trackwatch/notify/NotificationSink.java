package dev.trackwatch.notify;

import java.time.Instant;

/**
 * Where notifications go: Slack with a bot token, else the outbox. A sink reports the outcome
 * ({@link Delivery}) and never retries by itself; the dispatcher's delivery stage owns retries.
 */
public interface NotificationSink {

    /** Delivers one notification; the returned {@code ts} of a FIRING message threads its follow-ups. */
    Delivery deliver(Notification notification) throws InterruptedException;

    /**
     * Says whether {@code notification}, logged as pending at {@code loggedAt} by a process that then
     * died, reached the sink, so that recovery neither loses nor repeats it.
     */
    Lookup lookup(Notification notification, Instant loggedAt);

    /**
     * Finishes a notification that {@link #lookup} found delivered by a process that died right
     * after: what the delivery does after the message itself (Slack: the FIRING message's chart,
     * uploaded into its thread) had no chance to run. Returns the outcome, or null when there was
     * nothing left to do; the default does nothing.
     */
    default Delivery recovered(Notification notification, String ts) throws InterruptedException {
        return null;
    }

    /**
     * What a sink knows of a notification.
     *
     * @param state delivered, not delivered, or unknown (the sink could not be asked: try later)
     * @param ts the delivered message's ts, when delivered
     */
    record Lookup(State state, String ts) {

        /** The answers. */
        public enum State {
            DELIVERED, NOT_DELIVERED, UNKNOWN
        }

        public static Lookup delivered(String ts) {
            return new Lookup(State.DELIVERED, ts);
        }

        public static Lookup notDelivered() {
            return new Lookup(State.NOT_DELIVERED, null);
        }

        public static Lookup unknown() {
            return new Lookup(State.UNKNOWN, null);
        }
    }
}
