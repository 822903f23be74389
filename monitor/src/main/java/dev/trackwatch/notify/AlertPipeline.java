package dev.trackwatch.notify;

import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.incidents.AlertLabels;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.route.ActiveSilences;
import dev.trackwatch.route.Inhibitor;
import dev.trackwatch.route.IntervalMuter;
import dev.trackwatch.route.Muter;
import dev.trackwatch.route.Router;
import dev.trackwatch.route.SilenceMuter;

import dev.trackwatch.config.Severity;
import dev.trackwatch.incidents.IncidentTracker;
import dev.trackwatch.route.Receiver;
import dev.trackwatch.route.RouteDecision;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alert stages after the incidents stage, for one running config, in Alertmanager's order:
 * <ol>
 *   <li>route: the {@link Router} finds the receivers of an alert's labels;</li>
 *   <li>group: the {@link Dispatcher} keeps alerts in groups by receiver and {@code group_by}, and
 *       decides what each group has to say and when;</li>
 *   <li>mute: the {@link Muter}s in {@link #MUTE_ORDER} leave out silenced, inhibited and muted alerts;</li>
 *   <li>notify: the sink delivers (Slack retries and paces through {@link RetryingSender}), on a
 *       worker per receiver ({@link DeliveryQueues}); a permanent failure is told to the config
 *       owner ({@link FailureEscalation});</li>
 *   <li>log: the {@link NotificationLog} records it pending, then sent.</li>
 * </ol>
 * An {@link Alert} (an incident with its labels) travels through them. Built again when the config
 * changes; the log lets the new groups continue where the old ones were.
 */
final class AlertPipeline {

    /** The mute stages, in the order asked: the first that mutes gives the reason shown. */
    static final List<String> MUTE_ORDER = List.of("silence", "inhibition", "mute time interval");

    private final TrackwatchSpec spec;
    private final Dispatcher dispatcher;

    private AlertPipeline(TrackwatchSpec spec, Dispatcher dispatcher) {
        this.spec = spec;
        this.dispatcher = dispatcher;
    }

    /** The stages for {@code spec}: its routes, silences read once per flush, its inhibit rules and intervals. */
    static AlertPipeline of(TrackwatchSpec spec, ActiveSilences silences, NotificationLog log, NotificationSink sink,
                            MessageRenderer renderer) {
        return of(spec, silences, log, sink, renderer, Delivering.INLINE);
    }

    /**
     * How the pipeline delivers: its queues (shared by the pipelines of one daemon, so a delivery
     * outlives a config change), metrics, the config owner told of permanent failures, and the outbox.
     */
    record Delivering(DeliveryQueues queues, MeterRegistry registry, String configOwner, NotificationSink outbox) {
        static final Delivering INLINE = new Delivering(DeliveryQueues.inline(), new SimpleMeterRegistry(), null, null);
    }

    /** The stages for {@code spec}, delivering as {@code delivering} says. */
    static AlertPipeline of(TrackwatchSpec spec, ActiveSilences silences, NotificationLog log, NotificationSink sink,
                            MessageRenderer renderer, Delivering delivering) {
        Router router = Router.of(spec);
        Muter mute = Muter.inOrder(List.of(new SilenceMuter(silences), Inhibitor.of(spec), new IntervalMuter(router)));
        FailureEscalation escalation = delivering.configOwner() == null ? FailureEscalation.NONE
                : new FailureEscalation(failing -> ownerReceiver(spec, router, delivering.configOwner(), failing), sink,
                        delivering.outbox());
        Deliverer deliverer = new Deliverer(log, sink, delivering.registry(), escalation);
        return new AlertPipeline(spec, new Dispatcher(router::route, mute, deliverer, renderer, delivering.queues()));
    }

    /** The receiver a delivery fault reaches: routed as a monitor fault of the config owner's, like the config incident. */
    private static Optional<Receiver> ownerReceiver(TrackwatchSpec spec, Router router, String owner, String failing) {
        Map<String, String> labels = AlertLabels.of(spec, "trackwatch", "delivery", IncidentTracker.MONITOR_FAULT,
                Severity.CRITICAL, owner, null, Map.of("receiver", failing));
        return router.route(labels).stream().map(RouteDecision::receiver).findFirst();
    }

    /** Returns the hash of the config the stages were built for. */
    String configHash() {
        return spec.hash();
    }

    /** Takes in the newest version of an incident, with the labels it carries. */
    void observe(Incident incident, Instant now) {
        dispatcher.observe(new Alert(incident), now);
    }

    /**
     * Takes in a stored incident under this config: its labels are computed again, since they
     * depend on the config (team events, dataset and check labels) and rows written before labels
     * were stored have none.
     */
    void observeStored(Incident incident, Instant now) {
        observe(incident.withLabels(AlertLabels.of(spec, incident)), now);
    }

    /** Sends what is due; returns what was delivered. */
    List<Notification> flush(Instant now) throws InterruptedException {
        return dispatcher.flush(now);
    }

    /** Returns, by incident id, why active incidents are not told right now. */
    Map<String, String> suppressed(Instant now) {
        return dispatcher.suppressed(now);
    }
}
