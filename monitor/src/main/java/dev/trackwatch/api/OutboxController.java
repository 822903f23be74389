package dev.trackwatch.api;

import dev.trackwatch.notify.NotificationService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.http.annotation.Get;

/** {@code GET /api/outbox}: what was delivered without Slack, one JSON line per notification, oldest first. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = NotificationService.class)
public class OutboxController {

    private final NotificationService notifications;

    public OutboxController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Get(value = "/outbox", produces = MediaType.TEXT_PLAIN)
    String outbox() {
        return String.join("\n", notifications.outbox());
    }
}
