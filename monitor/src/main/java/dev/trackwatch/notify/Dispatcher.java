package dev.trackwatch.notify;

import dev.trackwatch.incidents.Incident;
import dev.trackwatch.route.Muter;
import dev.trackwatch.route.RouteDecision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The route, group and mute stages, after Alertmanager's dispatcher: alerts are routed to
 * receivers and grouped by the route's {@code group_by} labels, so one outage across 30 segments is
 * one message. A group's first message waits {@code group_wait}; changes (an alert joining, one
 * resolving) are told at most every {@code group_interval}; an unchanged firing group is repeated
 * after {@code repeat_interval}; when every incident of the group is over, the first message is
 * resolved. Alerts a {@link Muter} mutes (silenced, inhibited, in a mute time interval) are left
 * out. What is due goes to the notify and log stages ({@link Deliverer}) under an id derived from
 * its group and sequence number, so a restart continues each group where the log says it was.
 */
public final class Dispatcher {

    private final Function<Map<String, String>, List<RouteDecision>> router;
    private final Muter muter;
    private final Deliverer deliverer;
    private final MessageRenderer renderer;
    private final Map<String, AlertGroup> groups = new LinkedHashMap<>();

    /**
     * @param router the route stage: the routes an alert's labels take
     * @param muter the mute stages, in order
     */
    public Dispatcher(Function<Map<String, String>, List<RouteDecision>> router, Muter muter,
                      NotificationLog log, NotificationSink sink, MessageRenderer renderer) {
        this.router = router;
        this.muter = muter;
        this.deliverer = new Deliverer(log, sink);
        this.renderer = renderer;
    }

    /** Takes in the newest state of an incident (opened, updated, resolved or closed). */
    public synchronized void observe(Alert alert, Instant now) {
        for (RouteDecision route : router.apply(alert.labels())) {
            String key = groupKey(route, alert.labels());
            AlertGroup group = groups.computeIfAbsent(key, k -> AlertGroup.resume(k, route, deliverer.log(), now));
            group.put(alert);
        }
    }

    /** Sends what is due in every group; returns the notifications delivered. */
    public synchronized List<Notification> flush(Instant now) throws InterruptedException {
        List<Map<String, String>> firingLabels = groups.values().stream()
                .flatMap(g -> g.alerts().stream()).filter(a -> a.incident().isActive()).map(Alert::labels).toList();
        List<Notification> delivered = new ArrayList<>();
        for (AlertGroup group : new ArrayList<>(groups.values())) {
            List<Alert> firing = group.alerts().stream().filter(a -> a.incident().isActive())
                    .filter(a -> muter.mutes(a.labels(), group.route(), firingLabels, now).isEmpty()).toList();
            Optional<Notification> due = group.due(firing, now, renderer);
            if (due.isEmpty()) {
                if (group.finished()) {
                    groups.remove(group.key());
                }
                continue;
            }
            Notification n = due.get();
            String ts = deliverer.deliver(n, now);
            if (ts != null) {
                delivered.add(n);
                group.told(n, ts, now);
                if (group.finished()) {
                    groups.remove(group.key());
                }
            }
        }
        return delivered;
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
