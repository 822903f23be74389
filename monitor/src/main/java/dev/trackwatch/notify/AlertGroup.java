package dev.trackwatch.notify;

import dev.trackwatch.incidents.Incident;
import dev.trackwatch.route.RouteDecision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One alert group of the {@link Dispatcher}: its alerts, and what it last told (sequence number,
 * the thread of its first message, the set of firing incidents then, and when). A group resumed
 * after a restart takes those from the notification log.
 */
final class AlertGroup {

    private final String key;
    private final RouteDecision route;
    private final Map<String, Alert> alerts = new LinkedHashMap<>();
    private final Instant firstSeen;
    private int seq;
    private boolean told;
    private String threadTs;
    private String lastFingerprint = "";
    private Instant lastTold;
    private boolean resolved;
    /** The alerts already over when the notification in flight was decided: the ones it tells of. */
    private java.util.Set<String> overWhenDecided = java.util.Set.of();
    /** When this group's first message was first tried, while it is not yet delivered (an outage). */
    private Instant firingOwedSince;

    private AlertGroup(String key, RouteDecision route, Instant firstSeen) {
        this.key = key;
        this.route = route;
        this.firstSeen = firstSeen;
    }

    /**
     * A group for {@code key} that continues where the log says it was: its sequence number, and
     * if its thread is open, the thread and what it last told. A notification still pending in the
     * log (a crash came before it was confirmed) is re-decided under the same sequence number, so
     * it gets the same id and the dispatcher can tell whether it was in fact delivered.
     */
    static AlertGroup resume(String key, RouteDecision route, NotificationLog log, Instant now) {
        AlertGroup g = new AlertGroup(key, route, now);
        Optional<NotificationLog.Entry> last = log.last(key);
        if (last.isEmpty()) {
            return g;
        }
        NotificationLog.Entry e = last.get();
        boolean delivered = !e.status().equals("pending");
        g.seq = delivered ? e.seq() : e.seq() - 1;
        boolean afterTheFact = e.type() == Notification.Type.RESOLVED && e.threadTs().isEmpty();
        if (!delivered && (e.type() == Notification.Type.FIRING || afterTheFact)) {
            g.firingOwedSince = e.createdAt(); // a first message that an outage (or a crash) kept back
            if (afterTheFact) {
                return g; // its story is told in one top-level message: there is no thread to continue
            }
        }
        if (e.type() == Notification.Type.RESOLVED && delivered) {
            return g; // that thread is closed; a new one starts
        }
        Optional<NotificationLog.Entry> start = log.threadStart(key);
        if (start.isPresent() && !start.get().status().equals("pending") && start.get().seq() <= g.seq) {
            NotificationLog.Entry reference = delivered ? e : start.get();
            g.told = true;
            g.threadTs = start.get().ts();
            g.lastFingerprint = reference.fingerprint();
            g.lastTold = reference.updatedAt();
        }
        return g;
    }

    Instant firstSeen() {
        return firstSeen;
    }

    String key() {
        return key;
    }

    RouteDecision route() {
        return route;
    }

    List<Alert> alerts() {
        return new ArrayList<>(alerts.values());
    }

    void put(Alert alert) {
        alerts.put(alert.incident().id(), alert);
    }

    /** Returns whether the group has nothing left to say: resolved, or everything ended before it spoke. */
    boolean finished() {
        boolean anyActive = alerts.values().stream().anyMatch(a -> a.incident().isActive());
        return resolved || !told && !anyActive && firingOwedSince == null;
    }

    /** Returns the notification due now, if any. */
    Optional<Notification> due(List<Alert> firing, Instant now, MessageRenderer renderer) {
        boolean anyActive = alerts.values().stream().anyMatch(a -> a.incident().isActive());
        String fingerprint = fingerprint(firing);
        if (!told) {
            if (firing.isEmpty() && !anyActive && firingOwedSince != null && !resolvedAlerts().isEmpty()) {
                return Optional.of(toldAfterTheFact(now, renderer)); // it fired and ended while it could not be told
            }
            if (firing.isEmpty() || now.isBefore(firstSeen.plus(route.groupWait()))) {
                return Optional.empty();
            }
            Notification first = make(Notification.Type.FIRING, firing, fingerprint, now, renderer);
            if (firingOwedSince == null) {
                firingOwedSince = now; // only once it is decided: a render that threw tried nothing
            }
            return Optional.of(first);
        }
        if (!anyActive) {
            return now.isBefore(lastTold.plus(route.groupInterval())) ? Optional.empty()
                    : Optional.of(make(Notification.Type.RESOLVED, resolvedAlerts(), fingerprint, now, renderer));
        }
        if (firing.isEmpty()) {
            return Optional.empty(); // every active alert is silenced, inhibited or muted: say nothing
        }
        if (!fingerprint.equals(lastFingerprint)) {
            return now.isBefore(lastTold.plus(route.groupInterval())) ? Optional.empty()
                    : Optional.of(make(Notification.Type.UPDATE, firing, fingerprint, now, renderer));
        }
        return now.isBefore(lastTold.plus(route.repeatInterval())) ? Optional.empty()
                : Optional.of(make(Notification.Type.REPEAT, firing, fingerprint, now, renderer));
    }

    /**
     * Records that {@code n} was delivered; {@code ts} is the delivered message's (the thread, for a
     * FIRING one). {@code asDecided} is false when a crash recovery recorded another message than
     * the one decided (a FIRING found posted, where a RESOLVED was decided): the alerts that one was
     * about are then still to be told.
     */
    void told(Notification n, String ts, Instant now, boolean asDecided) {
        seq = n.seq();
        firingOwedSince = null;
        if (n.type() == Notification.Type.FIRING) {
            told = true;
            threadTs = ts;
        }
        lastFingerprint = n.fingerprint();
        lastTold = now;
        resolved = n.type() == Notification.Type.RESOLVED;
        // The ones that were over when it was decided have been told; one that ended while it was
        // being delivered has not, and stays for the next message.
        if (asDecided) {
            alerts.values().removeIf(a -> !a.incident().isActive() && overWhenDecided.contains(a.incident().id()));
        }
    }

    String threadTs() {
        return threadTs;
    }

    private List<Alert> resolvedAlerts() {
        return alerts.values().stream().filter(a -> !a.incident().isActive()).toList();
    }

    private Notification make(Notification.Type type, List<Alert> about, String fingerprint, Instant now,
                              MessageRenderer renderer) {
        int next = seq + 1;
        overWhenDecided = resolvedAlerts().stream().map(a -> a.incident().id())
                .collect(Collectors.toUnmodifiableSet());
        List<Incident> incidents = about.stream().map(Alert::incident).toList();
        AlertMessage message = renderer.render(key, route, incidents, type, firstSeen);
        return new Notification(Notification.idOf(key, next), key, next, type, route.receiver().name(),
                route.receiver().slackChannel(), fingerprint, type == Notification.Type.FIRING ? null : threadTs,
                message, now);
    }

    /**
     * The one message for a group whose first message never got through and whose incidents are
     * all over: a top-level RESOLVED message (no thread to reply in) saying when it fired, e.g.
     * "Fired 02:31–02:44 UTC while Slack was unreachable: ...". It takes the kept-back message's
     * sequence number, so the log's pending entry is looked up in the sink and then closed by it.
     */
    private Notification toldAfterTheFact(Instant now, MessageRenderer renderer) {
        List<Alert> over = resolvedAlerts();
        Instant from = over.stream().map(a -> a.incident().openedAt()).min(Instant::compareTo).orElse(firingOwedSince);
        Instant to = over.stream().map(a -> a.incident().updatedAt()).max(Instant::compareTo).orElse(now);
        Notification n = make(Notification.Type.RESOLVED, over, fingerprint(over), now, renderer);
        java.time.format.DateTimeFormatter hm = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                .withZone(java.time.ZoneOffset.UTC);
        AlertMessage message = n.message().toBuilder().title("Fired " + hm.format(from) + "\u2013" + hm.format(to)
                + " UTC while Slack was unreachable: " + n.message().title()).build();
        return new Notification(n.id(), n.groupKey(), n.seq(), n.type(), n.receiver(), n.channel(), n.fingerprint(),
                null, message, n.createdAt());
    }

    private static String fingerprint(List<Alert> firing) {
        return firing.stream().map(a -> a.incident().id()).sorted().collect(Collectors.joining(","));
    }
}
