package dev.trackwatch.notify;

import dev.trackwatch.incidents.Incident;

import java.util.Map;

/**
 * The object that travels through the alert stages: an incident, in its newest version, with the
 * routing labels it carries. The route stage reads its labels, the group stage keeps it by
 * incident id, the mute stages ask about its labels, the message renderer reads its incident.
 *
 * @param incident the incident, its labels computed ({@link dev.trackwatch.incidents.AlertLabels})
 */
public record Alert(Incident incident) {

    /** Returns the labels routes, inhibit rules and silences match against. */
    public Map<String, String> labels() {
        return incident.labels();
    }
}
