package dev.trackwatch.api;

import dev.trackwatch.run.ConfigEvent;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * When the checks directory last changed the running config or was rejected, and how it went, learnt from {@link ConfigEvent}s for
 * the monitor block of the pages (the alert stages' {@code RunningConfig} keeps no time).
 */
@Singleton
public class ReloadLog implements ApplicationEventListener<ConfigEvent> {

    private volatile HealthViews.Reload last = new HealthViews.Reload("none", null, null, List.of());

    @Override
    public void onApplicationEvent(ConfigEvent event) {
        String at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        last = switch (event) {
            // The scheduler re-applies an unchanged tree on every poll: only a change (or the first) is news.
            case ConfigEvent.ConfigApplied applied when !applied.changed() && last.outcome().equals("applied") -> last;
            case ConfigEvent.ConfigApplied applied -> new HealthViews.Reload("applied", at, applied.spec().hash(), List.of());
            case ConfigEvent.ConfigRejected rejected -> new HealthViews.Reload("rejected", at, rejected.runningHash(),
                    rejected.errors());
        };
    }

    /** Returns the last reload, {@code none} before the first. */
    public HealthViews.Reload last() {
        return last;
    }
}
