package dev.trackwatch.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * A sink that counts what did not get through, as
 * {@code trackwatch_notifications_failed_total{receiver, reason, permanent}}: a permanent failure
 * (a revoked token, a channel that is gone) means a team is not being told, and is logged at
 * ERROR as well, so that the platform team's alerting on the metric or the log sees it even when
 * Slack itself is what broke.
 */
final class CountedSink implements NotificationSink {

    private static final Logger LOG = LoggerFactory.getLogger(CountedSink.class);

    private final NotificationSink sink;
    private final MeterRegistry registry;

    CountedSink(NotificationSink sink, MeterRegistry registry) {
        this.sink = sink;
        this.registry = registry;
    }

    @Override
    public Delivery deliver(Notification n) throws InterruptedException {
        Delivery d = sink.deliver(n);
        if (!d.isOk()) {
            boolean permanent = d.status() == Delivery.Status.PERMANENT;
            String reason = d.error() == null ? "unknown" : d.error();
            Counter.builder("trackwatch.notifications.failed")
                    .description("Notifications not delivered, by receiver and reason; permanent ones are not retried")
                    .tag("receiver", n.receiver()).tag("reason", reason).tag("permanent", String.valueOf(permanent))
                    .register(registry).increment();
            if (permanent) {
                LOG.error("notification {} to {} ({}) failed for good: {} {}", n.id(), n.receiver(), n.channel(),
                        d.method(), reason);
            }
        }
        return d;
    }

    @Override
    public Lookup lookup(Notification n, Instant loggedAt) {
        return sink.lookup(n, loggedAt);
    }

    @Override
    public Delivery recovered(Notification n, String ts) throws InterruptedException {
        return sink.recovered(n, ts);
    }
}
