package dev.trackwatch.api;

import dev.trackwatch.api.HealthViews.DatasetHealth;
import dev.trackwatch.api.HealthViews.TeamHealth;
import dev.trackwatch.notify.NotificationService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overview page {@code /}: every dataset and team with its status, open incidents, last
 * successful run and freshness, filtered by {@code team}, {@code dataset} and {@code state} (a
 * status), and the monitor's own health; the same {@link HealthReadModel} data as
 * {@code /api/v1/datasets}, {@code /api/v1/teams} and {@code /api/v1/monitor}, rendered by the
 * Thymeleaf template {@code views/overview.html} without JavaScript. With
 * {@code trackwatch.pages.require-token} the page needs the API token, as a bearer token or as the
 * password of basic auth (so a browser can ask for it).
 */
@Controller
@Requires(beans = NotificationService.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class OverviewPage {

    /**
     * One check of the dataset the page is filtered to: how many of its latest verdicts (one per
     * series and bucket) did not pass, a baseline still learning not counted, and the first one's
     * reason (else the learning note), so a lead sees which check and why at once.
     */
    public record CheckRow(HealthViews.CheckHealth c, long notPassed, long series, String firstReason) {
        static CheckRow of(HealthViews.CheckHealth c) {
            List<HealthViews.Verdict> bad = c.verdicts().stream()
                    .filter(v -> !v.outcome().equals("PASSED") && !v.learning()).toList();
            String reason = (bad.isEmpty() ? c.verdicts().stream().filter(HealthViews.Verdict::learning) : bad.stream())
                    .map(HealthViews.Verdict::reason).filter(java.util.Objects::nonNull).findFirst().orElse("");
            return new CheckRow(c, bad.size(), c.verdicts().size(), reason);
        }
    }

    /** One dataset row with its ages spelled for people. */
    public record DatasetRow(DatasetHealth d, String runAge, String dataAge) {
    }

    private final HealthReadModel model;
    private final PagesConfiguration pages;
    private final ApiConfiguration api;

    public OverviewPage(HealthReadModel model, PagesConfiguration pages, ApiConfiguration api) {
        this.model = model;
        this.pages = pages;
        this.api = api;
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<Object> overview(HttpRequest<?> request, @QueryValue @Nullable String team,
                                  @QueryValue @Nullable String dataset, @QueryValue @Nullable String state) {
        HttpResponse<Object> refused = PageAccess.refusal(request, pages, api);
        if (refused != null) {
            return refused;
        }
        String team0 = blankToNull(team);
        String dataset0 = blankToNull(dataset);
        String state0 = blankToNull(state);
        if (state0 != null && !HealthReadModel.STATUSES.contains(state0)) {
            return HttpResponse.badRequest().contentType(MediaType.APPLICATION_JSON_TYPE)
                    .<Object>body(new ApiError("state: expected one of " + String.join(", ",
                    HealthReadModel.STATUSES) + ", got '" + (state0.length() > 40 ? state0.substring(0, 40) : state0)
                    + "'", "state"));
        }
        HealthReadModel.Overview overview = model.overview();
        List<DatasetHealth> all = overview.datasets();
        List<TeamHealth> teams = overview.teams();
        Instant now = Instant.now();
        List<DatasetRow> rows = all.stream()
                .filter(d -> team0 == null || d.owner().equals(team0) || teams.stream()
                        .anyMatch(t -> t.name().equals(team0) && t.datasets().contains(d.name())))
                .filter(d -> dataset0 == null || d.name().equals(dataset0))
                .filter(d -> state0 == null || d.status().equals(state0))
                .map(d -> new DatasetRow(d, age(d.lastSuccessfulRunAgeSeconds()), age(d.freshness().lagSeconds())))
                .toList();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String s : HealthReadModel.STATUSES.reversed()) {
            counts.put(s, all.stream().filter(d -> d.status().equals(s)).count());
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("rows", rows);
        view.put("teams", teams.stream().filter(t -> team0 == null || t.name().equals(team0))
                .filter(t -> state0 == null || t.status().equals(state0)).toList());
        view.put("teamNames", teams.stream().map(TeamHealth::name).toList());
        view.put("datasetNames", all.stream().map(DatasetHealth::name).toList());
        view.put("statuses", HealthReadModel.STATUSES.reversed());
        view.put("counts", counts);
        view.put("team", team0 == null ? "" : team0);
        view.put("dataset", dataset0 == null ? "" : dataset0);
        view.put("state", state0 == null ? "" : state0);
        view.put("monitor", overview.monitor());
        // Open incidents under the same filters as the datasets, each linking to its page.
        view.put("open", overview.open().stream().filter(i -> team0 == null || team0.equals(i.owner()))
                .filter(i -> dataset0 == null || dataset0.equals(i.dataset())).limit(50).toList());
        // Filtered to one dataset, the page also lists its checks (the dataset's JSON has the verdicts).
        view.put("checks", dataset0 == null ? List.of() : model.dataset(dataset0)
                .map(d -> d.checks().stream().map(CheckRow::of).toList()).orElse(List.of()));
        view.put("now", now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        return HttpResponse.ok(new ModelAndView<>("overview", view));
    }

    /** Spells an age in seconds the way people read it: 42 s, 5 min, 3 h, 2 d. */
    static String age(@Nullable Long seconds) {
        if (seconds == null) {
            return "";
        }
        if (seconds < 90) {
            return seconds + " s ago";
        }
        if (seconds < 90 * 60) {
            return Math.round(seconds / 60.0) + " min ago";
        }
        if (seconds < 36 * 3600) {
            return Math.round(seconds / 3600.0) + " h ago";
        }
        return Math.round(seconds / 86400.0) + " d ago";
    }

    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
