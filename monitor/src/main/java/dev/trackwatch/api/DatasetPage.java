package dev.trackwatch.api;

import dev.trackwatch.api.HealthViews.CheckHealth;
import dev.trackwatch.api.HealthViews.DatasetDetail;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.notify.NotificationService;
import dev.trackwatch.state.SegmentKey;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dataset page {@code /datasets/{name}?range=24h|7d|28d}: every check with its status and a chart
 * per series of observed values against the expected band ({@link SvgChart}, inline SVG, no
 * JavaScript), anomalous buckets marked and incidents drawn as spans; the incidents of the range and
 * the recent runs. The same data as {@code /api/v1/datasets/{name}}, {@code .../series} and
 * {@code .../runs}, rendered by {@code views/dataset.html}. A check shows at most
 * {@value #CHARTS_PER_CHECK} series, those with anomalies first; the API pages through all of them.
 */
@Controller
@Requires(beans = NotificationService.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DatasetPage {

    static final int CHARTS_PER_CHECK = 8;

    /** One chart: its series, geometry, a label and the API address of its data. */
    public record Chart(SeriesReadModel.Series series, SvgChart svg, String label, String apiHref) {
    }

    /** One check with its charts and how many series were left to the API. */
    public record CheckCharts(@Nullable CheckHealth check, String name, List<Chart> charts, int hidden) {
    }

    private final HealthReadModel model;
    private final SeriesReadModel series;
    private final NotificationService notifications;
    private final PagesConfiguration pages;
    private final ApiConfiguration api;

    public DatasetPage(HealthReadModel model, SeriesReadModel series, NotificationService notifications,
                       PagesConfiguration pages, ApiConfiguration api) {
        this.model = model;
        this.series = series;
        this.notifications = notifications;
        this.pages = pages;
        this.api = api;
    }

    @Get("/datasets/{name}")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<Object> dataset(HttpRequest<?> request, @PathVariable String name, @QueryValue @Nullable String range) {
        HttpResponse<Object> refused = PageAccess.refusal(request, pages, api);
        if (refused != null) {
            return refused;
        }
        TimeRanges.Parsed r = TimeRanges.named(range, Instant.now());
        if (!r.ok()) {
            return r.error();
        }
        var spec = notifications.currentConfig();
        DatasetSpec d = spec == null ? null : spec.dataset(name).orElse(null);
        DatasetDetail detail = model.dataset(name).orElse(null);
        if (d == null || detail == null) {
            return HttpResponse.notFound().contentType(MediaType.APPLICATION_JSON_TYPE)
                    .<Object>body(new ApiError("no dataset " + name + " in the running config", null));
        }
        List<Incident> incidents = series.incidents(name, r.from(), r.to());
        List<SeriesReadModel.Series> all = series.series(name, null, null, null, r.from(), r.to());
        Map<String, CheckCharts> byCheck = new LinkedHashMap<>();
        for (CheckHealth c : detail.checks()) {
            byCheck.put(c.name(), new CheckCharts(c, c.name(), new ArrayList<>(), 0));
        }
        Map<String, List<SeriesReadModel.Series>> grouped = new LinkedHashMap<>();
        for (SeriesReadModel.Series s : all) {
            grouped.computeIfAbsent(s.check() == null ? "" : s.check(), k -> new ArrayList<>()).add(s);
        }
        List<CheckCharts> checks = new ArrayList<>();
        grouped.forEach((check, list) -> {
            // Series with anomalies first, then the total before its segments (the read model's order).
            List<SeriesReadModel.Series> shown = list.stream()
                    .sorted(java.util.Comparator.comparing((SeriesReadModel.Series s) -> s.anomalies() == 0)).toList();
            List<Chart> charts = shown.stream().limit(CHARTS_PER_CHECK).map(s -> chart(name, s, incidents, r, d.bucket())).toList();
            CheckCharts existing = byCheck.get(check);
            byCheck.put(check.isEmpty() ? "\uffff" : check, new CheckCharts(existing == null ? null : existing.check(),
                    check.isEmpty() ? "observed, not judged in this range" : check, charts, Math.max(0, list.size() - CHARTS_PER_CHECK)));
        });
        checks.addAll(byCheck.values());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("d", detail.dataset());
        view.put("checks", checks);
        view.put("range", r.name());
        view.put("ranges", TimeRanges.NAMED.keySet());
        view.put("from", r.from().toString());
        view.put("to", r.to().toString());
        view.put("bucket", d.bucket().toString().substring(2).toLowerCase(java.util.Locale.ROOT));
        view.put("incidents", incidents);
        view.put("runs", series.runs(name, 20));
        view.put("runAge", OverviewPage.age(detail.dataset().lastSuccessfulRunAgeSeconds()));
        view.put("dataAge", OverviewPage.age(detail.dataset().freshness().lagSeconds()));
        view.put("now", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return HttpResponse.ok(new ModelAndView<>("dataset", view));
    }

    static Chart chart(String dataset, SeriesReadModel.Series s, List<Incident> incidents, TimeRanges.Parsed r,
                       Duration bucket) {
        List<Incident> mine = incidents.stream().filter(i -> s.check() == null || (i.check().equals(s.check())
                && i.metric().equals(s.metric()) && i.segment().equals(s.segment()))).toList();
        String label = s.metric() + (s.segment().isEmpty() ? "" : " " + s.segment());
        String href = "/api/v1/datasets/" + enc(dataset) + "/series?" + (s.check() == null ? "" : "check=" + enc(s.check()) + "&")
                + "series=" + enc(s.metric()) + "&segment=" + enc(SegmentKey.of(s.segment())) + "&from=" + r.from() + "&to=" + r.to();
        return new Chart(s, SvgChart.of(s, mine, r.from(), r.to(), bucket), label, href);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
