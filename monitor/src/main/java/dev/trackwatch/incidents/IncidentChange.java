package dev.trackwatch.incidents;

/**
 * What happened to an incident in one run: the routing and notification stages act on these.
 *
 * @param type opened, updated (a new failing bucket), resolved, acknowledged or closed
 * @param incident the incident after the change
 */
public record IncidentChange(Type type, Incident incident) {

    /** The kinds of change. */
    public enum Type {
        OPENED, UPDATED, RESOLVED, ACKNOWLEDGED, CLOSED
    }
}
