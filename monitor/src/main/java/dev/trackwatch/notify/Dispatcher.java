package dev.trackwatch.notify;

import dev.trackwatch.incidents.Incident;
import dev.trackwatch.route.Muter;
import dev.trackwatch.route.RouteDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The route, group and mute stages, after Alertmanager's dispatcher: alerts are routed to
 * receivers and grouped by the route's {@code group_by} labels, so one outage across 30 segments is
 * one message. A group's first message waits {@code group_wait}; changes (an alert joining, one
 * resolving) are told at most every {@code group_interval}; an unchanged firing group is repeated
 * after {@code repeat_interval}; when every incident of the group is over, the first message is
 * resolved. Alerts a {@link Muter} mutes (silenced, inhibited, in a mute time interval) are left
 * out. What is due goes, through the {@link DeliveryQueues} (a worker per receiver, so no lock is
 * held while Slack is slow), to the notify and log stages ({@link Deliverer}) under an id derived
 * from its group and sequence number, so a restart continues each group where the log says it was.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Function<Map<String, String>, List<RouteDecision>> router;
    private final Muter muter;
    private final Deliverer deliverer;
    private final MessageRenderer renderer;
    private final DeliveryQueues queues;
    private final Map<String, AlertGroup> groups = new LinkedHashMap<>();
    /** Groups whose notification is with the queues: nothing more is decided for them until it is done. */
    private final Set<String> inFlight = new HashSet<>();
    /** Groups resumed while an earlier pipeline's delivery for them was running: resumed again after it. */
    private final Set<String> stale = new HashSet<>();
    private final List<Notification> delivered = new ArrayList<>();

    /**
     * A dispatcher that delivers on the flushing thread (outside its lock), for tools and tests.
     *
     * @param router the route stage: the routes an alert's labels take
     * @param muter the mute stages, in order
     */
    public Dispatcher(Function<Map<String, String>, List<RouteDecision>> router, Muter muter,
                      NotificationLog log, NotificationSink sink, MessageRenderer renderer) {
        this(router, muter, new Deliverer(log, sink), renderer, DeliveryQueues.inline());
    }

    /** A dispatcher that hands what is due to {@code queues} (the daemon's: a worker per receiver). */
    Dispatcher(Function<Map<String, String>, List<RouteDecision>> router, Muter muter, Deliverer deliverer,
               MessageRenderer renderer, DeliveryQueues queues) {
        this.router = router;
        this.muter = muter;
        this.deliverer = deliverer;
        this.renderer = renderer;
        this.queues = queues;
    }

    /** Takes in the newest state of an incident (opened, updated, resolved or closed). */
    public synchronized void observe(Alert alert, Instant now) {
        for (RouteDecision route : router.apply(alert.labels())) {
            String key = groupKey(route, alert.labels());
            AlertGroup group = groups.computeIfAbsent(key, k -> resume(k, route, now));
            group.put(alert);
        }
    }

    /**
     * Decides what is due in every group (under the lock: no call to Slack) and hands it to the
     * delivery queues, one notification per group at a time, so a group's messages keep their
     * order and each is decided knowing how the one before ended. Returns the notifications whose
     * delivery ended since the last flush: with inline queues, the ones delivered by this call.
     */
    public List<Notification> flush(Instant now) throws InterruptedException {
        List<Notification> due = decide(now);
        int submitted = 0;
        try {
            for (Notification n : due) {
                queues.submit(n, () -> deliver(n, now));
                submitted++;
            }
        } finally {
            // A delivery that threw on this thread (inline) or a submit that failed leaves the rest
            // of what was decided unsent: release them, or their groups would wait forever.
            release(due.subList(submitted, due.size()));
        }
        synchronized (this) {
            List<Notification> done = List.copyOf(delivered);
            delivered.clear();
            return done;
        }
    }

    /** Takes {@code notDelivered} out of flight: the next flush decides them again under the same ids. */
    private synchronized void release(List<Notification> notDelivered) {
        notDelivered.forEach(n -> inFlight.remove(n.groupKey()));
    }

    /**
     * Decides each group in turn. A group whose decision throws (its chart, read from ClickHouse,
     * times out) is logged and left for the next flush; the other groups are decided regardless.
     */
    private synchronized List<Notification> decide(Instant now) {
        List<Map<String, String>> firingLabels = groups.values().stream()
                .flatMap(g -> g.alerts().stream()).filter(a -> a.incident().isActive()).map(Alert::labels).toList();
        List<Notification> due = new ArrayList<>();
        for (AlertGroup group : new ArrayList<>(groups.values())) {
            try {
                decide(group, firingLabels, now).ifPresent(due::add);
            } catch (RuntimeException e) {
                LOG.warn("group {} not decided, trying again on the next flush: {}", group.key(), e.toString());
            }
        }
        return due;
    }

    /** Decides one group; a notification returned is in flight and owed until it is settled. */
    private Optional<Notification> decide(AlertGroup group, List<Map<String, String>> firingLabels, Instant now) {
        String key = group.key();
        if (inFlight.contains(key) || queues.busy(key)) {
            return Optional.empty(); // its previous message is still being delivered
        }
        if (stale.remove(key)) {
            AlertGroup fresh = AlertGroup.resume(key, group.route(), deliverer.log(), group.firstSeen());
            group.alerts().forEach(fresh::put);
            groups.put(key, fresh);
        }
        AlertGroup current = groups.get(key);
        List<Alert> firing = current.alerts().stream().filter(a -> a.incident().isActive())
                .filter(a -> muter.mutes(a.labels(), current.route(), firingLabels, now).isEmpty()).toList();
        Optional<Notification> next = current.due(firing, now, renderer);
        if (next.isEmpty()) {
            if (current.finished()) {
                groups.remove(key);
            }
            return next;
        }
        inFlight.add(key);
        queues.owe(next.get(), now);
        return next;
    }

    /** Delivers {@code n} (on a delivery worker, or inline) and reports the outcome to its group. */
    private void deliver(Notification n, Instant decidedAt) throws InterruptedException {
        Deliverer.Told told = null;
        try {
            told = deliverer.deliver(n, decidedAt);
        } finally {
            settle(n, told, decidedAt);
        }
    }

    private synchronized void settle(Notification n, Deliverer.Told told, Instant decidedAt) {
        inFlight.remove(n.groupKey());
        if (told == null) {
            return; // still owed: the next flush decides it again under the same id
        }
        queues.settled(n);
        delivered.add(told.notification());
        AlertGroup group = groups.get(n.groupKey());
        if (group != null) {
            group.told(told.notification(), told.ts(), decidedAt, told.notification() == n);
            if (group.finished()) {
                groups.remove(group.key());
            }
        }
    }

    private AlertGroup resume(String key, RouteDecision route, Instant now) {
        if (queues.busy(key)) {
            stale.add(key); // the log is about to change under it
        }
        return AlertGroup.resume(key, route, deliverer.log(), now);
    }

    /**
     * Returns, by incident id, why each active incident is not being told right now: the silence,
     * the inhibit rule and the alert that fires it, or the mute time interval.
     */
    public synchronized Map<String, String> suppressed(Instant now) {
        List<Map<String, String>> firingLabels = groups.values().stream()
                .flatMap(g -> g.alerts().stream()).filter(a -> a.incident().isActive()).map(Alert::labels).toList();
        Map<String, String> why = new java.util.TreeMap<>();
        for (AlertGroup group : groups.values()) {
            for (Alert a : group.alerts()) {
                if (a.incident().isActive()) {
                    muter.mutes(a.labels(), group.route(), firingLabels, now)
                            .ifPresent(reason -> why.putIfAbsent(a.incident().id(), reason));
                }
            }
        }
        return why;
    }

    /** Returns how many groups are being tracked. */
    public synchronized int groupCount() {
        return groups.size();
    }

    /** Receiver and the route's group_by label values, e.g. {@code growth|dataset=product_events,kind=volume}. */
    public static String groupKey(RouteDecision route, Map<String, String> labels) {
        Map<String, String> by = new TreeMap<>();
        for (String name : route.groupBy()) {
            by.put(name, labels.getOrDefault(name, ""));
        }
        StringBuilder sb = new StringBuilder(route.receiver().name()).append('|');
        by.forEach((k, v) -> sb.append(k).append('=').append(v).append(','));
        return sb.toString();
    }
}
