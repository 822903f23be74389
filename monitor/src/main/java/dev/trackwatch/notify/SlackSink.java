package dev.trackwatch.notify;

/**
 * Delivery to Slack: the first message of a group is posted and its chart uploaded into its
 * thread; updates and repeats are thread replies; the resolution edits the first message and
 * replies in the thread. Retries (429 Retry-After, 5xx) and the per-channel pace are
 * {@link RetryingSender}'s.
 */
public final class SlackSink implements NotificationSink {

    private final SlackNotifier notifier;
    private final RetryingSender sender;

    public SlackSink(SlackNotifier notifier, RetryingSender sender) {
        this.notifier = notifier;
        this.sender = sender;
    }

    @Override
    public Delivery deliver(Notification n) throws InterruptedException {
        String channel = n.channel();
        return switch (n.type()) {
            case FIRING -> {
                // post() uploads the chart into the new thread itself; only a chart that failed for a
                // recoverable reason is tried again, alone, so the message is never posted twice.
                Delivery posted = sender.send(channel, () -> notifier.post(channel, n.message()));
                if (posted.isOk() && posted.chart() != null && posted.chart().status() == Delivery.Status.RECOVERABLE) {
                    sender.send(channel, () -> notifier.attachChart(channel, posted.ts(), n.message()));
                }
                yield posted;
            }
            case UPDATE, REPEAT -> sender.send(channel, () -> notifier.followUp(channel, n.threadTs(), n.message()));
            // A group whose first message an outage kept back has no thread: it is told once, on its own.
            case RESOLVED -> n.threadTs() == null || n.threadTs().isEmpty()
                    ? sender.send(channel, () -> notifier.post(channel, n.message()))
                    : sender.send(channel, () -> notifier.resolve(channel, n.threadTs(), n.message()));
        };
    }

    /** A FIRING post found after a crash gets the chart the dead process had no time to upload. */
    @Override
    public Delivery recovered(Notification n, String ts) throws InterruptedException {
        if (n.type() != Notification.Type.FIRING || n.message().chart() == null || ts == null || ts.isEmpty()) {
            return null;
        }
        return sender.send(n.channel(), () -> notifier.attachChart(n.channel(), ts, n.message()));
    }

    /**
     * Slack has no idempotency key for chat.postMessage, so a message whose delivery a crash cut
     * short is looked for in the channel (or its thread) since it was logged, by the metadata every
     * Trackwatch message carries (group key and status).
     */
    @Override
    public Lookup lookup(Notification n, java.time.Instant loggedAt) {
        Lookup found = notifier.findPosted(n.channel(), n.threadTs(), n.groupKey(), n.message().status(),
                loggedAt.minusSeconds(1));
        if (found.state() == Lookup.State.DELIVERED && n.type() != Notification.Type.FIRING && n.threadTs() != null) {
            return Lookup.delivered(n.threadTs()); // a reply: the group goes on with its thread
        }
        return found;
    }
}
