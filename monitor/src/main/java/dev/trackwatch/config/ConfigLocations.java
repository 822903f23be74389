package dev.trackwatch.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each setting of a loaded {@link TrackwatchSpec} was written, finer than the spec records'
 * own locations: the node of {@code table:}, of the third entry of {@code segments:}, of a check's
 * {@code columns:} entry. Whoever validates a spec against the outside world (the ClickHouse
 * reference validator, later the planner) reports its findings at the YAML node that names the
 * offending thing, as the loader does.
 *
 * <p>Settings are keyed by dataset name, check name (null for the dataset's own settings) and
 * field: the YAML key, with {@code [i]} for the i-th (zero-based) element of a list, e.g.
 * {@code segments[2]} or {@code columns[0]}. A lookup that finds nothing falls back to the check's,
 * then the dataset's location, so a spec built without an index still gets usable locations.
 */
public final class ConfigLocations {

    /** An index that knows nothing: every lookup falls back to the spec records' locations. */
    public static final ConfigLocations NONE = new ConfigLocations(Map.of());

    private final Map<Key, SourceLocation> locations;

    private ConfigLocations(Map<Key, SourceLocation> locations) {
        this.locations = Map.copyOf(locations);
    }

    /** Returns the field name of the {@code index}-th element of list {@code field}, e.g. {@code segments[2]}. */
    public static String element(String field, int index) {
        return field + "[" + index + "]";
    }

    /** Returns where {@code field} of the dataset was written, else where the dataset was. */
    public SourceLocation dataset(DatasetSpec dataset, String field) {
        return locations.getOrDefault(new Key(dataset.name(), null, field), dataset.location());
    }

    /** Returns where {@code field} of the check was written, else where the check was. */
    public SourceLocation check(DatasetSpec dataset, CheckSpec check, String field) {
        return locations.getOrDefault(new Key(dataset.name(), check.common().name(), field),
                check.common().location());
    }

    /** Returns how many settings are indexed. */
    public int size() {
        return locations.size();
    }

    /** Returns an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects locations while the loader reads; the first location recorded for a key wins. */
    public static final class Builder {
        private final Map<Key, SourceLocation> locations = new HashMap<>();

        /** Records where a setting of a check was written. */
        public void put(String dataset, String check, String field, SourceLocation location) {
            locations.putIfAbsent(new Key(dataset, check, field), location);
        }

        /** Returns the index. */
        public ConfigLocations build() {
            return new ConfigLocations(locations);
        }
    }

    private record Key(String dataset, String check, String field) {
    }
}
