package dev.trackwatch.api;

import dev.trackwatch.route.InvalidSilenceException;
import dev.trackwatch.route.SilenceRequest;
import dev.trackwatch.route.SilenceStore;
import dev.trackwatch.route.SilenceView;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The silences API. {@link ApiTokenFilter} guards it: with {@code trackwatch.api.token} set, every
 * request needs {@code Authorization: Bearer <token>} (else 401); without a token, silences can be
 * listed but not created or expired (403, saying how to configure one).
 * <ul>
 *   <li>{@code POST /api/silences} with a {@link SilenceRequest}: 201 with the silence, 400 naming the field at fault;</li>
 *   <li>{@code GET /api/silences[?expired=true]}: active and pending silences (and expired ones);</li>
 *   <li>{@code DELETE /api/silences/{id}}: expires it now, 200 with the silence; 404 when there is
 *       no such silence or it has already ended.</li>
 * </ul>
 */
@Controller("/api/silences")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SilenceController {

    private static final Logger LOG = LoggerFactory.getLogger(SilenceController.class);

    private final SilenceStore store;
    private final Clock clock;

    public SilenceController(SilenceStore store) {
        this(store, Clock.systemUTC());
    }

    SilenceController(SilenceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Post
    HttpResponse<?> create(@Body SilenceRequest request) {
        Instant now = clock.instant();
        try {
            return HttpResponse.created(SilenceView.of(store.create(request, now), now));
        } catch (InvalidSilenceException e) {
            return HttpResponse.badRequest(new ApiError(e.getMessage(), e.field()));
        } catch (DataAccessException e) {
            return unavailable(e);
        }
    }

    @Get
    HttpResponse<?> list(@QueryValue(defaultValue = "false") boolean expired) {
        Instant now = clock.instant();
        try {
            List<SilenceView> silences = store.list(expired, now).stream().map(s -> SilenceView.of(s, now)).toList();
            return HttpResponse.ok(silences);
        } catch (DataAccessException e) {
            return unavailable(e);
        }
    }

    @Delete("/{id}")
    HttpResponse<?> expire(@PathVariable String id) {
        Instant now = clock.instant();
        try {
            if (!store.expire(id, now)) {
                String why = store.get(id).isPresent() ? "silence " + id + " has already ended" : "no silence " + id;
                return HttpResponse.notFound(new ApiError(why, null));
            }
            return HttpResponse.ok(SilenceView.of(store.get(id).orElseThrow(), now));
        } catch (DataAccessException e) {
            return unavailable(e);
        }
    }

    private static HttpResponse<ApiError> unavailable(DataAccessException e) {
        LOG.warn("silences API: ClickHouse failed: {}", e.getMessage());
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(new ApiError("silences are unavailable: the state database in ClickHouse cannot be reached", null));
    }
}
