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
     * @param state delivered, not delivered, unknown (the sink could not be asked now, e.g. Slack
     *              is down: ask again later) or unanswerable (asking again cannot help, e.g. the bot
     *              may not read the channel's history: decide without the answer)
     * @param ts the delivered message's ts, when delivered
     * @param error why the sink could not say, when unknown or unanswerable (e.g. {@code missing_scope})
     */
    record Lookup(State state, String ts, String error) {

        /** The answers. */
        public enum State {
            DELIVERED, NOT_DELIVERED, UNKNOWN, UNANSWERABLE
        }

        public static Lookup delivered(String ts) {
            return new Lookup(State.DELIVERED, ts, null);
        }

        public static Lookup notDelivered() {
            return new Lookup(State.NOT_DELIVERED, null, null);
        }

        /** The sink could not be asked now (an outage): the question stays open. */
        public static Lookup unknown(String error) {
            return new Lookup(State.UNKNOWN, null, error);
        }

        /** The sink cannot answer and asking again would not change that. */
        public static Lookup unanswerable(String error) {
            return new Lookup(State.UNANSWERABLE, null, error);
        }
    }
}
