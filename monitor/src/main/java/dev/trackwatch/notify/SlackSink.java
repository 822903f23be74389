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
                Delivery posted = sender.send(channel, () -> notifier.post(channel, n.message()));
                if (posted.isOk() && n.message().chart() != null) {
                    sender.send(channel, () -> notifier.attachChart(channel, posted.ts(), n.message()));
                }
                yield posted;
            }
            case UPDATE, REPEAT -> sender.send(channel, () -> notifier.followUp(channel, n.threadTs(), n.message()));
            case RESOLVED -> sender.send(channel, () -> notifier.resolve(channel, n.threadTs(), n.message()));
        };
    }

    /**
     * Slack has no idempotency key for chat.postMessage, so a message whose delivery was cut short
     * by a crash cannot be told apart from one never sent without reading the channel's history;
     * this sink assumes not sent (at-least-once for that one window) and says so in docs/slack.md.
     */
    @Override
    public boolean alreadyDelivered(Notification n) {
        return false;
    }
}
