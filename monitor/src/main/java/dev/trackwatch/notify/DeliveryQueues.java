package dev.trackwatch.notify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Where the {@link Dispatcher} hands the notifications it decided: one queue per receiver, each
 * drained in order by its own worker (a virtual thread), so that Slack's retries and Retry-After
 * waits happen there, outside any lock the check runs or the API take, and a slow receiver delays
 * only itself. The {@link #inline()} form runs each delivery on the caller's thread instead, for
 * tools and tests that want a flush to have delivered when it returns.
 *
 * <p>It also keeps what is owed: every notification decided and not yet delivered (queued, being
 * sent, or waiting for the next flush after a Slack outage), by receiver, exported as
 * {@code trackwatch_notifications_pending{receiver}} and
 * {@code trackwatch_notifications_oldest_pending_seconds{receiver}}: the age of the oldest
 * undelivered notification, which grows while a receiver's Slack calls hang or fail.
 */
final class DeliveryQueues implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueues.class);

    /** One delivery; runs on the receiver's worker. */
    @FunctionalInterface
    interface Job {
        void run() throws InterruptedException;
    }

    private record Owed(String receiver, Instant since) {
    }

    private final boolean threaded;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, BlockingQueue<Job>> queues = new ConcurrentHashMap<>();
    private final Map<String, Thread> workers = new ConcurrentHashMap<>();
    /** Groups with a notification submitted and not finished: the next one waits for it. */
    private final Map<String, Boolean> busyGroups = new ConcurrentHashMap<>();
    private final Map<String, Owed> owed = new ConcurrentHashMap<>();
    private final java.util.Set<String> gauged = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DeliveryQueues(boolean threaded, MeterRegistry registry, Clock clock) {
        this.threaded = threaded;
        this.registry = registry;
        this.clock = clock;
    }

    /** Deliveries on the caller's thread; nothing is exported. */
    static DeliveryQueues inline() {
        return new DeliveryQueues(false, null, Clock.systemUTC());
    }

    /** A worker per receiver; the backlog is exported to {@code registry} (may be null). */
    static DeliveryQueues threaded(MeterRegistry registry, Clock clock) {
        return new DeliveryQueues(true, registry, clock);
    }

    /** Returns whether a notification of {@code groupKey} is queued or being delivered. */
    boolean busy(String groupKey) {
        return busyGroups.containsKey(groupKey);
    }

    /** Records that {@code n} was decided at {@code at} and is owed until {@link #settled}. */
    void owe(Notification n, Instant at) {
        owed.putIfAbsent(n.id(), new Owed(n.receiver(), at));
        gauges(n.receiver());
    }

    /** Records that {@code n} was delivered (or failed for good): nothing more is owed for it. */
    void settled(Notification n) {
        owed.remove(n.id());
    }

    /** Returns how many notifications of {@code receiver} are owed. */
    long pending(String receiver) {
        return owed.values().stream().filter(o -> o.receiver().equals(receiver)).count();
    }

    /** Returns the age of the oldest notification owed to {@code receiver} at {@code now}; zero when none. */
    Duration oldest(String receiver, Instant now) {
        return owed.values().stream().filter(o -> o.receiver().equals(receiver)).map(Owed::since)
                .min(Instant::compareTo).map(since -> Duration.between(since, now)).filter(Duration::isPositive)
                .orElse(Duration.ZERO);
    }

    /**
     * Runs {@code job} for {@code n}: at once on this thread when inline (its exceptions are the
     * caller's), else after the receiver's earlier jobs on its worker. The group is busy until it ends.
     */
    void submit(Notification n, Job job) throws InterruptedException {
        busyGroups.put(n.groupKey(), Boolean.TRUE);
        Job tracked = () -> {
            try {
                job.run();
            } finally {
                busyGroups.remove(n.groupKey());
            }
        };
        if (!threaded) {
            tracked.run();
            return;
        }
        if (closed) {
            busyGroups.remove(n.groupKey());
            return;
        }
        try {
            queues.computeIfAbsent(n.receiver(), this::start).add(tracked);
        } catch (RuntimeException | Error e) {
            busyGroups.remove(n.groupKey()); // never queued: the group must not wait for it
            throw e;
        }
    }

    private BlockingQueue<Job> start(String receiver) {
        BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
        Thread worker = Thread.ofVirtual().name("trackwatch-deliver-" + receiver).unstarted(() -> drain(receiver, queue));
        workers.put(receiver, worker);
        worker.start();
        return queue;
    }

    private void drain(String receiver, BlockingQueue<Job> queue) {
        while (!closed) {
            try {
                queue.take().run();
            } catch (InterruptedException e) {
                return; // closing
            } catch (RuntimeException e) {
                // One bad delivery (e.g. the state database unreachable) must not stop the receiver's queue.
                LOG.warn("delivery to {} failed: {}", receiver, e.toString());
            }
        }
    }

    private void gauges(String receiver) {
        if (registry == null || !gauged.add(receiver)) {
            return;
        }
        Gauge.builder("trackwatch.notifications.pending", this, q -> q.pending(receiver))
                .description("Notifications decided and not yet delivered (queued, being sent, or waiting out an outage)")
                .tag("receiver", receiver).strongReference(true).register(registry);
        Gauge.builder("trackwatch.notifications.oldest.pending.seconds", this,
                        q -> q.oldest(receiver, clock.instant()).toMillis() / 1000.0)
                .description("Age of the oldest notification not yet delivered to the receiver; 0 when none")
                .tag("receiver", receiver).strongReference(true).register(registry);
    }

    /** Stops the workers; what they were sending stays pending in the log for the next start. */
    @Override
    public void close() {
        closed = true;
        workers.values().forEach(Thread::interrupt);
    }
}
