package dev.trackwatch.schedule;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.plan.TableColumns;
import dev.trackwatch.run.CycleRunner;
import dev.trackwatch.run.RunCancellation;
import dev.trackwatch.run.RunConfiguration;
import dev.trackwatch.run.RunListener;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The schedule of {@code serve}: every few seconds, each owned dataset whose interval has elapsed
 * since its last start is submitted, at most {@code concurrency} at a time and never twice at once.
 * It also polls the checks directory and reloads it when it changed; a run whose dataset a reload
 * removed or changed, and every run on shutdown, is cancelled between chunk queries ({@link RunningScans}).
 */
@Singleton
@Requires(property = "trackwatch.run.scheduler-enabled", value = "true", defaultValue = "true")
public class CheckScheduler implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(CheckScheduler.class);

    private final ChecksHolder checks;
    private final CycleRunner runner;
    private final RunConfiguration configuration;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    private final Map<String, Instant> lastStarted = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private volatile Instant lastReload = Instant.EPOCH;

    private final List<RunListener> listeners;
    private final RunningScans scans;
    private final SchedulerMetrics metrics;

    /** A scheduler whose metrics go nowhere (tests that drive ticks by hand). */
    public CheckScheduler(ChecksHolder checks, CycleRunner runner, RunConfiguration configuration,
                          List<RunListener> listeners, RunningScans scans) {
        this(checks, runner, configuration, listeners, scans,
                new SchedulerMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    }

    @jakarta.inject.Inject
    public CheckScheduler(ChecksHolder checks, CycleRunner runner, RunConfiguration configuration,
                          List<RunListener> listeners, RunningScans scans, SchedulerMetrics metrics) {
        this.metrics = metrics;
        this.listeners = List.copyOf(listeners);
        this.scans = scans;
        this.checks = checks;
        this.runner = runner;
        this.configuration = configuration;
        this.slots = new Semaphore(Math.max(1, configuration.getConcurrency()));
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        checks.reload();
    }

    @Scheduled(fixedDelay = "5s", initialDelay = "5s")
    void tick() {
        Instant now = Instant.now();
        if (now.isAfter(lastReload.plus(configuration.getReloadPollInterval()))) {
            lastReload = now;
            checks.reload();
        }
        TrackwatchSpec spec = checks.current();
        if (spec == null) {
            metrics.beat(Instant.now());
            return;
        }
        metrics.retain(spec);
        List<DatasetSpec> due = new ArrayList<>();
        Map<String, RunCancellation> cancellations = new java.util.HashMap<>();
        for (DatasetSpec dataset : spec.datasets()) {
            if (!configuration.shard().owns(dataset.name()) || running.contains(dataset.name())) {
                continue;
            }
            Instant last = lastStarted.get(dataset.name());
            if (last != null && now.isBefore(last.plus(dataset.interval()))) {
                continue;
            }
            if (!slots.tryAcquire()) {
                break; // all slots busy; the next tick picks the rest up
            }
            running.add(dataset.name());
            lastStarted.put(dataset.name(), now);
            // Registered now, not when the worker starts, so a reload in between cancels it too.
            cancellations.put(dataset.name(), scans.started(dataset));
            due.add(dataset);
        }
        // The heartbeat moves only once a tick got this far: a tick stuck in a reload or on the slots stops it.
        metrics.beat(Instant.now());
        if (due.isEmpty()) {
            return;
        }
        workers.submit(() -> {
            // One system.columns read for every dataset due on this tick; null lets each run read its own.
            Map<String, TableColumns> columns = runner.readColumns(due);
            for (DatasetSpec dataset : due) {
                workers.submit(() -> run(spec, dataset, columns == null ? null : columns.get(dataset.name()), now,
                        cancellations.get(dataset.name())));
            }
        });
    }

    private void run(TrackwatchSpec spec, DatasetSpec dataset, TableColumns columns, Instant now,
                     RunCancellation cancellation) {
        try {
            List<CheckResult> results = runner.run(spec, dataset, columns, now, cancellation);
            if (cancellation.isCancelled() && results.isEmpty()) {
                // Cancelled by reload or shutdown: nothing was judged, so the alert stages hear nothing.
                LOG.info("run {}: cancelled ({}), the next run resumes", dataset.name(), cancellation.reason());
                return;
            }
            metrics.ran(dataset, results, Instant.now());
            listeners.forEach(l -> l.onResults(spec, dataset, results, now));
            for (CheckResult r : results) {
                if (r.outcome() != dev.trackwatch.evaluate.Outcome.PASSED) {
                    LOG.info("{} {}.{} {} {}: {}", r.outcome(), r.dataset(), r.check(), r.metric(),
                            r.segment(), r.reason());
                }
            }
        } finally {
            scans.finished(dataset, cancellation);
            running.remove(dataset.name());
            slots.release();
        }
    }

    /** Cancels every run in flight, so a long backfill does not hold shutdown, then stops the workers. */
    @PreDestroy
    void stop() {
        scans.cancelAll("shutdown");
        workers.shutdownNow();
    }
}
