package dev.trackwatch.schedule;

import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.run.RunConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports the checks tree DOWN until {@code serve} has loaded one, and UP with the running config's
 * hash from then on. It is part of {@code /health} and {@code /health/readiness} (Micronaut's readiness
 * takes every indicator not marked liveness), so a replica whose first load failed (a missing or broken
 * tree, a git-sync not done yet) takes no traffic and a rollout waits for it, while liveness stays up:
 * restarting it would not fix its tree. A later rejected reload keeps it UP, since the last good config
 * keeps running.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
@Requires(property = "trackwatch.run.scheduler-enabled", value = "true", defaultValue = "true")
public class ChecksHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final ChecksHolder checks;
    private final RunConfiguration configuration;

    /** An indicator of what {@code checks} runs, read from {@code configuration}'s checks directory. */
    public ChecksHealthIndicator(ChecksHolder checks, RunConfiguration configuration) {
        this.checks = checks;
        this.configuration = configuration;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        TrackwatchSpec spec = checks.current();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dir", configuration.getChecksDir().toString());
        if (spec == null) {
            healthStatus = HealthStatus.DOWN;
            details.put("error", "no checks tree has loaded yet; the log (checks: reload rejected) or "
                    + "POST /api/reload says why");
            return details;
        }
        healthStatus = HealthStatus.UP;
        details.put("config", spec.hash().substring(0, 12));
        details.put("datasets", spec.datasets().size());
        return details;
    }

    @Override
    protected String getName() {
        return "checks";
    }
}
