package dev.trackwatch.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Converts single YAML nodes into values, reporting a located error and returning null when the
 * node is not what the key needs. Callers keep going after a null, so one pass finds every error.
 */
public final class YamlValues {

    /** Column names: what ClickHouse accepts unquoted, so that generated SQL never needs escaping. */
    public static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Dataset and check names: they become metric labels and file names, so lower case only. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    /** Team names may also use dashes, as team handles often do. */
    public static final Pattern TEAM = Pattern.compile("[a-z][a-z0-9_-]*");

    private YamlValues() {
    }

    /** Describes a node for "got ..." in messages: the scalar quoted, else its kind. */
    public static String describe(Node node) {
        return switch (node) {
            case ScalarNode s when s.getTag().equals(Tag.NULL) -> "nothing";
            case ScalarNode s -> "'" + s.getValue() + "'";
            case MappingNode m -> "a mapping";
            case SequenceNode q -> "a list";
            default -> "a " + node.getNodeId();
        };
    }

    /** Returns the text of a non-null scalar; numbers and booleans are taken as written. */
    public static String string(YamlFile f, Node node) {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return s.getValue();
        }
        f.error(node, ConfigError.BAD_TYPE, "expected a string, got " + describe(node));
        return null;
    }

    /** Returns a string that matches {@code pattern}; {@code kind} names it in the error, e.g. "column name". */
    public static String identifier(YamlFile f, Node node, Pattern pattern, String kind) {
        String text = string(f, node);
        if (text != null && !pattern.matcher(text).matches()) {
            f.error(node, ConfigError.BAD_IDENTIFIER, "'" + text + "' is not a valid " + kind + ": "
                    + rule(pattern));
            return null;
        }
        return text;
    }

    /** Explains an identifier pattern in words, for the error message. */
    public static String rule(Pattern pattern) {
        if (pattern == NAME) {
            return "use lower-case letters, digits and _, starting with a letter";
        }
        if (pattern == TEAM) {
            return "use lower-case letters, digits, _ and -, starting with a letter";
        }
        return "use letters, digits and _, not starting with a digit";
    }

    /** Parses a column reference: {@code user_id}, or {@code properties.user_id} for a JSON path. */
    public static ColumnRef columnRef(YamlFile f, Node node) {
        String text = string(f, node);
        if (text == null) {
            return null;
        }
        List<String> parts = List.of(text.split("\\.", -1));
        if (!parts.stream().allMatch(p -> COLUMN.matcher(p).matches())) {
            f.error(node, ConfigError.BAD_IDENTIFIER, "'" + text + "' is not a valid column or property path: "
                    + "use a column name, or column.property for a JSON property, each part of letters, digits "
                    + "and _, not starting with a digit");
            return null;
        }
        return new ColumnRef(parts.getFirst(), parts.subList(1, parts.size()));
    }

    public static Duration duration(YamlFile f, Node node) {
        String text = node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL) ? s.getValue() : null;
        Duration d = text == null ? null : Durations.parse(text).orElse(null);
        if (d == null) {
            f.error(node, ConfigError.BAD_DURATION, "expected a duration like 5m, 1h or 1d, got " + describe(node));
        }
        return d;
    }

    /**
     * Returns a duration within the range {@link DurationRanges} gives {@code key}, reporting one
     * outside it as {@code KEY must be from MIN to MAX, got VALUE}.
     */
    public static Duration duration(YamlFile f, Node node, String key) {
        Duration d = duration(f, node);
        return d == null ? null : bounded(f, node, key, d);
    }

    /** Returns {@code d} when within {@code key}'s range, else reports it at {@code node} and returns null. */
    public static Duration bounded(YamlFile f, Node node, String key, Duration d) {
        DurationRanges.Range range = DurationRanges.of(key);
        if (!range.contains(d)) {
            f.error(node, ConfigError.BAD_DURATION, key + " must be " + range.describe() + ", got "
                    + ((ScalarNode) node).getValue());
            return null;
        }
        return d;
    }

    /** Returns true or false; YAML 1.1's yes/no/on/off are refused because they surprise people. */
    public static Boolean bool(YamlFile f, Node node) {
        if (node instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
            return Boolean.valueOf(s.getValue());
        }
        f.error(node, ConfigError.BAD_TYPE, "expected true or false, got " + describe(node));
        return null;
    }

    /** Returns a whole number within {@code [min, max]}. */
    public static Long integer(YamlFile f, Node node, long min, long max) {
        Long value = null;
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            try {
                value = Long.parseLong(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                value = null;
            }
        }
        if (value == null) {
            f.error(node, ConfigError.BAD_TYPE, "expected a whole number, got " + describe(node));
            return null;
        }
        if (value < min || value > max) {
            f.error(node, ConfigError.BAD_VALUE, "expected a whole number from " + min + " to " + max + ", got " + value);
            return null;
        }
        return value;
    }

    /** Returns a finite number, integer or decimal. */
    public static Double number(YamlFile f, Node node) {
        if (node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                double d = Double.parseDouble(s.getValue().replace("_", ""));
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // falls through to the error below: hex, octal and .inf are not limits anyone means
            }
        }
        f.error(node, ConfigError.BAD_TYPE, "expected a number, got " + describe(node));
        return null;
    }

    /** Returns the elements of a list node. */
    public static List<Node> list(YamlFile f, Node node) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        f.error(node, ConfigError.BAD_TYPE, "expected a list, got " + describe(node));
        return null;
    }

    /** Formats a number for messages without a spurious {@code .0}. */
    public static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
