package dev.trackwatch.incidents;

/**
 * Where an incident is in its life. OPEN and ACKNOWLEDGED are active; RESOLVED closes it when the
 * series is healthy again; EXPECTED and FALSE_POSITIVE close it by hand and keep its buckets out
 * of the baseline's training.
 */
public enum IncidentState {
    OPEN, ACKNOWLEDGED, RESOLVED, EXPECTED, FALSE_POSITIVE;

    /** Returns the lower-case name used in storage, APIs and messages. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
