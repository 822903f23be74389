package dev.trackwatch.incidents;

import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.TeamSpec;
import dev.trackwatch.config.TrackwatchSpec;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The label set of an alert, which routes, inhibit rules and silences match against. Built, in
 * increasing precedence, from: {@code metric} (the series judged) and the segment's key=value
 * pairs; the dataset's {@code labels:}; the check's {@code labels:} (so a check's
 * {@code metric: purchases} replaces the metric's own name); and the labels every alert carries,
 * which nothing overrides: {@code team}, {@code dataset}, {@code check}, {@code kind} and
 * {@code severity}. They are computed when an incident is opened or updated ({@link IncidentTracker})
 * and kept on the {@link Incident}, so routing never needs the check result again.
 */
public final class AlertLabels {

    /** The segment key whose value is an event name: its owning team, if declared, owns the alert. */
    public static final String EVENT_NAME = "event_name";

    private AlertLabels() {
    }

    /**
     * Returns the labels of an alert, sorted by name:
     * <ul>
     *   <li>{@code team}: the owner, except that a segment with an {@code event_name}
     *       owned by a team (its {@code events:}) belongs to that team;</li>
     *   <li>{@code dataset}, {@code check};</li>
     *   <li>{@code kind}: {@code monitor_fault} when the monitor is at fault, else the check's kind
     *       ({@code volume}, {@code freshness}, {@code null_rate}, {@code cardinality}, {@code latency},
     *       {@code schema_drift} or {@code custom});</li>
     *   <li>{@code severity}: {@code info}, {@code warning} or {@code critical};</li>
     *   <li>{@code metric} when there is one (null: none), each segment key, the dataset's and the check's labels.</li>
     * </ul>
     */
    public static Map<String, String> of(TrackwatchSpec spec, String dataset, String check, String kind,
                                         Severity severity, String owner, String metric, Map<String, String> segment) {
        Map<String, String> labels = new TreeMap<>();
        if (metric != null) {
            labels.put("metric", metric);
        }
        labels.putAll(segment);
        Optional<DatasetSpec> datasetSpec = spec.dataset(dataset);
        datasetSpec.ifPresent(d -> labels.putAll(d.labels()));
        datasetSpec.flatMap(d -> check(d, check)).ifPresent(c -> labels.putAll(c.common().labels()));
        labels.put("team", eventOwner(spec, segment.get(EVENT_NAME)).orElse(owner));
        labels.put("dataset", dataset);
        labels.put("check", check);
        labels.put("kind", kind);
        labels.put("severity", SeverityLabel.of(severity));
        return Collections.unmodifiableMap(labels);
    }

    /** Returns the labels of {@code incident} under {@code spec}, from its own fields. */
    public static Map<String, String> of(TrackwatchSpec spec, Incident incident) {
        return of(spec, incident.dataset(), incident.check(), incident.kind(), incident.severity(), incident.owner(),
                incident.metric(), incident.segment());
    }

    /**
     * Completes a hand-written label set (as {@code routes test --labels} takes) from the config,
     * adding what the alert of that dataset and check would carry and the set lacks: the owning
     * team, the check's severity and kind, the dataset's and the check's labels. Labels given are
     * kept as given; unknown datasets or checks add nothing.
     */
    public static Map<String, String> complete(TrackwatchSpec spec, Map<String, String> given) {
        Map<String, String> labels = new TreeMap<>();
        Optional<DatasetSpec> dataset = Optional.ofNullable(given.get("dataset")).flatMap(spec::dataset);
        Optional<CheckSpec> check = dataset.flatMap(d -> Optional.ofNullable(given.get("check")).flatMap(c -> check(d, c)));
        dataset.ifPresent(d -> labels.putAll(d.labels()));
        check.ifPresent(c -> labels.putAll(c.common().labels()));
        Optional<String> owner = eventOwner(spec, given.get(EVENT_NAME))
                .or(() -> check.map(c -> c.common().owner()))
                .or(() -> dataset.map(DatasetSpec::owner));
        owner.ifPresent(o -> labels.put("team", o));
        check.ifPresent(c -> labels.put("severity", SeverityLabel.of(c.common().severity())));
        check.ifPresent(c -> labels.put("kind", c.alertKind()));
        labels.putAll(given);
        return Collections.unmodifiableMap(labels);
    }

    private static Optional<CheckSpec> check(DatasetSpec dataset, String name) {
        return dataset.checks().stream().filter(c -> c.common().name().equals(name)).findFirst();
    }

    private static Optional<String> eventOwner(TrackwatchSpec spec, String event) {
        if (event == null) {
            return Optional.empty();
        }
        return spec.teams().stream().filter(t -> t.events().contains(event)).map(TeamSpec::name).findFirst();
    }
}
