package dev.trackwatch.evaluate;

import dev.trackwatch.config.CalendarEntry;
import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.state.SegmentKey;
import dev.trackwatch.state.StateStore;
import dev.trackwatch.state.StoredObservation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored past of a dataset's series, which seasonal baselines learn from, and the spans they
 * must not learn from: calendar entries (maintenance, holidays) and training exclusions recorded
 * by the incidents stage (incidents closed as expected or false positive).
 */
public final class History {

    /** No history: seasonal baselines are skipped, only static rules judge. */
    public static final History NONE = new History("", Map.of(), List.of(), List.of(), Map.of(), null);

    private final String dataset;
    private final Map<SeriesId, List<StoredObservation>> bySeries;
    private final List<CalendarEntry> calendar;
    private final List<StateStore.Exclusion> exclusions;
    private final Map<String, String> definitions;
    private final BaselineCache cache;

    /**
     * @param dataset the dataset
     * @param observations its stored observations, any order
     * @param calendar the spec's calendar
     * @param exclusions the dataset's recorded training exclusions
     */
    public History(String dataset, List<StoredObservation> observations, List<CalendarEntry> calendar,
                   List<StateStore.Exclusion> exclusions) {
        this(dataset, group(observations), calendar, exclusions, Map.of(), null);
    }

    /**
     * A history whose baselines are kept between runs in {@code cache}.
     *
     * @param definitions each metric's definition fingerprint; a changed one rebuilds its baselines
     */
    public History(String dataset, List<StoredObservation> observations, List<CalendarEntry> calendar,
                   List<StateStore.Exclusion> exclusions, Map<String, String> definitions, BaselineCache cache) {
        this(dataset, group(observations), calendar, exclusions, definitions, cache);
    }

    private History(String dataset, Map<SeriesId, List<StoredObservation>> bySeries, List<CalendarEntry> calendar,
                    List<StateStore.Exclusion> exclusions, Map<String, String> definitions, BaselineCache cache) {
        this.dataset = dataset;
        this.bySeries = bySeries;
        this.calendar = List.copyOf(calendar);
        this.exclusions = List.copyOf(exclusions);
        this.definitions = Map.copyOf(definitions);
        this.cache = cache;
    }

    /** Returns where baselines are kept between runs, or null to rebuild them every run. */
    BaselineCache cache() {
        return cache;
    }

    /** Returns the dataset's name. */
    String dataset() {
        return dataset;
    }

    /**
     * Returns what a cached baseline of {@code metric} depends on besides its settings: the metric's
     * definition and every span excluded from training.
     */
    String signature(SeriesKey metric) {
        return definitions.getOrDefault(metric.name(), "") + "|" + calendar.hashCode() + "|" + exclusions.hashCode();
    }

    /** Returns whether there is any history at all (false for {@link #NONE}). */
    public boolean available() {
        return this != NONE;
    }

    /** Returns one series' stored observations, oldest first. */
    public List<StoredObservation> series(SeriesKey metric, Map<String, String> segment) {
        return bySeries.getOrDefault(key(metric, SegmentKey.of(segment)), List.of());
    }

    /** Returns why {@code bucket} of a series must not be learned from, or null when it may be. */
    public String excluded(String check, SeriesKey metric, Map<String, String> segment, Instant bucket) {
        for (CalendarEntry entry : calendar) {
            if (entry.covers(dataset, bucket)) {
                return entry.kind() + " " + entry.name();
            }
        }
        String segmentKey = SegmentKey.of(segment);
        for (StateStore.Exclusion e : exclusions) {
            if ((e.check().isEmpty() || e.check().equals(check)) && (e.metric().isEmpty() || e.metric().equals(metric.name()))
                    && (e.segmentKey().isEmpty() || e.segmentKey().equals(segmentKey))
                    && !bucket.isBefore(e.from()) && bucket.isBefore(e.to())) {
                return e.reason();
            }
        }
        return null;
    }

    private static Map<SeriesId, List<StoredObservation>> group(List<StoredObservation> observations) {
        Map<SeriesId, List<StoredObservation>> bySeries = new HashMap<>();
        for (StoredObservation o : observations) {
            bySeries.computeIfAbsent(key(o.metric(), SegmentKey.of(o.segment())), k -> new ArrayList<>()).add(o);
        }
        bySeries.values().forEach(list -> list.sort(java.util.Comparator.comparing(StoredObservation::bucketStart)));
        return bySeries;
    }

    private static SeriesId key(SeriesKey metric, String segmentKey) {
        return new SeriesId(metric, segmentKey);
    }

    private record SeriesId(SeriesKey metric, String segmentKey) {
    }
}
