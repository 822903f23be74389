package dev.trackwatch.incidents;

import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;

import java.util.HashMap;
import java.util.Map;

/**
 * How many healthy buckets in a row resolve an incident: the check's own {@code resolve_after},
 * else the daemon's {@code trackwatch.notify.resolve-after}. The daemon's notification stage and
 * the backtest both ask here, so they resolve incidents alike.
 */
public final class ResolveAfter {

    /** The default of {@code trackwatch.notify.resolve-after}: two healthy buckets resolve an incident. */
    public static final int DEFAULT = 2;

    private ResolveAfter() {
    }

    /**
     * Returns the checks of {@code dataset} that set {@code resolve_after}, by check name, as
     * {@link IncidentTracker#apply(Map, java.util.List, java.time.Instant, Map)} takes them; checks
     * that leave it unset are absent, so the tracker's default applies to them.
     */
    public static Map<String, Integer> byCheck(DatasetSpec dataset) {
        Map<String, Integer> byCheck = new HashMap<>();
        for (CheckSpec check : dataset.checks()) {
            if (check.common().resolveAfter() != null) {
                byCheck.put(check.common().name(), check.common().resolveAfter());
            }
        }
        return Map.copyOf(byCheck);
    }
}
