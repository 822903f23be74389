package dev.trackwatch.notify;

import dev.trackwatch.state.StateDatabase;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentChange;
import dev.trackwatch.incidents.IncidentStage;
import dev.trackwatch.incidents.IncidentStore;
import dev.trackwatch.route.ActiveSilences;
import dev.trackwatch.route.SilenceStore;
import dev.trackwatch.run.RunListener;
import dev.trackwatch.state.StateStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The daemon's alert half, wired: after each dataset run its results go through the incidents
 * stage ({@link IncidentStage}), and every few seconds the other stages ({@link AlertPipeline}:
 * route, group, mute, notify, log) deliver what is due, to Slack with a bot token, else to the
 * outbox. The running config and reload failures come by event ({@link RunningConfig}). On the
 * first flush, and whenever the config changes, every active incident is read back and routed
 * again, so groups continue where the notification log says they were.
 */
@Singleton
@Requires(property = "trackwatch.run.scheduler-enabled", value = "true", defaultValue = "true")
public class NotificationService implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

    private final IncidentStage incidents;
    private final RunningConfig config;
    private final SilenceStore silences;
    private final NotificationLog log;
    private final NotificationSink sink;
    private final OutboxSink outbox;
    private final DSLContext dsl;
    private final StateDatabase database;
    private final String publicUrl;
    private final AlertPipeline.Delivering delivering;
    private volatile AlertPipeline pipeline;

    /**
     * The daemon's: deliveries run on a worker per receiver, so a slow or rate-limited receiver
     * never holds up check runs, the API or other receivers; a receiver that fails for good is told
     * to the config owner's receiver, else the outbox.
     */
    @Inject
    public NotificationService(IncidentStage incidents, RunningConfig config, SilenceStore silences,
                               NotificationLog log, NotificationSink sink, OutboxSink outbox, DSLContext dsl,
                               StateDatabase database,
                               @Value("${trackwatch.public-url:`http://localhost:8080`}") String publicUrl,
                               @Value("${trackwatch.notify.config-owner:platform}") String configOwner,
                               Optional<MeterRegistry> registry) {
        this(incidents, config, silences, log, sink, outbox, dsl, database, publicUrl, new AlertPipeline.Delivering(
                DeliveryQueues.threaded(registry.orElse(null), Clock.systemUTC()),
                registry.<MeterRegistry>map(r -> r).orElseGet(SimpleMeterRegistry::new), configOwner,
                outbox));
    }

    /** Delivers on the flushing thread (a flush returns what it delivered): for tools and tests. */
    public NotificationService(IncidentStage incidents, RunningConfig config, SilenceStore silences,
                               NotificationLog log, NotificationSink sink, OutboxSink outbox, DSLContext dsl,
                               StateDatabase database, String publicUrl) {
        this(incidents, config, silences, log, sink, outbox, dsl, database, publicUrl, AlertPipeline.Delivering.INLINE);
    }

    NotificationService(IncidentStage incidents, RunningConfig config, SilenceStore silences,
                        NotificationLog log, NotificationSink sink, OutboxSink outbox, DSLContext dsl,
                        StateDatabase database, String publicUrl, AlertPipeline.Delivering delivering) {
        this.delivering = delivering;
        this.incidents = incidents;
        this.config = config;
        this.silences = silences;
        this.log = log;
        this.sink = sink;
        this.outbox = outbox;
        this.dsl = dsl;
        this.database = database;
        this.publicUrl = publicUrl;
    }

    /** Turns one dataset run's results into incidents and hands their changes to the later stages. */
    @Override
    public void onResults(TrackwatchSpec spec, DatasetSpec dataset, List<CheckResult> results, Instant now) {
        try {
            AlertPipeline p = pipeline(spec, now);
            for (IncidentChange change : incidents.onResults(spec, dataset.name(), results, now)) {
                p.observe(change.incident(), now);
            }
        } catch (RuntimeException e) {
            LOG.warn("incidents of {} not updated: {}", dataset.name(), e.getMessage());
        }
    }

    /** Delivers what is due; runs every few seconds. */
    @Scheduled(fixedDelay = "${trackwatch.notify.flush-interval:5s}", initialDelay = "5s")
    void flush() {
        flushAt(Instant.now());
    }

    /**
     * Delivers what is due at {@code now}; returns what was delivered: by this call when delivering
     * inline, else what the receivers' workers finished since the last flush.
     */
    List<Notification> flushAt(Instant now) {
        TrackwatchSpec spec = config.current();
        if (spec == null) {
            return List.of();
        }
        try {
            AlertPipeline p = pipeline(spec, now);
            // A rejected reload is a config incident (ConfigReloadFaults), told like any other.
            for (IncidentChange change : incidents.onReload(config.rejectedErrors(), spec.hash(), now)) {
                p.observe(change.incident(), now);
            }
            return p.flush(now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("notifications not flushed: {}", e.getMessage());
        }
        return List.of();
    }

    /** Returns the outbox's lines (what was delivered without Slack), oldest first. */
    public List<String> outbox() {
        return outbox.lines();
    }

    /** Returns the incident store. */
    public IncidentStore incidents() {
        return incidents.store();
    }

    /** Returns the running config, or null before the first reload applied. */
    public TrackwatchSpec currentConfig() {
        return config.current();
    }

    /** Applies a hand-made change (acknowledge, close) and notifies like any other change. */
    public void onManualChange(TrackwatchSpec spec, IncidentChange change, Instant now) {
        incidents.onManualChange(change, now);
        pipeline(spec, now).observeStored(change.incident(), now);
    }

    /**
     * Returns, by incident id, why active incidents are not told right now (silence, inhibition,
     * mute interval); empty before the first run.
     */
    public Map<String, String> suppressed(Instant now) {
        AlertPipeline p = pipeline;
        return p == null ? Map.of() : p.suppressed(now);
    }

    /** The stages for the running config; built again (routes, inhibitions) when the config changes. */
    private synchronized AlertPipeline pipeline(TrackwatchSpec spec, Instant now) {
        if (pipeline == null || !spec.hash().equals(pipeline.configHash())) {
            new StateStore(dsl, database.name()).migrate(); // the first flush may come before the first run
            silences.migrate();
            MessageRenderer renderer = new MessageRenderer(config::current, publicUrl,
                    new IncidentCharts(dsl, database.name()));
            AlertPipeline fresh = AlertPipeline.of(spec, new ActiveSilences(silences), log, sink, renderer, delivering);
            // A new config re-routes every active incident; the log keeps groups from repeating themselves.
            Set<String> seen = new HashSet<>();
            for (Incident incident : incidents.store().list(true, 10_000)) {
                fresh.observeStored(incident, now);
                seen.add(incident.id());
            }
            // The log, not the active list, says what is still owed: an incident that ended before a
            // restart, its RESOLVED (or its whole story, after an outage) not yet told.
            for (String id : log.owedIncidents()) {
                if (!seen.contains(id)) {
                    incidents.store().get(id).ifPresent(incident -> fresh.observeStored(incident, now));
                }
            }
            pipeline = fresh;
        }
        return pipeline;
    }

    /** Stops the delivery workers; what they had not sent stays pending in the log for the next start. */
    @PreDestroy
    public void close() {
        delivering.queues().close();
    }
}
