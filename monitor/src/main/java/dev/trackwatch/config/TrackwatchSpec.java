package dev.trackwatch.config;

import java.util.List;
import java.util.Optional;

/**
 * Everything checks/ defines, validated: teams, datasets with their checks, and the tracking
 * plan. Immutable; a reload builds a new one and swaps it in only when it is valid.
 *
 * @param teams the teams
 * @param datasets the datasets
 * @param trackingPlan the event contracts
 * @param hash a stable hash of the files' contents, exported as a metric and stored with results
 * @param calendar maintenance windows and holidays that baselines do not learn from
 * @param routing where alerts go; {@link RoutingSpec#DEFAULT} (every alert to its owner) when checks/ has no {@code routing:}
 */
public record TrackwatchSpec(List<TeamSpec> teams, List<DatasetSpec> datasets, List<EventContract> trackingPlan,
                             String hash, List<CalendarEntry> calendar, RoutingSpec routing) {

    public TrackwatchSpec {
        teams = List.copyOf(teams);
        datasets = List.copyOf(datasets);
        trackingPlan = List.copyOf(trackingPlan);
        calendar = List.copyOf(calendar);
        routing = routing == null ? RoutingSpec.DEFAULT : routing;
    }

    /** A spec with the default routing. */
    public TrackwatchSpec(List<TeamSpec> teams, List<DatasetSpec> datasets, List<EventContract> trackingPlan,
                          String hash, List<CalendarEntry> calendar) {
        this(teams, datasets, trackingPlan, hash, calendar, RoutingSpec.DEFAULT);
    }

    /** A spec with an empty calendar. */
    public TrackwatchSpec(List<TeamSpec> teams, List<DatasetSpec> datasets, List<EventContract> trackingPlan,
                          String hash) {
        this(teams, datasets, trackingPlan, hash, List.of());
    }

    /** Returns the team with this name. */
    public Optional<TeamSpec> team(String name) {
        return teams.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Returns the dataset with this name. */
    public Optional<DatasetSpec> dataset(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
