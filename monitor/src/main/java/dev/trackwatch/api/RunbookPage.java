package dev.trackwatch.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * {@code /runbooks/NAME.md}, the address Slack messages link to ({@code trackwatch.public-url} +
 * {@code /runbooks/} + the file), rendered as a page by {@link Runbooks} ({@code views/runbook.html});
 * {@code ?raw=true} gives the Markdown as {@code text/markdown}. An unknown name is a 404.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class RunbookPage {

    private final Runbooks runbooks;
    private final PagesConfiguration pages;
    private final ApiConfiguration api;

    public RunbookPage(Runbooks runbooks, PagesConfiguration pages, ApiConfiguration api) {
        this.runbooks = runbooks;
        this.pages = pages;
        this.api = api;
    }

    @Get(value = "/runbooks/{name}", produces = {MediaType.TEXT_HTML, "text/markdown"})
    HttpResponse<Object> runbook(HttpRequest<?> request, @PathVariable String name, @QueryValue @Nullable String raw) {
        HttpResponse<Object> refused = PageAccess.refusal(request, pages, api);
        if (refused != null) {
            return refused;
        }
        Runbooks.Rendered r = runbooks.render(name).orElse(null);
        if (r == null) {
            return HttpResponse.notFound().contentType(MediaType.APPLICATION_JSON_TYPE)
                    .<Object>body(new ApiError("no runbook " + name + " under runbooks/", null));
        }
        if ("true".equals(raw)) {
            return HttpResponse.ok((Object) r.markdown()).contentType("text/markdown; charset=utf-8");
        }
        return HttpResponse.ok((Object) new ModelAndView<>("runbook", Map.of("runbook", r,
                "now", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()))).contentType(MediaType.TEXT_HTML_TYPE);
    }
}
