package dev.trackwatch.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A YAML mapping read strictly. Every key the reading code asks for is remembered; {@link #finish}
 * then reports the keys nobody asked for as unknown, with the closest asked-for key as a
 * suggestion, so a typo such as {@code bukcet:} is an error rather than a silently ignored setting.
 * Duplicate keys, which YAML parsers otherwise resolve by keeping one silently, are reported on
 * construction.
 */
public final class YamlMap {

    private final YamlFile file;
    private final MappingNode node;
    private final String where;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> asked = new LinkedHashSet<>();

    private YamlMap(YamlFile file, MappingNode node, String where) {
        this.file = file;
        this.node = node;
        this.where = where;
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || key.getTag().equals(Tag.NULL)) {
                file.error(keyNode, ConfigError.BAD_TYPE, "expected a key name, got " + YamlValues.describe(keyNode));
                continue;
            }
            NodeTuple first = entries.putIfAbsent(key.getValue(), tuple);
            if (first != null) {
                file.error(keyNode, ConfigError.DUPLICATE_KEY, "duplicate key '" + key.getValue() + "' " + where
                        + " (first at line " + file.at(first.getKeyNode()).line() + ")");
            }
        }
    }

    /**
     * Reads {@code node} as a mapping; {@code where} places it in messages, e.g.
     * {@code in dataset 'product_events'}. Returns null (after reporting) when it is no mapping.
     */
    public static YamlMap read(YamlFile file, Node node, String where) {
        if (node instanceof MappingNode mapping) {
            return new YamlMap(file, mapping, where);
        }
        file.error(node, ConfigError.BAD_TYPE, "expected a mapping " + where + ", got " + YamlValues.describe(node));
        return null;
    }

    /**
     * Returns the text of {@code key} in {@code node} without reading it strictly, so a mapping's
     * messages can be phrased with its name ("in dataset 'events'") before it is read.
     */
    public static String peek(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)
                        && tuple.getValueNode() instanceof ScalarNode v && !v.getTag().equals(Tag.NULL)) {
                    return v.getValue();
                }
            }
        }
        return null;
    }

    public YamlFile file() {
        return file;
    }

    /** Where the mapping starts. */
    public SourceLocation location() {
        return file.at(node);
    }

    /** Returns the value of {@code key}, or null when absent; either way the key is now known. */
    public Node value(String key) {
        asked.add(key);
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    /** Returns true when the mapping has {@code key}, without marking it as known. */
    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Returns where the value of {@code key} is, or where the mapping starts when it is absent. */
    public SourceLocation at(String key) {
        Node value = value(key);
        return value == null ? location() : file.at(value);
    }

    /** Returns the value of a key that must be present, reporting {@code missing-key} otherwise. */
    public Node required(String key) {
        Node value = value(key);
        if (value == null) {
            file.error(node, ConfigError.MISSING_KEY, "missing required key '" + key + "' " + where);
        }
        return value;
    }

    public String string(String key) {
        Node value = value(key);
        return value == null ? null : YamlValues.string(file, value);
    }

    public String requiredString(String key) {
        Node value = required(key);
        return value == null ? null : YamlValues.string(file, value);
    }

    public String identifier(String key, Pattern pattern, String kind) {
        Node value = value(key);
        return value == null ? null : YamlValues.identifier(file, value, pattern, kind);
    }

    public String requiredIdentifier(String key, Pattern pattern, String kind) {
        Node value = required(key);
        return value == null ? null : YamlValues.identifier(file, value, pattern, kind);
    }

    /** Returns the duration at {@code key}, within its {@link DurationRanges range}, or {@code fallback}. */
    public Duration duration(String key, Duration fallback) {
        Node value = value(key);
        Duration d = value == null ? null : YamlValues.duration(file, value, key);
        return d == null ? fallback : d;
    }

    public boolean bool(String key, boolean fallback) {
        Node value = value(key);
        Boolean b = value == null ? null : YamlValues.bool(file, value);
        return b == null ? fallback : b;
    }

    public long integer(String key, long fallback, long min, long max) {
        Node value = value(key);
        Long n = value == null ? null : YamlValues.integer(file, value, min, max);
        return n == null ? fallback : n;
    }

    /** Returns the elements of a list value, or an empty list when absent or not a list. */
    public List<Node> list(String key) {
        Node value = value(key);
        List<Node> items = value == null ? null : YamlValues.list(file, value);
        return items == null ? List.of() : items;
    }

    /**
     * Returns a list of strings matching {@code pattern}, reporting invalid and repeated entries,
     * and hands each entry's location to {@code located} (index, location) for the locations index.
     */
    public List<String> identifiers(String key, Pattern pattern, String kind, IndexedLocations located) {
        List<String> result = new ArrayList<>();
        List<Node> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            String id = YamlValues.identifier(file, items.get(i), pattern, kind);
            if (id == null) {
                continue;
            }
            if (result.contains(id)) {
                file.error(items.get(i), ConfigError.DUPLICATE_NAME, "'" + id + "' is listed twice in " + key);
                continue;
            }
            located.put(result.size(), file.at(items.get(i)));
            result.add(id);
        }
        return result;
    }

    /** Returns a string-to-string mapping such as {@code labels:}, keys being identifiers. */
    public Map<String, String> stringMap(String key) {
        Node value = value(key);
        Map<String, String> result = new LinkedHashMap<>();
        YamlMap map = value == null ? null : read(file, value, "in " + key);
        if (map == null) {
            return result;
        }
        for (String name : map.keys()) {
            Node v = map.value(name);
            String text = YamlValues.string(file, v);
            if (!YamlValues.COLUMN.matcher(name).matches()) {
                file.error(map.keyNode(name), ConfigError.BAD_IDENTIFIER, "'" + name + "' is not a valid " + key
                        + " key: " + YamlValues.rule(YamlValues.COLUMN));
            } else if (text != null) {
                result.put(name, text);
            }
        }
        return result;
    }

    /** Returns the keys present, in document order (duplicates once). */
    public Set<String> keys() {
        return entries.keySet();
    }

    public Node keyNode(String key) {
        return entries.get(key).getKeyNode();
    }

    /** Reports every key present that no reading code asked for, suggesting the closest known one. */
    public void finish() {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            String key = entry.getKey();
            if (!asked.contains(key)) {
                file.error(entry.getValue().getKeyNode(), ConfigError.UNKNOWN_KEY,
                        "unknown key '" + key + "' " + where + Suggestions.didYouMean(key, asked));
            }
        }
    }

    /** Marks {@code key} as handled, for keys the caller reported in its own words. */
    public void handled(String key) {
        asked.add(key);
    }

    /** Receives the location of the i-th accepted element of a list. */
    @FunctionalInterface
    public interface IndexedLocations {
        IndexedLocations IGNORE = (index, location) -> { };

        void put(int index, SourceLocation location);
    }
}
