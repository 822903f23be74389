package dev.trackwatch.config;

import java.util.List;

/**
 * A team that owns datasets and events and receives their alerts.
 *
 * @param name team name, referenced by {@code owner:}
 * @param slackChannel the team's alert channel, e.g. {@code #growth-alerts}
 * @param datasets datasets the team owns
 * @param events event names the team owns (their checks' results go to this team)
 * @param location where the team is defined
 */
public record TeamSpec(String name, String slackChannel, List<String> datasets, List<String> events,
                       SourceLocation location) {

    public TeamSpec {
        datasets = List.copyOf(datasets);
        events = List.copyOf(events);
    }
}
