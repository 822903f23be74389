package dev.trackwatch.api;

import dev.trackwatch.notify.NotificationService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.http.annotation.Get;

import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /api/suppressed}: why active incidents are not being told right now, by incident id:
 * {@code silence <id>}, the inhibit rule and the alert firing it, or {@code mute time interval}.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = NotificationService.class)
public class SuppressedController {

    private final NotificationService notifications;

    public SuppressedController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Get("/suppressed")
    Map<String, String> suppressed() {
        return notifications.suppressed(Instant.now());
    }
}
