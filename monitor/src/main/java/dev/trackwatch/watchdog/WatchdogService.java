package dev.trackwatch.watchdog;

import dev.trackwatch.clickhouse.ClickHouseHealthIndicator;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.incidents.AlertLabels;
import dev.trackwatch.incidents.IncidentTracker;
import dev.trackwatch.notify.NotificationSink;
import dev.trackwatch.notify.RunningConfig;
import dev.trackwatch.route.Receiver;
import dev.trackwatch.route.RouteDecision;
import dev.trackwatch.route.Router;
import dev.trackwatch.run.BlindTime;
import dev.trackwatch.run.RunConfiguration;
import dev.trackwatch.run.RunFailure;
import dev.trackwatch.run.RunListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Watchdog} in the daemon: it hears every run ({@link RunListener}: a run that reached
 * ClickHouse, or one whose checks are NOT_EVALUATED because it could not) and the health
 * indicator's background probe, on its own thread (not the scheduler's, which an outage may hold up), and tells the receivers a
 * monitor fault of the config owner ({@code trackwatch.notify.config-owner}) is routed to. It
 * also exports {@code trackwatch_clickhouse_reachable} and {@code trackwatch_monitor_faults_open}.
 */
@Singleton
@Requires(property = "trackwatch.run.scheduler-enabled", value = "true", defaultValue = "true")
@Requires(property = "trackwatch.watchdog.enabled", value = "true", defaultValue = "true")
public class WatchdogService implements RunListener, BlindTime, ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(WatchdogService.class);

    private final Watchdog watchdog;
    private final ClickHouseHealthIndicator health;
    /** When the newest probe the watchdog took as evidence finished; each probe counts once. */
    private Instant probeSeen;
    private final WatchdogConfiguration configuration;
    private final Map<String, Integer> faultsByDataset = new ConcurrentHashMap<>();
    /** The runs' evidence, taken in order by the loop, so a run never waits for a delivery in progress. */
    private final java.util.Queue<Evidence> evidence = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** What one run said: ClickHouse answered ({@code failure} null) or not, at {@code at}. */
    private record Evidence(String failure, Instant at) {
    }
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("trackwatch-watchdog").daemon().factory());

    public WatchdogService(WatchdogConfiguration configuration, RunConfiguration run, NotificationSink sink,
                           RunningConfig config,
                           ClickHouseHealthIndicator health,
                           Optional<MeterRegistry> registry,
                           @Value("${trackwatch.notify.config-owner:platform}") String owner,
                           @Value("${trackwatch.notify.outbox:outbox.jsonl}") Path outbox,
                           @Value("${trackwatch.public-url:`http://localhost:8080`}") String publicUrl) {
        this.configuration = configuration;
        Path stateFile = configuration.getStateFile() != null ? configuration.getStateFile()
                : outbox.toAbsolutePath().resolveSibling("watchdog.json");
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        // With several replicas, the first shard tells; every replica still tracks its blind time.
        boolean tells = run.getShardIndex() == 0;
        this.watchdog = new Watchdog(stateFile, sink, () -> tells ? receivers(config.current(), owner) : List.of(),
                configuration.getClickhouseDownAfter(), configuration.getClickhouseUpAfter(), base + "/runbooks/monitor-fault.md");
        // The health indicator's probe, which runs on connections of its own (busy pool connections are
        // no outage) with its own short timeout: ClickHouse is probed once for /health and the watchdog.
        this.health = health;
        registry.ifPresent(r -> {
            Gauge.builder("trackwatch.clickhouse.reachable", watchdog, w -> w.reachable() ? 1 : 0)
                    .description("1 when the watchdog's last evidence says ClickHouse answers, else 0").register(r);
            Gauge.builder("trackwatch.monitor.faults.open", faultsByDataset,
                            m -> m.values().stream().mapToInt(Integer::intValue).sum())
                    .description("Checks whose last run was a monitor fault (NOT_EVALUATED)").register(r);
            Gauge.builder("trackwatch.watchdog.alert.firing", watchdog, w -> w.firing() ? 1 : 0)
                    .description("1 while the watchdog's ClickHouse outage alert is open").register(r);
        });
    }

    /** Starts the loop once the server is up. */
    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        long every = configuration.getProbeInterval().toMillis();
        loop.scheduleWithFixedDelay(this::check, Math.min(every, 5_000), every, TimeUnit.MILLISECONDS);
    }

    /** One round: the runs' evidence, the probe, then tell what is due. */
    void check() {
        try {
            for (Evidence e = evidence.poll(); e != null; e = evidence.poll()) {
                watchdog.observe(e.failure(), e.at());
            }
            observeProbe(Instant.now());
            watchdog.tick(Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            // Anything escaping would end the scheduled loop for good, silently: the watchdog would be gone.
            LOG.error("watchdog: round failed: {}", e.toString());
        }
    }

    /** Takes the health indicator's newest probe as evidence once; a stuck probe is itself evidence. */
    private void observeProbe(Instant now) {
        ClickHouseHealthIndicator.Probe probe = health.lastProbe();
        if (probe == null) {
            return; // no probe has finished yet: no evidence either way
        }
        if (health.isStale(probe, now)) {
            watchdog.observe("no answer to the health probe since " + probe.at(), now);
        } else if (probeSeen == null || probe.at().isAfter(probeSeen)) {
            probeSeen = probe.at();
            watchdog.observe(probe.error(), probe.at());
        }
    }

    @Override
    public void onResults(TrackwatchSpec spec, DatasetSpec dataset, List<CheckResult> results, Instant now) {
        faultsByDataset.keySet().removeIf(name -> spec.dataset(name).isEmpty());
        faultsByDataset.put(dataset.name(),
                (int) results.stream().filter(CheckResult::monitorFault).map(CheckResult::check).distinct().count());
        RunFailure failure = RunFailure.of(results);
        evidence.add(new Evidence(failure == RunFailure.CLICKHOUSE_UNREACHABLE ? results.getFirst().reason() : null,
                Instant.now()));
    }

    @Override
    public List<BlindTime.Span> spans() {
        return watchdog.spans();
    }

    /** The receivers a critical monitor fault of {@code owner} is routed to under the running config. */
    static List<Receiver> receivers(TrackwatchSpec spec, String owner) {
        if (spec == null) {
            return List.of();
        }
        Map<String, String> labels = AlertLabels.of(spec, Watchdog.DATASET, Watchdog.CHECK, IncidentTracker.MONITOR_FAULT,
                Severity.CRITICAL, owner, null, Map.of());
        return Router.of(spec).route(labels).stream().map(RouteDecision::receiver).distinct().toList();
    }

    @PreDestroy
    void stop() {
        loop.shutdownNow();
    }
}
