package dev.trackwatch.evaluate;

import dev.trackwatch.detect.SeasonalDetector;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Detectors kept between runs, one per series, each having learned the series' settled history:
 * buckets before the scan window, which no later run re-observes. A run then feeds only the
 * buckets that settled since, and scores the unsettled recent ones on a copy, instead of
 * replaying weeks of history every few minutes. The verdicts are the same as a full replay's,
 * because settled values never change; an entry whose settings, metric definition or exclusions
 * changed, or that is asked about an earlier time (a run as of the past), is rebuilt from scratch.
 *
 * <p>A series that is no longer judged (an app version nobody runs any more, a segment or check
 * removed from the config, a dataset gone after a reload) is dropped once it has not been judged
 * for {@link #IDLE}; should it come back, it is rebuilt from its stored history like any new entry.
 */
public final class BaselineCache {

    /** A detector and how far it has learned. */
    static final class Entry {
        final String signature;
        final SeasonalDetector detector;
        Instant learnedUpTo;
        Instant seriesStart;
        /** The newest bucket judged with this detector, in series time; eviction goes by it. */
        volatile Instant lastJudged;

        Entry(String signature, SeasonalDetector detector) {
            this.signature = signature;
            this.detector = detector;
        }
    }

    /** How long an entry may go unjudged before it is dropped. */
    public static final java.time.Duration IDLE = java.time.Duration.ofDays(1);

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Returns the entry for {@code key} if it was built with {@code signature} and has not learned past {@code settled}. */
    Entry get(String key, String signature, Instant settled) {
        Entry e = entries.get(key);
        if (e == null || !e.signature.equals(signature) || e.learnedUpTo != null && e.learnedUpTo.isAfter(settled)) {
            return null;
        }
        return e;
    }

    void put(String key, Entry entry) {
        entries.put(key, entry);
    }

    /** Returns how many series have a cached detector. */
    public int size() {
        return entries.size();
    }

    /**
     * Drops the detectors whose newest judged bucket is more than {@link #IDLE} before
     * {@code now} (or that never judged one); returns how many were dropped.
     */
    public int evictIdle(Instant now) {
        Instant cutoff = now.minus(IDLE);
        int before = entries.size();
        entries.values().removeIf(e -> e.lastJudged == null || e.lastJudged.isBefore(cutoff));
        return before - entries.size();
    }

    /** Drops every cached detector of {@code dataset} (its history was replaced). */
    public void clear(String dataset) {
        entries.keySet().removeIf(k -> k.startsWith(dataset + "\u0000"));
    }
}
