package dev.trackwatch.loader;

import dev.trackwatch.config.CalendarEntry;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.Suggestions;
import dev.trackwatch.config.YamlFile;
import dev.trackwatch.config.YamlMap;
import dev.trackwatch.config.YamlValues;

import org.yaml.snakeyaml.nodes.Node;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads the entries of a top-level {@code calendar:} list: {@code name}, {@code kind}
 * (maintenance or holiday), {@code from} and {@code to} as ISO-8601 instants, optional
 * {@code datasets} and {@code reason}. Dataset names are resolved once every file is read.
 */
final class CalendarReader {

    private CalendarReader() {
    }

    /** Reads one entry, or returns null when it is too broken to use (its errors are reported). */
    static CalendarEntry read(YamlFile file, Node node) {
        YamlMap map = YamlMap.read(file, node, "in a calendar entry");
        if (map == null) {
            return null;
        }
        String name = map.requiredIdentifier("name", YamlValues.NAME, "calendar entry name");
        Node kindNode = map.required("kind");
        String kind = kindNode == null ? null : YamlValues.string(file, kindNode);
        if (kind != null && !CalendarEntry.KINDS.contains(kind)) {
            file.error(kindNode, ConfigError.BAD_VALUE, "kind: expected maintenance or holiday, got '" + kind + "'"
                    + Suggestions.didYouMean(kind, CalendarEntry.KINDS));
            kind = null;
        }
        Instant from = instant(map, "from");
        Instant to = instant(map, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            file.error(map.value("to"), ConfigError.BAD_VALUE, "to " + to + " is not after from " + from);
            to = null;
        }
        List<String> datasets = map.identifiers("datasets", YamlValues.NAME, "dataset name", (i, at) -> { });
        String reason = map.string("reason");
        map.finish();
        if (name == null || kind == null || from == null || to == null) {
            return null;
        }
        return new CalendarEntry(name, kind, from, to, datasets, reason == null ? "" : reason, map.location());
    }

    private static Instant instant(YamlMap map, String key) {
        Node node = map.required(key);
        String text = node == null ? null : YamlValues.string(map.file(), node);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            map.file().error(node, ConfigError.BAD_VALUE, key + " '" + text + "' is not an ISO-8601 instant such as "
                    + "2026-12-24T00:00:00Z");
            return null;
        }
    }
}
