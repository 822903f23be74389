package dev.trackwatch.loader;

import dev.trackwatch.checks.CheckType;
import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.checks.CustomCheck;
import dev.trackwatch.checks.TypeReader;
import dev.trackwatch.config.AnomalySpec;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.Suggestions;
import dev.trackwatch.config.YamlFile;
import dev.trackwatch.config.YamlMap;
import dev.trackwatch.config.YamlValues;
import dev.trackwatch.plan.PlanException;
import dev.trackwatch.plan.SqlSafety;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one entry of a dataset's {@code checks:}: the settings every check has, then those of its
 * type (its {@link CheckType#read}). Owners and runbooks are checked later, against all files.
 */
final class CheckReader {

    /** More healthy buckets than this before resolving would keep an incident open for weeks. */
    private static final long MAX_RESOLVE_AFTER = 1000;

    private CheckReader() {
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
    static CheckDraft read(YamlFile file, Node node, TypeReader.DatasetContext dataset) {
        String label = YamlMap.peek(node, "name") != null ? YamlMap.peek(node, "name") : YamlMap.peek(node, "type");
        YamlMap map = YamlMap.read(file, node, label == null ? "in a check of dataset '" + dataset.dataset() + "'"
                : "in check '" + label + "'");
        if (map == null) {
            return null;
        }
        CheckType<?> checkType = type(file, map);
        String type = checkType == null ? null : checkType.name();
        String name = map.value("name") == null ? type : map.identifier("name", YamlValues.NAME, "check name");
        Severity severity = severity(file, map);
        String owner = map.identifier("owner", YamlValues.TEAM, "team name");
        String runbook = map.string("runbook");
        Map<String, String> labels = map.stringMap("labels");
        Integer resolveAfter = map.has("resolve_after")
                ? (int) map.integer("resolve_after", 0, 1, MAX_RESOLVE_AFTER) : null;
        Function<CheckCommon, CheckSpec> build = null;
        SourceLocation trackingPlanAt = null;
        AnomalySpec anomaly = checkType == null ? null : AnomalyReader.read(map, checkType);
        if (type == null) {
            map.handled("anomaly");
        }
        if (type == null) {
            // Without a type the keys cannot be judged; accept every type's keys to avoid noise.
            CheckTypes.ALL.forEach(t -> t.keys().forEach(map::handled));
        } else {
            TypeReader reader = new TypeReader(map, dataset, name == null ? type : name);
            build = checkType.read(reader)::apply;
            trackingPlanAt = reader.trackingPlanAt();
            explainForeignKeys(map, checkType);
            if (checkType.name().equals(CustomCheck.NAME)) {
                oneExpression(file, map);
            }
        }
        map.finish();
        if (name == null || build == null) {
            return null;
        }
        return new CheckDraft(name, severity, owner, map.at("owner"), runbook, map.at("runbook"), labels,
                map.location(), map.at("name"), build, trackingPlanAt, anomaly,
                resolveAfter == null || resolveAfter == 0 ? null : resolveAfter);
    }

    /**
     * A custom check's {@code expression} must stay one expression, by the planner's own rule, so that
     * it fails validation (offline too) rather than every run. Other types have no expression key.
     */
    private static void oneExpression(YamlFile file, YamlMap map) {
        if (!map.has("expression") || !(map.value("expression") instanceof ScalarNode s) || s.getValue().isBlank()) {
            return;
        }
        try {
            SqlSafety.expression(s.getValue(), "expression");
        } catch (PlanException e) {
            file.error(s, ConfigError.BAD_EXPRESSION, e.getMessage());
        }
    }

    private static CheckType<?> type(YamlFile file, YamlMap map) {
        Node node = map.required("type");
        String type = node == null ? null : YamlValues.string(file, node);
        if (type == null) {
            return null;
        }
        Optional<CheckType<?>> known = CheckTypes.named(type);
        if (known.isPresent()) {
            return known.get();
        }
        List<String> types = CheckTypes.names();
        String suggestion = Suggestions.didYouMean(type, types);
        file.error(node, ConfigError.UNKNOWN_TYPE, "unknown check type '" + type + "'" + (suggestion.isEmpty()
                ? ": expected one of " + String.join(", ", types) : suggestion));
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
    private static void explainForeignKeys(YamlMap map, CheckType<?> type) {
        for (String key : new ArrayList<>(map.keys())) {
            if (type.keys().contains(key) || isCommon(key)) {
                continue;
            }
            List<String> owners = CheckTypes.ALL.stream().filter(t -> t.keys().contains(key)).map(CheckType::name)
                    .toList();
            if (!owners.isEmpty()) {
                map.handled(key);
                map.file().error(map.file().at(map.keyNode(key)), ConfigError.UNKNOWN_KEY, "key '" + key
                        + "' does not apply to " + type.name() + " checks (it is a setting of " + inWords(owners) + " checks)");
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
