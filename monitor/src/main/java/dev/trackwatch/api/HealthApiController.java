package dev.trackwatch.api;

import dev.trackwatch.notify.NotificationService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/**
 * The read API's health views: {@code GET /api/v1/datasets}, {@code /api/v1/datasets/{name}},
 * {@code /api/v1/teams} and {@code /api/v1/monitor}, all from {@link HealthReadModel} as the
 * overview page. {@link ApiTokenFilter} guards them like the rest of {@code /api/**}.
 */
@Controller("/api/v1")
@Requires(beans = NotificationService.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class HealthApiController {

    private final HealthReadModel model;

    public HealthApiController(HealthReadModel model) {
        this.model = model;
    }

    /** Every dataset of the running config with its status, open incidents, last successful run and freshness. */
    @Get("/datasets")
    List<HealthViews.DatasetHealth> datasets() {
        return model.datasets();
    }

    /** One dataset with its checks and their latest verdicts, or 404. */
    @Get("/datasets/{name}")
    HttpResponse<Object> dataset(@PathVariable String name) {
        return model.dataset(name).<HttpResponse<Object>>map(HttpResponse::ok)
                .orElseGet(() -> HttpResponse.notFound(new ApiError("no dataset " + name + " in the running config", null)));
    }

    /** Every team with the datasets it owns, their worst status and its open incidents. */
    @Get("/teams")
    List<HealthViews.TeamHealth> teams() {
        return model.teams();
    }

    /** The monitor's own health: config hash, last reload, ClickHouse, NOT_EVALUATED checks. */
    @Get("/monitor")
    HealthViews.MonitorHealth monitor() {
        return model.monitor();
    }
}
