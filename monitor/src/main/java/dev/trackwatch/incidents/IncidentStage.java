package dev.trackwatch.incidents;

import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.evaluate.CheckResult;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * The first of the alert stages: a dataset run's results, a reload's outcome or a hand-made change
 * become incident changes, stored in the {@link IncidentStore}; the later stages route and tell
 * them. The incidents themselves come from the pure {@link IncidentTracker} and
 * {@link ConfigReloadFaults}; this stage reads the active ones, applies, writes and logs.
 */
@Singleton
public class IncidentStage {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentStage.class);

    private final IncidentStore store;
    private final IncidentTracker tracker;
    private final String configOwner;
    /** The reload errors last turned into the config incident ("" for none); null until then. */
    private volatile String configReported;

    /**
     * @param resolveAfter healthy buckets that resolve an incident, unless its check says otherwise
     * @param configOwner the team that owns config incidents
     */
    public IncidentStage(IncidentStore store, @Value("${trackwatch.notify.resolve-after:" + ResolveAfter.DEFAULT + "}") int resolveAfter,
                         @Value("${trackwatch.notify.config-owner:platform}") String configOwner) {
        this.store = store;
        this.tracker = new IncidentTracker(resolveAfter);
        this.configOwner = configOwner;
    }

    /** Returns the store the incidents are kept in. */
    public IncidentStore store() {
        return store;
    }

    /** Turns one run's results on {@code dataset} into stored incident changes, judged under {@code spec}. */
    public List<IncidentChange> onResults(TrackwatchSpec spec, String dataset, List<CheckResult> results, Instant now) {
        List<IncidentChange> changes = tracker.apply(spec, store.active(dataset), results, now);
        store.write(changes, now);
        for (IncidentChange change : changes) {
            if (change.type() != IncidentChange.Type.UPDATED) {
                LOG.info("incident {} {}: {} {} {} {}", change.incident().id(), change.type(),
                        change.incident().dataset(), change.incident().check(), change.incident().segment(),
                        change.incident().reason());
            }
        }
        return changes;
    }

    /**
     * Opens, updates or resolves the config incident when the outcome of the last reload of the
     * checks directory changed since it was last reported; returns the stored changes.
     *
     * @param errors the last reload's errors, empty when it applied
     * @param runningHash the hash of the config still running
     */
    public List<IncidentChange> onReload(List<String> errors, String runningHash, Instant now) {
        String signature = String.join("\n", errors);
        if (signature.equals(configReported)) {
            return List.of();
        }
        List<IncidentChange> changes = ConfigReloadFaults.apply(store.active(ConfigReloadFaults.DATASET), errors,
                runningHash, configOwner, now);
        store.write(changes, now);
        for (IncidentChange change : changes) {
            LOG.info("incident {} {}: {}", change.incident().id(), change.type(), change.incident().reason());
        }
        configReported = signature;
        return changes;
    }

    /** Stores a hand-made change (acknowledge, close). */
    public void onManualChange(IncidentChange change, Instant now) {
        store.write(List.of(change), now);
    }
}
