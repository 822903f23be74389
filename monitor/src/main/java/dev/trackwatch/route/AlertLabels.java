package dev.trackwatch.route;

import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.TeamSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.evaluate.CheckResult;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The label set of an alert, which routes, inhibit rules and silences match against. Built, in
 * increasing precedence, from: {@code metric} (the series judged) and the segment's key=value
 * pairs; the dataset's {@code labels:}; the check's {@code labels:} (so a check's
 * {@code metric: purchases} replaces the metric's own name); and the labels every alert carries,
 * which nothing overrides: {@code team}, {@code dataset}, {@code check}, {@code kind} and
 * {@code severity}.
 */
public final class AlertLabels {

    /** The segment key whose value is an event name: its owning team, if declared, owns the alert. */
    public static final String EVENT_NAME = "event_name";
    /** The kind of a result in which the monitor, not the data, is at fault. */
    public static final String MONITOR_FAULT = "monitor_fault";

    private AlertLabels() {
    }

    /**
     * Returns the labels of a result's alert, sorted by name:
     * <ul>
     *   <li>{@code team}: the result's owner, except that a segment with an {@code event_name}
     *       owned by a team (its {@code events:}) belongs to that team;</li>
     *   <li>{@code dataset}, {@code check};</li>
     *   <li>{@code kind}: {@code monitor_fault} when the monitor is at fault, else the result's kind
     *       ({@code volume}, {@code freshness}, {@code null_rate}, {@code cardinality}, {@code latency},
     *       {@code schema_drift} or {@code custom});</li>
     *   <li>{@code severity}: {@code info}, {@code warning} or {@code critical};</li>
     *   <li>{@code metric} when the result names one, each segment key, the dataset's and the check's labels.</li>
     * </ul>
     */
    public static Map<String, String> of(TrackwatchSpec spec, CheckResult result) {
        Map<String, String> labels = new TreeMap<>();
        if (result.metric() != null) {
            labels.put("metric", result.metric());
        }
        labels.putAll(result.segment());
        Optional<DatasetSpec> dataset = spec.dataset(result.dataset());
        dataset.ifPresent(d -> labels.putAll(d.labels()));
        dataset.flatMap(d -> check(d, result.check())).ifPresent(c -> labels.putAll(c.common().labels()));
        labels.put("team", eventOwner(spec, result.segment().get(EVENT_NAME)).orElse(result.owner()));
        labels.put("dataset", result.dataset());
        labels.put("check", result.check());
        labels.put("kind", result.monitorFault() ? MONITOR_FAULT : result.kind());
        labels.put("severity", result.severity().name().toLowerCase(Locale.ROOT));
        return Collections.unmodifiableMap(labels);
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
        check.ifPresent(c -> labels.put("severity", c.common().severity().name().toLowerCase(Locale.ROOT)));
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
