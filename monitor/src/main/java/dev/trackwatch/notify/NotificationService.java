package dev.trackwatch.notify;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.incidents.ConfigReloadFaults;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.IncidentChange;
import dev.trackwatch.incidents.IncidentStore;
import dev.trackwatch.incidents.IncidentTracker;
import dev.trackwatch.incidents.ResolveAfter;
import dev.trackwatch.route.AlertLabels;
import dev.trackwatch.route.Inhibitor;
import dev.trackwatch.route.Router;
import dev.trackwatch.route.SilenceStore;
import dev.trackwatch.run.RunListener;
import dev.trackwatch.schedule.ChecksHolder;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon's incident and notification stages: after each dataset run its results become
 * incident changes (stored in ClickHouse), the changes are routed and grouped, and every few
 * seconds what is due is delivered, to Slack with a bot token, else to the outbox. On start the
 * active incidents are read back, so groups continue where the notification log says they were.
 */
@Singleton
@io.micronaut.context.annotation.Requires(property = "trackwatch.run.scheduler-enabled", value = "true", defaultValue = "true")
public class NotificationService implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

    private final ChecksHolder checks;
    private final IncidentStore incidents;
    private final IncidentTracker tracker;
    private final SilenceStore silences;
    private final OutboxSink outbox;
    private final NotificationSink sink;
    private final NotificationLog log;
    private final String publicUrl;
    private final DSLContext dsl;
    private volatile Dispatcher dispatcher;
    private volatile String routedHash;
    private final String configOwner;
    /** The reload errors last turned into the config incident ("" for none); null until then. */
    private volatile String configReported;

    public NotificationService(ChecksHolder checks, DSLContext dsl,
                               @Value("${trackwatch.notify.outbox:outbox.jsonl}") Path outboxFile,
                               @Value("${trackwatch.notify.resolve-after:" + ResolveAfter.DEFAULT + "}") int resolveAfter,
                               @Value("${trackwatch.public-url:`http://localhost:8080`}") String publicUrl,
                               @Value("${trackwatch.notify.config-owner:platform}") String configOwner,
                               Optional<SlackNotifier> slack, Optional<RetryingSender> sender) {
        this.checks = checks;
        this.configOwner = configOwner;
        this.dsl = dsl;
        this.incidents = new IncidentStore(dsl, "trackwatch");
        this.tracker = new IncidentTracker(resolveAfter);
        this.silences = new SilenceStore(dsl, "trackwatch");
        this.log = new NotificationLog(dsl, "trackwatch");
        this.outbox = new OutboxSink(outboxFile);
        this.sink = slack.isPresent() && sender.isPresent() ? new SlackSink(slack.get(), sender.get()) : outbox;
        this.publicUrl = publicUrl;
        LOG.info("notifications go to {}", slack.isPresent() ? "Slack" : "the outbox " + outboxFile.toAbsolutePath());
    }

    /** Turns one dataset run's results into incidents and hands their changes to the dispatcher. */
    @Override
    public void onResults(TrackwatchSpec spec, DatasetSpec dataset, List<CheckResult> results, Instant now) {
        try {
            Dispatcher d = dispatcher(spec, now);
            Map<String, Incident> active = incidents.active(dataset.name());
            List<IncidentChange> changes = tracker.apply(active, results, now, ResolveAfter.byCheck(dataset));
            incidents.write(changes, now);
            for (IncidentChange change : changes) {
                d.observe(alert(spec, change.incident()), now);
                if (change.type() != IncidentChange.Type.UPDATED) {
                    LOG.info("incident {} {}: {} {} {} {}", change.incident().id(), change.type(),
                            change.incident().dataset(), change.incident().check(), change.incident().segment(),
                            change.incident().reason());
                }
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

    /** Delivers what is due at {@code now}; returns what was delivered. */
    List<Notification> flushAt(Instant now) {
        TrackwatchSpec spec = checks.current();
        if (spec == null) {
            return List.of();
        }
        try {
            Dispatcher d = dispatcher(spec, now);
            reportConfig(spec, d, now);
            return d.flush(now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("notifications not flushed: {}", e.getMessage());
        }
        return List.of();
    }

    /**
     * Opens, updates or resolves the config incident when the outcome of the last reload of the
     * checks directory changed since it was last reported (see {@link ConfigReloadFaults}).
     */
    private void reportConfig(TrackwatchSpec spec, Dispatcher d, Instant now) {
        List<String> errors = checks.failure().map(ChecksHolder.ReloadFailure::errors).orElse(List.of());
        String signature = String.join("\n", errors);
        if (signature.equals(configReported)) {
            return;
        }
        List<IncidentChange> changes = ConfigReloadFaults.apply(incidents.active(ConfigReloadFaults.DATASET), errors,
                spec.hash(), configOwner, now);
        incidents.write(changes, now);
        for (IncidentChange change : changes) {
            d.observe(alert(spec, change.incident()), now);
            LOG.info("incident {} {}: {}", change.incident().id(), change.type(), change.incident().reason());
        }
        configReported = signature;
    }

    /** Returns the outbox's lines (what was delivered without Slack), oldest first. */
    public List<String> outbox() {
        return outbox.lines();
    }

    /** Returns the incident store. */
    public IncidentStore incidents() {
        return incidents;
    }

    /** Returns the silence store. */
    public SilenceStore silences() {
        return silences;
    }

    /** Applies a hand-made change (acknowledge, close) and notifies like any other change. */
    public void onManualChange(TrackwatchSpec spec, IncidentChange change, Instant now) {
        incidents.write(List.of(change), now);
        dispatcher(spec, now).observe(alert(spec, change.incident()), now);
    }

    /**
     * Returns, by incident id, why active incidents are not told right now (silence, inhibition,
     * mute interval); empty before the first run.
     */
    public Map<String, String> suppressed(Instant now) {
        Dispatcher d = dispatcher;
        return d == null ? Map.of() : d.suppressed(now);
    }

    /** The dispatcher for the running config; rebuilt (routes, inhibitions) when the config changes. */
    private synchronized Dispatcher dispatcher(TrackwatchSpec spec, Instant now) {
        if (dispatcher == null || !spec.hash().equals(routedHash)) {
            new dev.trackwatch.state.StateStore(dsl).migrate(); // the first flush may come before the first run
            silences.migrate();
            Router router = Router.of(spec);
            Inhibitor inhibitor = Inhibitor.of(spec);
            MessageRenderer renderer = new MessageRenderer(checks::current, publicUrl, new IncidentCharts(dsl));
            // One read of the active silences per flush (a flush asks about every alert at the same instant).
            java.util.concurrent.atomic.AtomicReference<Map.Entry<Instant, List<dev.trackwatch.route.Silence>>> active =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Dispatcher.Suppression suppression = (labels, route, firing, at) -> {
                Map.Entry<Instant, List<dev.trackwatch.route.Silence>> cached = active.get();
                if (cached == null || !cached.getKey().equals(at)) {
                    cached = Map.entry(at, silences.active(at));
                    active.set(cached);
                }
                Optional<String> silenced = cached.getValue().stream().filter(s -> s.matches(labels))
                        .map(s -> "silence " + s.id()).findFirst();
                if (silenced.isPresent()) {
                    return silenced;
                }
                Optional<String> inhibited = inhibitor.inhibitedBy(labels, firing);
                return inhibited.isPresent() ? inhibited
                        : router.muted(route, at) ? Optional.of("mute time interval") : Optional.empty();
            };
            Dispatcher fresh = new Dispatcher(router::route, suppression, log, sink, renderer);
            // A new config re-routes every active incident; the log keeps groups from repeating themselves.
            for (Incident incident : incidents.list(true, 10_000)) {
                fresh.observe(alert(spec, incident), now);
            }
            dispatcher = fresh;
            routedHash = spec.hash();
        }
        return dispatcher;
    }

    /** The incident as an alert with its routing labels. */
    static Dispatcher.Alert alert(TrackwatchSpec spec, Incident i) {
        boolean fault = i.kind().equals(IncidentTracker.MONITOR_FAULT);
        CheckResult asResult = new CheckResult(i.dataset(), i.check(), i.kind(),
                Severity.valueOf(i.severity().toUpperCase(Locale.ROOT)), i.owner(),
                fault ? Outcome.NOT_EVALUATED : Outcome.FAILED, i.metric(), i.segment(), i.lastBucket(), i.observed(),
                i.reason(), fault);
        return new Dispatcher.Alert(i, AlertLabels.of(spec, asResult));
    }
}
