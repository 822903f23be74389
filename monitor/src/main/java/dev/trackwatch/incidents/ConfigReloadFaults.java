package dev.trackwatch.incidents;

import dev.trackwatch.config.Severity;
import dev.trackwatch.config.TrackwatchSpec;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rejected reload of the checks directory as an incident: the daemon keeps running its last good
 * config, so edited checks keep their old settings and new ones do not run, and someone has to
 * fix the tree. It is a monitor fault of the pseudo-dataset {@value #DATASET} (a name no dataset
 * can have), opened by the first rejected reload, updated when the errors change, and resolved by
 * the next reload that applies.
 */
public final class ConfigReloadFaults {

    /** The dataset of config incidents; dataset names cannot contain '/'. */
    public static final String DATASET = "checks/";
    /** The check and metric name of config incidents. */
    public static final String CHECK = "config_reload";
    /** How many of the located errors the incident's reason quotes. */
    private static final int QUOTED_ERRORS = 3;
    /**
     * The config the labels of config incidents are computed under: none, since no config can
     * declare the pseudo-dataset (its labels are the ones every alert carries).
     */
    private static final TrackwatchSpec NO_CONFIG = new TrackwatchSpec(List.of(), List.of(), List.of(), "");

    private ConfigReloadFaults() {
    }

    /**
     * Returns the change that brings {@code active} (the open config incidents, by key) in line with
     * the last reload: {@code errors} empty when it applied.
     *
     * @param runningHash the hash of the config still running
     * @param owner the team the incident belongs to (routing may send monitor faults elsewhere)
     */
    public static List<IncidentChange> apply(Map<String, Incident> active, List<String> errors, String runningHash,
                                             String owner, Instant at) {
        String key = IncidentKeys.key(DATASET, CHECK, CHECK, Map.of());
        Incident current = active.get(key);
        if (errors.isEmpty()) {
            if (current == null) {
                return List.of();
            }
            Incident resolved = version(current, IncidentState.RESOLVED, current.reason(), at);
            active.remove(key);
            return List.of(new IncidentChange(IncidentChange.Type.RESOLVED, resolved));
        }
        String reason = reason(errors, runningHash);
        if (current == null) {
            Incident opened = Incident.builder().id(IncidentKeys.id(key, at)).dataset(DATASET).check(CHECK)
                    .metric(CHECK).segment(Map.of()).kind(IncidentTracker.MONITOR_FAULT).severity(Severity.CRITICAL)
                    .owner(owner).state(IncidentState.OPEN).openedAt(at).updatedAt(at).reason(reason).build();
            opened = opened.withLabels(AlertLabels.of(NO_CONFIG, opened));
            active.put(key, opened);
            return List.of(new IncidentChange(IncidentChange.Type.OPENED, opened));
        }
        if (current.reason().equals(reason)) {
            return List.of();
        }
        Incident updated = version(current, current.state(), reason, at);
        active.put(key, updated);
        return List.of(new IncidentChange(IncidentChange.Type.UPDATED, updated));
    }

    /** Returns true when {@code incident} is a config incident. */
    public static boolean isConfigFault(Incident incident) {
        return DATASET.equals(incident.dataset()) && CHECK.equals(incident.check());
    }

    static String reason(List<String> errors, String runningHash) {
        String hash = runningHash == null ? "none" : runningHash.substring(0, Math.min(12, runningHash.length()));
        String quoted = String.join("; ", errors.subList(0, Math.min(QUOTED_ERRORS, errors.size())));
        int more = errors.size() - QUOTED_ERRORS;
        return "the checks directory was rejected with " + errors.size() + (errors.size() == 1 ? " error" : " errors")
                + "; still running config " + hash + ": " + quoted + (more > 0 ? " (and " + more + " more)" : "");
    }

    private static Incident version(Incident i, IncidentState state, String reason, Instant at) {
        return i.toBuilder().state(state).updatedAt(at).reason(reason).version(i.version() + 1)
                .labels(AlertLabels.of(NO_CONFIG, i)).build();
    }
}
