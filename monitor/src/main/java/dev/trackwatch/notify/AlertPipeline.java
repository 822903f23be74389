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

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The alert stages after the incidents stage, for one running config, in Alertmanager's order:
 * <ol>
 *   <li>route: the {@link Router} finds the receivers of an alert's labels;</li>
 *   <li>group: the {@link Dispatcher} keeps alerts in groups by receiver and {@code group_by}, and
 *       decides what each group has to say and when;</li>
 *   <li>mute: the {@link Muter}s in {@link #MUTE_ORDER} leave out silenced, inhibited and muted alerts;</li>
 *   <li>notify: the sink delivers (Slack retries and paces through {@link RetryingSender});</li>
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
        Router router = Router.of(spec);
        Muter mute = Muter.inOrder(List.of(new SilenceMuter(silences), Inhibitor.of(spec), new IntervalMuter(router)));
        return new AlertPipeline(spec, new Dispatcher(router::route, mute, log, sink, renderer));
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
