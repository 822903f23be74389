package dev.trackwatch.api;

import dev.trackwatch.config.Severity;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentState;
import dev.trackwatch.incidents.SeverityLabel;
import dev.trackwatch.notify.NotificationService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Incidents in the read API: {@code GET /api/v1/incidents} filtered by {@code state}, {@code team},
 * {@code dataset}, {@code kind} and {@code severity}, paged by {@code limit} (1 to {@value #MAX_LIMIT},
 * default {@value #DEFAULT_LIMIT}) and {@code offset} (0 to {@value #MAX_OFFSET}), and
 * {@code GET /api/v1/incidents/{id}} with its timeline. A bad parameter is 400 with an {@link ApiError}
 * naming it and what was expected.
 */
@Controller("/api/v1")
@Requires(beans = NotificationService.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class IncidentQueryController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final int MAX_OFFSET = 10_000;

    /** A page of incidents: {@code total} matched, newest first with the active ones ahead. */
    @Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record IncidentPage(int total, int limit, int offset, List<Incident> items) {
    }

    /**
     * An incident, its timeline ({@code incident_events}, oldest first), its events merged with the
     * notification log and its suppression now ({@link IncidentTimeline}), the verdict explaining it,
     * where it was routed and its runbook (a file under runbooks/ or a URL), as the incident page shows.
     */
    @Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record IncidentDetail(Incident incident, List<HealthViews.TimelineEvent> timeline,
                                 List<IncidentTimeline.Event> events, IncidentTimeline.Explanation explanation,
                                 List<IncidentTimeline.Route> routes, String runbook) {
    }

    private final NotificationService notifications;
    private final IncidentTimeline timelines;

    public IncidentQueryController(NotificationService notifications, IncidentTimeline timelines) {
        this.notifications = notifications;
        this.timelines = timelines;
    }

    @Get("/incidents")
    HttpResponse<Object> list(@QueryValue @Nullable String state, @QueryValue @Nullable String team,
                              @QueryValue @Nullable String dataset, @QueryValue @Nullable String kind,
                              @QueryValue @Nullable String severity, @QueryValue @Nullable String limit,
                              @QueryValue @Nullable String offset) {
        List<String> states = Arrays.stream(IncidentState.values()).map(IncidentState::label).toList();
        List<String> severities = Arrays.stream(Severity.values()).map(SeverityLabel::of).toList();
        if (state != null && !states.contains(state.toLowerCase(Locale.ROOT))) {
            return bad("state", "one of " + String.join(", ", states), state);
        }
        if (severity != null && !severities.contains(severity.toLowerCase(Locale.ROOT))) {
            return bad("severity", "one of " + String.join(", ", severities), severity);
        }
        Integer pageSize = bounded(limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        if (pageSize == null) {
            return bad("limit", "an integer from 1 to " + MAX_LIMIT, limit);
        }
        Integer skip = bounded(offset, 0, 0, MAX_OFFSET);
        if (skip == null) {
            return bad("offset", "an integer from 0 to " + MAX_OFFSET, offset);
        }
        Predicate<Incident> match = i -> (state == null || i.state().label().equals(state.toLowerCase(Locale.ROOT)))
                && (team == null || team.equals(i.owner())) && (dataset == null || dataset.equals(i.dataset()))
                && (kind == null || kind.equals(i.kind()))
                && (severity == null || SeverityLabel.of(i.severity()).equals(severity.toLowerCase(Locale.ROOT)));
        List<Incident> matched = StateReads.orEmpty(() -> notifications.incidents().list(false,
                HealthReadModel.MAX_INCIDENTS), List.<Incident>of()).stream().filter(match).toList();
        List<Incident> page = matched.stream().skip(skip).limit(pageSize).toList();
        return HttpResponse.ok(new IncidentPage(matched.size(), pageSize, skip, page));
    }

    @Get("/incidents/{id}")
    HttpResponse<Object> get(@PathVariable String id) {
        return StateReads.orEmpty(() -> notifications.incidents().get(id), java.util.Optional.<Incident>empty())
                .<HttpResponse<Object>>map(i -> {
                    IncidentTimeline.Detail d = timelines.detail(i, java.time.Instant.now());
                    return HttpResponse.ok(new IncidentDetail(i, d.stored(), d.events(), d.explanation(), d.routes(),
                            dev.trackwatch.notify.MessageRenderer.runbook(notifications.currentConfig(), i)));
                })
                .orElseGet(() -> HttpResponse.notFound(new ApiError("no incident " + id, null)));
    }

    /** Returns {@code value} as an int within bounds, the default when absent, or null when invalid. */
    static Integer bounded(@Nullable String value, int absent, int min, int max) {
        if (value == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.strip());
            return n < min || n > max ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static HttpResponse<Object> bad(String parameter, String expected, String got) {
        return PageAccess.bad(parameter, expected, got);
    }
}
