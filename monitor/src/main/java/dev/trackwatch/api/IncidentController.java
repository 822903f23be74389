package dev.trackwatch.api;

import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentChange;
import dev.trackwatch.incidents.IncidentState;
import dev.trackwatch.notify.NotificationService;
import dev.trackwatch.state.StateDatabase;
import dev.trackwatch.state.SegmentKey;
import dev.trackwatch.state.StateStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Incidents over HTTP: {@code GET /api/incidents} (active, or all with {@code ?all=true}),
 * {@code GET /api/incidents/{id}} with its timeline, {@code POST /api/incidents/{id}/acknowledge}
 * and {@code POST /api/incidents/{id}/close} with reason {@code expected} or {@code false_positive}
 * (whose buckets the baselines then never learn). Closing is done once: closing an incident already
 * closed by hand ({@code expected} or {@code false_positive}) is 409 and writes nothing, so no
 * second training exclusion. {@link ApiTokenFilter} guards the writes; {@code by} is at most
 * {@value #MAX_BY} characters.
 */
@Controller("/api")
@Requires(beans = NotificationService.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class IncidentController {

    /** The longest {@code by} accepted: a name or an e-mail address, not a document. */
    public static final int MAX_BY = 200;

    /** A hand-made change: who, and for close, why. */
    @Serdeable
    public record ChangeRequest(String by, String reason) {
    }

    /** An incident and its timeline. */
    @Serdeable
    public record IncidentView(Incident incident, List<List<String>> timeline) {
    }

    private final NotificationService notifications;
    private final DSLContext dsl;
    private final StateDatabase database;

    public IncidentController(NotificationService notifications, DSLContext dsl, StateDatabase database) {
        this.notifications = notifications;
        this.dsl = dsl;
        this.database = database;
    }

    @Get("/incidents")
    List<Incident> list(@QueryValue(defaultValue = "false") boolean all) {
        return notifications.incidents().list(!all, 500);
    }

    @Get("/incidents/{id}")
    HttpResponse<IncidentView> get(@PathVariable String id) {
        return notifications.incidents().get(id)
                .map(i -> HttpResponse.ok(new IncidentView(i, notifications.incidents().timeline(id).stream()
                        .map(List::of).toList())))
                .orElse(HttpResponse.notFound());
    }

    @Post("/incidents/{id}/acknowledge")
    HttpResponse<Object> acknowledge(@PathVariable String id, @Body ChangeRequest request) {
        return change(id, request, IncidentState.ACKNOWLEDGED);
    }

    @Post("/incidents/{id}/close")
    HttpResponse<Object> close(@PathVariable String id, @Body ChangeRequest request) {
        if (request == null || request.reason() == null
                || !List.of("expected", "false_positive").contains(request.reason())) {
            return HttpResponse.badRequest(new ApiError("reason: expected 'expected' or 'false_positive'", "reason"));
        }
        return change(id, request, request.reason().equals("expected") ? IncidentState.EXPECTED
                : IncidentState.FALSE_POSITIVE);
    }

    // Synchronized: two concurrent closes of one incident must not both pass the "already closed" check.
    synchronized HttpResponse<Object> change(String id, ChangeRequest request, IncidentState state) {
        if (request == null || request.by() == null || request.by().isBlank()) {
            return HttpResponse.badRequest(new ApiError("by: who makes the change is required", "by"));
        }
        if (request.by().length() > MAX_BY) {
            return HttpResponse.badRequest(new ApiError("by: at most " + MAX_BY + " characters (got "
                    + request.by().length() + ")", "by"));
        }
        Optional<Incident> found = notifications.incidents().get(id);
        if (found.isEmpty()) {
            return HttpResponse.notFound(new ApiError("no incident " + id, null));
        }
        Incident i = found.get();
        boolean closedByHand = i.state() == IncidentState.EXPECTED || i.state() == IncidentState.FALSE_POSITIVE;
        if ((!i.isActive() && state == IncidentState.ACKNOWLEDGED) || (closedByHand && state != IncidentState.ACKNOWLEDGED)) {
            return HttpResponse.status(HttpStatus.CONFLICT)
                    .body(new ApiError("incident " + id + " is already " + i.state().label(), null));
        }
        Instant now = Instant.now();
        Incident changed = i.withState(state, now, request.by().strip());
        TrackwatchSpec spec = notifications.currentConfig();
        notifications.onManualChange(spec, new IncidentChange(state == IncidentState.ACKNOWLEDGED
                ? IncidentChange.Type.ACKNOWLEDGED : IncidentChange.Type.CLOSED, changed), now);
        if (state == IncidentState.EXPECTED || state == IncidentState.FALSE_POSITIVE) {
            // Keep the incident's buckets out of its series' baseline from now on.
            Instant from = i.firstBucket() != null ? i.firstBucket() : i.openedAt();
            java.time.Duration bucket = spec.dataset(i.dataset()).map(d -> d.bucket()).orElse(java.time.Duration.ofHours(1));
            Instant to = (i.lastBucket() != null ? i.lastBucket() : now).plus(bucket);
            new StateStore(dsl, database.name()).addExclusion(i.dataset(), new StateStore.Exclusion(i.check(), i.metric(),
                    SegmentKey.of(i.segment()), from, to, state.label() + " by " + request.by().strip()), now);
        }
        return HttpResponse.ok(changed);
    }
}
