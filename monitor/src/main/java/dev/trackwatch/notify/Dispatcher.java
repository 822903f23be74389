package dev.trackwatch.notify;

import dev.trackwatch.incidents.Incident;
import dev.trackwatch.route.RouteDecision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The notification stage, after Alertmanager's dispatcher: incidents are routed to receivers and
 * grouped by the route's {@code group_by} labels, so one outage across 30 segments is one message.
 * A group's first message waits {@code group_wait}; changes (an alert joining, one resolving) are
 * told at most every {@code group_interval}; an unchanged firing group is repeated after
 * {@code repeat_interval}; when every incident of the group is over, the first message is
 * resolved. Silenced, inhibited and muted alerts are left out. Every message goes through the
 * {@link NotificationLog} (pending, then sent) under an id derived from its group and sequence
 * number, so a restart continues each group where the log says it was.
 */
public final class Dispatcher {

    /** Why an alert is not told right now (silence, inhibition, mute interval), or empty. */
    @FunctionalInterface
    public interface Suppression {
        Optional<String> why(Map<String, String> labels, RouteDecision route, Collection<Map<String, String>> firing,
                             Instant now);

        /** Nothing is suppressed. */
        static Suppression none() {
            return (labels, route, firing, now) -> Optional.empty();
        }
    }

    /** An incident with its routing labels. */
    public record Alert(Incident incident, Map<String, String> labels) {
    }

    private final Function<Map<String, String>, List<RouteDecision>> router;
    private final Suppression suppression;
    private final NotificationLog log;
    private final NotificationSink sink;
    private final MessageRenderer renderer;
    private final Map<String, AlertGroup> groups = new LinkedHashMap<>();

    public Dispatcher(Function<Map<String, String>, List<RouteDecision>> router, Suppression suppression,
                      NotificationLog log, NotificationSink sink, MessageRenderer renderer) {
        this.router = router;
        this.suppression = suppression;
        this.log = log;
        this.sink = sink;
        this.renderer = renderer;
    }

    /** Takes in the newest state of an incident (opened, updated, resolved or closed). */
    public synchronized void observe(Alert alert, Instant now) {
        for (RouteDecision route : router.apply(alert.labels())) {
            String key = groupKey(route, alert.labels());
            AlertGroup group = groups.computeIfAbsent(key, k -> AlertGroup.resume(k, route, log, now));
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
                    .filter(a -> suppression.why(a.labels(), group.route(), firingLabels, now).isEmpty()).toList();
            Optional<Notification> due = group.due(firing, now, renderer);
            if (due.isEmpty()) {
                if (group.finished()) {
                    groups.remove(group.key());
                }
                continue;
            }
            Notification n = due.get();
            String ts = deliver(n, now);
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
                    suppression.why(a.labels(), group.route(), firingLabels, now)
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

    /** Delivers {@code n} through the log; returns the message's ts, or null when it is still to be sent. */
    private String deliver(Notification n, Instant now) throws InterruptedException {
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

    /** Receiver and the route's group_by label values, e.g. {@code growth|dataset=product_events,kind=volume}. */
    static String groupKey(RouteDecision route, Map<String, String> labels) {
        Map<String, String> by = new TreeMap<>();
        for (String name : route.groupBy()) {
            by.put(name, labels.getOrDefault(name, ""));
        }
        StringBuilder sb = new StringBuilder(route.receiver().name()).append('|');
        by.forEach((k, v) -> sb.append(k).append('=').append(v).append(','));
        return sb.toString();
    }
}
