package dev.trackwatch.api;

import dev.trackwatch.schedule.ChecksHolder;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * {@code POST /api/reload}: reloads checks/ now. 200 with the running config hash when the tree
 * is valid; 422 with the located errors when it is not (the last good config keeps running). It needs
 * the API token ({@link ApiTokenFilter}) and runs off the event loop, as loading reads files.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReloadController {

    /** The answer of a reload. */
    @Serdeable
    public record ReloadResponse(boolean applied, boolean changed, String hash, List<String> errors) {
    }

    private final ChecksHolder checks;

    public ReloadController(ChecksHolder checks) {
        this.checks = checks;
    }

    @Post("/reload")
    HttpResponse<ReloadResponse> reload() {
        ChecksHolder.ReloadOutcome outcome = checks.reload();
        ReloadResponse body = new ReloadResponse(outcome.applied(), outcome.changed(), outcome.hash(), outcome.errors());
        return outcome.applied() ? HttpResponse.ok(body) : HttpResponse.unprocessableEntity().body(body);
    }
}
