package dev.trackwatch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.notify.NotificationService;
import dev.trackwatch.state.ClickHouseTime;
import dev.trackwatch.state.SegmentKey;
import dev.trackwatch.state.StateDatabase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An incident's story for its page and {@code /api/v1/incidents/{id}}: the {@code incident_events}
 * rows (opened, updated, acknowledged, closed, resolved) merged with the notification log (each
 * message: which type, to which channel through which receiver, when it was sent or why not) and,
 * while the incident is active, why it is not told right now (a silence, an inhibition, a mute
 * interval), oldest first; the verdict that explains it (observed, expected, band, the baseline's
 * explanation) and where it was routed.
 */
@Singleton
@Requires(beans = NotificationService.class)
public class IncidentTimeline {

    /** One event: when, what ({@code opened}, {@code notified}, {@code acknowledged}, {@code suppressed}, ...), who, detail. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Event(String at, String type, String actor, String detail) {
    }

    /** The judgement behind an incident: its latest verdict at the incident's last bucket. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Explanation(@Nullable String bucket, @Nullable Double observed, @Nullable Double expected,
                              @Nullable Double lower, @Nullable Double upper, @Nullable Double score,
                              @Nullable String outcome, String reason, String baseline) {
    }

    /** Where an incident's messages went: a receiver and its channel. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Route(String receiver, String channel) {
    }

    private final NotificationService notifications;
    private final DSLContext dsl;
    private final String db;

    public IncidentTimeline(NotificationService notifications, DSLContext dsl, StateDatabase database) {
        this.notifications = notifications;
        this.dsl = dsl;
        this.db = database.name();
    }

    /**
     * Everything the incident page and {@code /api/v1/incidents/{id}} show beside the incident: the
     * stored timeline rows as they are kept ({@code stored}), the merged events, the explanation and
     * the routes. The notification log and the stored timeline are each read once for all of them.
     */
    public record Detail(List<HealthViews.TimelineEvent> stored, List<Event> events, Explanation explanation,
                         List<Route> routes) {
    }

    /** Returns the incident's {@link Detail} at {@code now}. */
    public Detail detail(Incident i, Instant now) {
        List<HealthViews.TimelineEvent> stored = StateReads.orEmpty(() -> notifications.incidents().timeline(i.id()),
                List.<String[]>of()).stream()
                .map(e -> new HealthViews.TimelineEvent(e[0].replace(' ', 'T') + "Z", e[1], e[2], e[3])).toList();
        List<Record> told = notificationRows(i.id());
        return new Detail(stored, events(i, stored, told, now), explanation(i), routes(told));
    }

    /** The incident's events and notifications, oldest first, and its suppression now if any. */
    private List<Event> events(Incident i, List<HealthViews.TimelineEvent> stored, List<Record> told, Instant now) {
        List<Event> events = new ArrayList<>();
        for (HealthViews.TimelineEvent e : stored) {
            events.add(new Event(Instant.parse(e.at()).toString(), e.type(), e.actor(), e.detail()));
        }
        for (Record r : told) {
            String status = r.get(3, String.class);
            long at = status.equals("sent") ? r.get(5, Long.class) : r.get(4, Long.class);
            String channel = r.get(2, String.class);
            events.add(new Event(Instant.ofEpochMilli(at).toString(), "notified", r.get(1, String.class),
                    r.get(0, String.class) + " to " + (channel.isBlank() ? "(no channel)" : channel) + " via "
                            + r.get(1, String.class) + ": " + status));
        }
        if (i.isActive()) {
            String why = notifications.suppressed(now).get(i.id());
            if (why != null) {
                events.add(new Event(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), "suppressed",
                        "", why));
            }
        }
        events.sort(Comparator.comparing((Event e) -> Instant.parse(e.at())));
        return events;
    }

    /** The receivers and channels the incident's messages went to. */
    private static List<Route> routes(List<Record> told) {
        Set<Route> routes = new LinkedHashSet<>();
        for (Record r : told) {
            routes.add(new Route(r.get(1, String.class), r.get(2, String.class)));
        }
        return List.copyOf(routes);
    }

    /**
     * Returns the verdict that explains the incident: the latest FAILED or WARN one of its series at
     * its last bucket (a later re-judgement while the baseline re-learns has no band to show), else
     * the latest; without one, what the incident itself keeps.
     */
    public Explanation explanation(Incident i) {
        if (i.lastBucket() != null) {
            List<Record> rows = fetch("SELECT toUnixTimestamp64Milli(bucket_start), observed, expected, lower, upper, score, "
                    + "outcome, reason, explanation FROM ${db}.check_results WHERE dataset = ? AND check_name = ? AND metric = ? "
                    + "AND segment_key = ? AND bucket_start = ? ORDER BY outcome IN ('FAILED', 'WARN') DESC, evaluated_at DESC LIMIT 1", i.dataset(), i.check(),
                    i.metric(), SegmentKey.of(i.segment()), ClickHouseTime.format(i.lastBucket()));
            if (!rows.isEmpty()) {
                Record r = rows.getFirst();
                return new Explanation(Instant.ofEpochMilli(r.get(0, Long.class)).toString(), r.get(1, Double.class),
                        r.get(2, Double.class), r.get(3, Double.class), r.get(4, Double.class), r.get(5, Double.class),
                        r.get(6, String.class), r.get(7, String.class), r.get(8, String.class));
            }
        }
        return new Explanation(i.lastBucket() == null ? null : i.lastBucket().toString(), i.observed(), i.expected(),
                i.lower(), i.upper(), null, null, i.reason(), "");
    }

    // The notification log's fingerprint is the comma-separated ids of the incidents a message told.
    private List<Record> notificationRows(String id) {
        return fetch("SELECT type, receiver, channel, status, toUnixTimestamp64Milli(created_at), "
                + "toUnixTimestamp64Milli(updated_at) FROM ${db}.notifications FINAL "
                + "WHERE has(splitByChar(',', fingerprint), ?) ORDER BY created_at, seq", id);
    }

    private List<Record> fetch(String statement, Object... bindings) {
        return StateReads.fetch(dsl, db, statement, bindings);
    }
}
