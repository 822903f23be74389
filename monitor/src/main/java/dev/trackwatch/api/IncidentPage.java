package dev.trackwatch.api;

import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentState;
import dev.trackwatch.notify.MessageRenderer;
import dev.trackwatch.notify.NotificationService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The incident page {@code /incidents/{id}} ({@code views/incident.html}): its timeline, the
 * explanation (observed, expected, band, baseline), the chart of its series, owner and route, its
 * runbook rendered, and two forms, acknowledge and close, that POST to {@code /incidents/{id}/acknowledge}
 * and {@code /incidents/{id}/close} with the API token and are guarded against cross-site requests by
 * {@link PageCsrf}; the change itself is {@link IncidentController}'s, as over the API. The data is
 * {@link IncidentTimeline}'s, the same as {@code /api/v1/incidents/{id}}.
 */
@Controller
@Requires(beans = NotificationService.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class IncidentPage {

    /** A form POST: who, why (close), the API token and the CSRF field. */
    @io.micronaut.serde.annotation.Serdeable
    public record Form(@Nullable String by, @Nullable String reason, @Nullable String token, @Nullable String _csrf) {
    }

    private final NotificationService notifications;
    private final IncidentTimeline timelines;
    private final SeriesReadModel series;
    private final Runbooks runbooks;
    private final IncidentController changes;
    private final PagesConfiguration pages;
    private final ApiConfiguration api;
    private final String publicUrl;

    public IncidentPage(NotificationService notifications, IncidentTimeline timelines, SeriesReadModel series,
                        Runbooks runbooks, IncidentController changes, PagesConfiguration pages, ApiConfiguration api,
                        @Value("${trackwatch.public-url:`http://localhost:8080`}") String publicUrl) {
        this.notifications = notifications;
        this.timelines = timelines;
        this.series = series;
        this.runbooks = runbooks;
        this.changes = changes;
        this.pages = pages;
        this.api = api;
        this.publicUrl = publicUrl;
    }

    @Get("/incidents/{id}")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<Object> incident(HttpRequest<?> request, @PathVariable String id, @QueryValue @Nullable String done) {
        HttpResponse<Object> refused = PageAccess.refusal(request, pages, api);
        if (refused != null) {
            return refused;
        }
        Incident i = StateReads.orEmpty(() -> notifications.incidents().get(id), java.util.Optional.<Incident>empty())
                .orElse(null);
        if (i == null) {
            return HttpResponse.notFound().contentType(MediaType.APPLICATION_JSON_TYPE)
                    .<Object>body(new ApiError("no incident " + id, null));
        }
        var spec = notifications.currentConfig();
        Duration bucket = spec == null ? Duration.ofHours(1)
                : spec.dataset(i.dataset()).map(d -> d.bucket()).orElse(Duration.ofHours(1));
        Instant now = Instant.now();
        // The chart: a day before the incident began to a few buckets after its last (or now).
        Instant from = SeriesReadModel.start(i).minus(Duration.ofHours(24)).truncatedTo(ChronoUnit.HOURS);
        Instant last = i.lastBucket() != null ? i.lastBucket() : SeriesReadModel.end(i, now);
        Instant to = min(now.plus(bucket), max(last.plus(bucket.multipliedBy(6)), from.plus(Duration.ofHours(25))));
        TimeRanges.Parsed range = new TimeRanges.Parsed(from, to, null, null);
        DatasetPage.Chart chart = series.series(i.dataset(), i.check(), i.metric(), dev.trackwatch.state.SegmentKey.of(i.segment()),
                from, to).stream().findFirst().map(s -> DatasetPage.chart(i.dataset(), s, List.of(i), range, bucket)).orElse(null);
        String runbook = MessageRenderer.runbook(spec, i);
        boolean external = runbook.startsWith("http://") || runbook.startsWith("https://");
        String csrf = PageCsrf.existing(request);
        boolean freshCookie = csrf == null;
        if (freshCookie) {
            csrf = PageCsrf.fresh();
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("i", i);
        view.put("severity", dev.trackwatch.incidents.SeverityLabel.of(i.severity()));
        IncidentTimeline.Detail detail = timelines.detail(i, now);
        view.put("timeline", detail.events());
        IncidentTimeline.Explanation explanation = detail.explanation();
        view.put("explanation", explanation);
        view.put("numbers", Map.of("observed", SvgChart.number(explanation.observed()),
                "expected", SvgChart.number(explanation.expected()), "lower", SvgChart.number(explanation.lower()),
                "upper", SvgChart.number(explanation.upper())));
        view.put("routes", detail.routes());
        view.put("slackChannel", spec == null ? null : spec.teams().stream().filter(t -> t.name().equals(i.owner()))
                .map(t -> t.slackChannel()).findFirst().orElse(null));
        view.put("chart", chart);
        view.put("runbookName", runbook);
        view.put("runbookHref", external ? runbook : "/runbooks/" + runbook);
        view.put("runbook", external ? null : runbooks.render(runbook).orElse(null));
        view.put("canAcknowledge", i.isActive() && i.state() != IncidentState.ACKNOWLEDGED);
        view.put("canClose", i.state() != IncidentState.EXPECTED && i.state() != IncidentState.FALSE_POSITIVE);
        view.put("csrf", csrf);
        view.put("tokenConfigured", api.hasToken());
        view.put("done", done == null ? "" : done.replaceAll("[^a-z_]", ""));
        view.put("now", now.truncatedTo(ChronoUnit.SECONDS).toString());
        MutableHttpResponse<Object> ok = HttpResponse.ok(new ModelAndView<>("incident", view));
        return freshCookie ? ok.cookie(PageCsrf.cookie(csrf)) : ok;
    }

    @Post(value = "/incidents/{id}/acknowledge", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<Object> acknowledge(HttpRequest<?> request, @PathVariable String id, @Body Form form) {
        return act(request, id, form, IncidentState.ACKNOWLEDGED, "acknowledged");
    }

    @Post(value = "/incidents/{id}/close", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<Object> close(HttpRequest<?> request, @PathVariable String id, @Body Form form) {
        if (form.reason() == null || !List.of("expected", "false_positive").contains(form.reason())) {
            return PageAccess.bad("reason", "'expected' or 'false_positive'", String.valueOf(form.reason()));
        }
        return act(request, id, form, form.reason().equals("expected") ? IncidentState.EXPECTED
                : IncidentState.FALSE_POSITIVE, "closed");
    }

    private HttpResponse<Object> act(HttpRequest<?> request, String id, Form form, IncidentState state, String done) {
        String crossSite = PageCsrf.refusal(request, form._csrf(), publicUrl);
        if (crossSite != null) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .<Object>body(new ApiError(crossSite, PageCsrf.FIELD));
        }
        if (!api.accepts(form.token())) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .<Object>body(new ApiError(api.hasToken() ? "token: the API token is missing or wrong"
                            : ApiTokenFilter.NO_TOKEN, "token"));
        }
        HttpResponse<Object> changed = changes.change(id, new IncidentController.ChangeRequest(form.by(), form.reason()), state);
        if (changed.getStatus().getCode() >= 300) {
            return changed;
        }
        return HttpResponse.seeOther(URI.create("/incidents/" + java.net.URLEncoder.encode(id,
                java.nio.charset.StandardCharsets.UTF_8) + "?done=" + done));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
