package dev.trackwatch.schedule;

import dev.trackwatch.config.ConfigError;
import dev.trackwatch.loader.ConfigLoader;
import dev.trackwatch.validate.ReloadSyntaxCheck;
import dev.trackwatch.config.LoadResult;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.run.ConfigEvent;
import dev.trackwatch.run.RunConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The checks {@code serve} runs: the last valid tree of the checks directory. A reload validates
 * the new tree first; a broken one is rejected with its located errors and the last good one keeps
 * running; so is a valid tree that drops every running dataset or more than half of them
 * ({@link DatasetDropGuard}), unless forced. Reload success and the running config's hash are exported as metrics
 * ({@code trackwatch_config_last_reload_successful}, {@code trackwatch_config_info{hash}}), and
 * every reload's outcome is published as a {@link ConfigEvent} for the alert stages.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class ChecksHolder {

    private static final Logger LOG = LoggerFactory.getLogger(ChecksHolder.class);

    /** What a reload did. */
    public record ReloadOutcome(boolean applied, boolean changed, String hash, List<String> errors) {
    }

    private final RunConfiguration configuration;
    private final AtomicReference<TrackwatchSpec> current = new AtomicReference<>();
    private final AtomicLong lastReloadOk = new AtomicLong(0);
    private final AtomicLong reloads = new AtomicLong();
    private volatile String lastRejectedHash = "";
    private final ApplicationEventPublisher<ConfigEvent> events;
    private final ReloadConfiguration reloadSettings;
    private final ConfigInfoMetric info;
    /** Parses filters and expressions, which a reload does not compile on the server; absent in plain tests. */
    @Inject
    ReloadSyntaxCheck syntax;

    /** A holder that tells nobody of its reloads (tests and tools without an application context). */
    public ChecksHolder(RunConfiguration configuration, MeterRegistry registry) {
        this(configuration, registry, ApplicationEventPublisher.noOp());
    }

    /** A holder that publishes a {@link ConfigEvent} after every reload, with the default reload guard. */
    public ChecksHolder(RunConfiguration configuration, MeterRegistry registry,
                        ApplicationEventPublisher<ConfigEvent> events) {
        this(configuration, registry, events, new ReloadConfiguration());
    }

    /** A holder that publishes a {@link ConfigEvent} after every reload, guarded by {@code reloadSettings}. */
    @Inject
    public ChecksHolder(RunConfiguration configuration, MeterRegistry registry,
                        ApplicationEventPublisher<ConfigEvent> events, ReloadConfiguration reloadSettings) {
        this.configuration = configuration;
        this.events = events;
        this.reloadSettings = reloadSettings;
        this.info = new ConfigInfoMetric(registry);
        Gauge.builder("trackwatch_config_last_reload_successful", lastReloadOk, AtomicLong::get)
                .description("1 when the last reload of the checks directory succeeded").register(registry);
        Gauge.builder("trackwatch_config_reloads", reloads, AtomicLong::get)
                .description("reloads attempted since start").register(registry);
    }

    /** Removes the config-info series when the context closes. */
    @PreDestroy
    void close() {
        info.close();
    }

    /** Returns the running spec, or null before the first successful load. */
    public TrackwatchSpec current() {
        return current.get();
    }

    /** Loads the checks directory and swaps it in when it is valid and different. */
    public synchronized ReloadOutcome reload() {
        reloads.incrementAndGet();
        LoadResult result;
        try {
            result = ConfigLoader.load(configuration.getChecksDir());
        } catch (RuntimeException e) {
            // A missing or unreadable directory is a config error like any other: keep the last good one.
            result = LoadResult.invalid(List.of(new ConfigError(
                    dev.trackwatch.config.SourceLocation.of(configuration.getChecksDir().toString()),
                    e.getMessage(), ConfigError.UNREADABLE_FILE)));
        }
        List<ConfigError> syntaxErrors = result.isValid() && syntax != null ? syntax.errors(result) : List.of();
        if (!syntaxErrors.isEmpty()) {
            result = LoadResult.invalid(syntaxErrors);
        }
        List<String> errors = result.isValid() ? refusal(result.spec())
                : result.errors().stream().map(ConfigError::toString).toList();
        if (!errors.isEmpty()) {
            lastReloadOk.set(0);
            String signature = String.join("\n", errors);
            if (!signature.equals(lastRejectedHash)) {
                LOG.error("checks: reload rejected, {} errors; still running config {}: {}", errors.size(),
                        current.get() == null ? "none" : current.get().hash(), errors);
                lastRejectedHash = signature;
            }
            String running = current.get() == null ? null : current.get().hash();
            events.publishEvent(new ConfigEvent.ConfigRejected(errors, running));
            return new ReloadOutcome(false, false, running, errors);
        }
        lastReloadOk.set(1);
        lastRejectedHash = "";
        TrackwatchSpec spec = result.spec();
        TrackwatchSpec previous = current.getAndSet(spec);
        boolean changed = previous == null || !previous.hash().equals(spec.hash());
        if (changed) {
            info.running(spec.hash());
            LOG.info("checks: loaded config {} ({} datasets)", spec.hash(), spec.datasets().size());
        }
        events.publishEvent(new ConfigEvent.ConfigApplied(spec, changed));
        return new ReloadOutcome(true, changed, spec.hash(), List.of());
    }

    /** The dataset-drop guard's refusal of {@code next} as a one-error list, or an empty list. */
    private List<String> refusal(TrackwatchSpec next) {
        String refusal = DatasetDropGuard.refusal(current.get(), next, reloadSettings, configuration.getChecksDir());
        return refusal == null ? List.of() : List.of(configuration.getChecksDir() + ": " + refusal);
    }
}
