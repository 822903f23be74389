package dev.trackwatch.loader;

import dev.trackwatch.config.*;

import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one entry of a dataset's {@code checks:}: the settings every check has, then those of its
 * type (see {@link CheckTypeReader}). Owners and runbooks are checked later, against all files.
 */
final class CheckReader {

    /** The check types, in the order the docs list them. */
    static final List<String> TYPES = List.of("volume", "freshness", "null_rate", "cardinality", "latency",
            "schema", "custom");

    /** Keys each type reads besides the common ones; only used to explain a key put on the wrong type. */
    static final Map<String, Set<String>> TYPE_KEYS = Map.of(
            "volume", Set.of("segments", "min_segment_rows", "fail", "warn"),
            "freshness", Set.of("max_event_age", "max_ingestion_age", "expect_rows_every_bucket"),
            "null_rate", Set.of("columns", "segments", "fail", "warn"),
            "cardinality", Set.of("columns", "mode", "segments", "fail", "warn"),
            "latency", Set.of("late_after", "segments", "p95", "late_share"),
            "schema", Set.of("columns", "allow_extra_columns", "tracking_plan", "properties_column",
                    "event_name_column", "schema_version_column", "fail", "warn"),
            "custom", Set.of("expression", "segments", "fail", "warn"));

    /** More healthy buckets than this before resolving would keep an incident open for weeks. */
    private static final long MAX_RESOLVE_AFTER = 1000;

    private CheckReader() {
    }

    /**
     * What a check needs to know of its dataset while it is read.
     *
     * @param dataset the dataset's name
     * @param segments the dataset's segments, which bound the check's
     * @param hasIngestionTime whether the dataset names an ingestion-time column
     * @param locations the index the check's field locations go into
     */
    record DatasetContext(String dataset, List<String> segments, boolean hasIngestionTime,
                          ConfigLocations.Builder locations) {
    }

    /**
     * A check as read; {@code build} turns the resolved common settings into the typed record.
     *
     * @param owner the check's own owner, or null to inherit the dataset's
     * @param trackingPlanAt where a schema check enables the tracking plan, or null
     */
    record CheckDraft(String name, Severity severity, String owner, SourceLocation ownerAt, String runbook,
                      SourceLocation runbookAt, Map<String, String> labels, SourceLocation location,
                      SourceLocation nameAt, Function<CheckCommon, CheckSpec> build, SourceLocation trackingPlanAt,
                      AnomalySpec anomaly, Integer resolveAfter) {
    }

    /** Reads a check, or returns null when it is too broken to build (its errors are reported). */
    static CheckDraft read(YamlFile file, Node node, DatasetContext dataset) {
        String label = YamlMap.peek(node, "name") != null ? YamlMap.peek(node, "name") : YamlMap.peek(node, "type");
        YamlMap map = YamlMap.read(file, node, label == null ? "in a check of dataset '" + dataset.dataset() + "'"
                : "in check '" + label + "'");
        if (map == null) {
            return null;
        }
        String type = type(file, map);
        String name = map.value("name") == null ? type : map.identifier("name", YamlValues.NAME, "check name");
        Severity severity = severity(file, map);
        String owner = map.identifier("owner", YamlValues.TEAM, "team name");
        String runbook = map.string("runbook");
        Map<String, String> labels = map.stringMap("labels");
        Integer resolveAfter = map.has("resolve_after")
                ? (int) map.integer("resolve_after", 0, 1, MAX_RESOLVE_AFTER) : null;
        Function<CheckCommon, CheckSpec> build = null;
        SourceLocation trackingPlanAt = null;
        AnomalySpec anomaly = type == null ? null : AnomalyReader.read(map, type);
        if (type == null) {
            map.handled("anomaly");
        }
        if (type == null) {
            // Without a type the keys cannot be judged; accept every type's keys to avoid noise.
            TYPE_KEYS.values().forEach(keys -> keys.forEach(map::handled));
        } else {
            CheckTypeReader reader = new CheckTypeReader(map, dataset, name == null ? type : name);
            build = reader.read(type);
            trackingPlanAt = reader.trackingPlanAt();
            explainForeignKeys(map, type);
        }
        map.finish();
        if (name == null || build == null) {
            return null;
        }
        return new CheckDraft(name, severity, owner, map.at("owner"), runbook, map.at("runbook"), labels,
                map.location(), map.at("name"), build, trackingPlanAt, anomaly,
                resolveAfter == null || resolveAfter == 0 ? null : resolveAfter);
    }

    private static String type(YamlFile file, YamlMap map) {
        Node node = map.required("type");
        String type = node == null ? null : YamlValues.string(file, node);
        if (type == null || TYPES.contains(type)) {
            return type;
        }
        String suggestion = Suggestions.didYouMean(type, TYPES);
        file.error(node, ConfigError.UNKNOWN_TYPE, "unknown check type '" + type + "'" + (suggestion.isEmpty()
                ? ": expected one of " + String.join(", ", TYPES) : suggestion));
        return null;
    }

    private static Severity severity(YamlFile file, YamlMap map) {
        Node node = map.value("severity");
        String text = node == null ? null : YamlValues.string(file, node);
        if (text == null) {
            return Severity.WARNING;
        }
        List<String> names = List.of("info", "warning", "critical");
        if (names.contains(text)) {
            return Severity.valueOf(text.toUpperCase(Locale.ROOT));
        }
        file.error(node, ConfigError.BAD_VALUE, "expected info, warning or critical, got '" + text + "'"
                + Suggestions.didYouMean(text, names));
        return Severity.WARNING;
    }

    /** Reports keys that belong to another check type in words that say so, e.g. mode on a volume check. */
    private static void explainForeignKeys(YamlMap map, String type) {
        for (String key : new ArrayList<>(map.keys())) {
            if (TYPE_KEYS.get(type).contains(key) || isCommon(key)) {
                continue;
            }
            List<String> owners = TYPES.stream().filter(t -> TYPE_KEYS.get(t).contains(key)).toList();
            if (!owners.isEmpty()) {
                map.handled(key);
                map.file().error(map.file().at(map.keyNode(key)), ConfigError.UNKNOWN_KEY, "key '" + key
                        + "' does not apply to " + type + " checks (it is a setting of " + inWords(owners) + " checks)");
            }
        }
    }

    /** Joins {@code [a, b, c]} as {@code a, b and c}. */
    static String inWords(List<String> items) {
        if (items.size() < 2) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    private static boolean isCommon(String key) {
        return Set.of("name", "type", "severity", "owner", "runbook", "labels", "anomaly", "resolve_after")
                .contains(key);
    }
}
