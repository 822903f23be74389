package dev.trackwatch.api;

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

import java.time.Instant;
import java.util.List;

/**
 * A dataset's series with their bands and its recent runs in the read API, the data of the dataset
 * page: {@code GET /api/v1/datasets/{name}/series?check=&series=&segment=&from=&to=&limit=&offset=}
 * ({@code series} is a metric such as {@code row_count}, {@code segment} a segment as JSON, e.g.
 * {@code {"platform":"ios"}}; {@code from}/{@code to} ISO-8601, at most 35 days apart, default the
 * last 24 h; {@code limit} 1 to {@value #MAX_LIMIT} series, default {@value #DEFAULT_LIMIT}) and
 * {@code GET /api/v1/datasets/{name}/runs?limit=} (1 to 200, default 20). A bad parameter is a 400
 * naming it; an unknown dataset a 404.
 */
@Controller("/api/v1")
@Requires(beans = NotificationService.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SeriesApiController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /** A page of series in [{@code from}, {@code to}). */
    @Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record SeriesPage(String dataset, String from, String to, int total, int limit, int offset,
                             List<SeriesReadModel.Series> items) {
    }

    private final SeriesReadModel series;
    private final NotificationService notifications;

    public SeriesApiController(SeriesReadModel series, NotificationService notifications) {
        this.series = series;
        this.notifications = notifications;
    }

    @Get("/datasets/{name}/series")
    HttpResponse<Object> series(@PathVariable String name, @QueryValue @Nullable String check,
                                @QueryValue("series") @Nullable String metric, @QueryValue @Nullable String segment,
                                @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                @QueryValue @Nullable String limit, @QueryValue @Nullable String offset) {
        if (!known(name)) {
            return HttpResponse.notFound(new ApiError("no dataset " + name + " in the running config", null));
        }
        TimeRanges.Parsed range = TimeRanges.between(from, to, Instant.now());
        if (!range.ok()) {
            return range.error();
        }
        Integer pageSize = IncidentQueryController.bounded(limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        if (pageSize == null) {
            return PageAccess.bad("limit", "an integer from 1 to " + MAX_LIMIT, limit);
        }
        Integer skip = IncidentQueryController.bounded(offset, 0, 0, IncidentQueryController.MAX_OFFSET);
        if (skip == null) {
            return PageAccess.bad("offset", "an integer from 0 to " + IncidentQueryController.MAX_OFFSET, offset);
        }
        List<SeriesReadModel.Series> all = series.series(name, blank(check), blank(metric), blank(segment),
                range.from(), range.to());
        return HttpResponse.ok(new SeriesPage(name, range.from().toString(), range.to().toString(), all.size(), pageSize,
                skip, all.stream().skip(skip).limit(pageSize).toList()));
    }

    @Get("/datasets/{name}/runs")
    HttpResponse<Object> runs(@PathVariable String name, @QueryValue @Nullable String limit) {
        if (!known(name)) {
            return HttpResponse.notFound(new ApiError("no dataset " + name + " in the running config", null));
        }
        Integer n = IncidentQueryController.bounded(limit, 20, 1, 200);
        if (n == null) {
            return PageAccess.bad("limit", "an integer from 1 to 200", limit);
        }
        return HttpResponse.ok(series.runs(name, n));
    }

    private boolean known(String name) {
        var spec = notifications.currentConfig();
        return spec != null && spec.dataset(name).isPresent();
    }

    private static String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
