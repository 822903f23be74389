package dev.trackwatch.bench;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Value-level damage for the {@link ConfigCorpusDrill}, found through SnakeYAML's node marks so
 * that every scalar position and every mapping of the base file is reached: each scalar replaced by
 * values of other kinds (number, word, list, mapping), by huge and negative numbers and durations,
 * by an unknown name (which breaks references to teams, receivers, datasets and events); an
 * unknown key added to every mapping; bad regexes in matchers and broken SQL in expressions.
 */
final class ConfigCorpusValues {

    /** Receives a generated case (file, mutation, harmless, expected line, content). */
    @FunctionalInterface
    interface Sink {
        void add(String file, String mutation, boolean harmless, int expectedLine, String content);
    }

    private static final String[] FOR_NUMBER = {"[1, 2]", "abc", "99999999999999999999999", "-1", "{x: 1}", "1e400", "0x1F"};
    private static final String[] FOR_DURATION = {"99999999999d", "0m", "5 minutes", "[5m]", "-5m", "1.5h", "9223372036854775807s"};
    private static final String[] FOR_STRING = {"42", "[a]", "{a: b}", "zz_unknown", "\"\"", "null", "true",
        "\"two\\nlines\"", "\"bell\\a\"", "x".repeat(300), "\uD83D\uDE00\uD83D\uDE00 [oops"};
    private static final String[] FOR_BOOL = {"yes", "1", "[true]", "TRUE"};

    private ConfigCorpusValues() {
    }

    static void generate(String file, String text, Random random, Sink sink) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (RuntimeException e) {
            return;
        }
        if (root == null) {
            return;
        }
        List<String> lines = ConfigCorpusMutations.split(text);
        List<ScalarNode> scalars = new ArrayList<>();
        List<MappingNode> mappings = new ArrayList<>();
        collect(root, scalars, mappings);
        for (MappingNode m : mappings) {
            for (NodeTuple t : m.getValue()) {
                if (!(t.getValueNode() instanceof ScalarNode)) {
                    collectionAsScalar(file, lines, t, random, sink);
                }
            }
        }
        for (ScalarNode s : scalars) {
            String[] options = options(s);
            // One replacement per position keeps the corpus at a few hundred cases.
            for (int i = 0; i < 1; i++) {
                String value = options[random.nextInt(options.length)];
                String changed = replaceSpan(lines, s, value);
                if (changed != null) {
                    sink.add(file, "value on line " + (s.getStartMark().getLine() + 1) + " '" + s.getValue()
                            + "' -> " + value, false, 0, changed);
                }
            }
        }
        for (MappingNode m : mappings) {
            unknownKey(file, lines, m, sink);
        }
        special(file, text, sink);
    }

    private static String[] options(ScalarNode s) {
        if (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT)) {
            return FOR_NUMBER;
        }
        if (s.getTag().equals(Tag.BOOL)) {
            return FOR_BOOL;
        }
        return s.getValue().matches("\\d+[smhdw]") ? FOR_DURATION : FOR_STRING;
    }

    private static void collect(Node node, List<ScalarNode> scalars, List<MappingNode> mappings) {
        switch (node) {
            case MappingNode m -> {
                mappings.add(m);
                for (NodeTuple t : m.getValue()) {
                    collect(t.getValueNode(), scalars, mappings);
                }
            }
            case SequenceNode q -> q.getValue().forEach(n -> collect(n, scalars, mappings));
            case ScalarNode s -> {
                if (s.getStartMark().getLine() == s.getEndMark().getLine()) {
                    scalars.add(s);
                }
            }
            default -> {
            }
        }
    }

    /** The file with the node's text (one line) replaced by {@code value}, or null when it spans lines. */
    private static String replaceSpan(List<String> lines, Node node, String value) {
        int line = node.getStartMark().getLine();
        if (line != node.getEndMark().getLine() || line >= lines.size()) {
            return null;
        }
        String text = lines.get(line);
        int from = offset(text, node.getStartMark().getColumn());
        int to = offset(text, node.getEndMark().getColumn());
        return ConfigCorpusMutations.replace(lines, line, text.substring(0, from) + value + text.substring(to));
    }

    private static int offset(String text, int codePoints) {
        return text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())));
    }

    /** Adds {@code bogus_key: 1} to the mapping: inside the braces of a flow mapping, else after its last line. */
    private static void unknownKey(String file, List<String> lines, MappingNode m, Sink sink) {
        if (m.getValue().isEmpty()) {
            return;
        }
        if (m.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW) {
            int line = m.getEndMark().getLine();
            String text = lines.get(line);
            int close = offset(text, m.getEndMark().getColumn()) - 1;
            if (close > 0 && text.charAt(close) == '}') {
                sink.add(file, "unknown key in flow mapping on line " + (line + 1), false, line + 1,
                        ConfigCorpusMutations.replace(lines, line, text.substring(0, close) + ", bogus_key: 1"
                                + text.substring(close)));
            }
            return;
        }
        Node firstKey = m.getValue().getFirst().getKeyNode();
        Node lastValue = m.getValue().getLast().getValueNode();
        // The end mark stands on the next token; when that starts its line, the mapping ended before it.
        int end = lastValue.getEndMark().getLine();
        if (end >= lines.size() || lastValue.getEndMark().getColumn() <= indentation(lines.get(end))) {
            end--;
        }
        while (end > 0 && ConfigCorpusMutations.isInert(lines.get(end))) {
            end--; // comments after the last value belong to whatever follows
        }
        List<String> copy = new ArrayList<>(lines);
        copy.add(end + 1, " ".repeat(firstKey.getStartMark().getColumn()) + "bogus_key: 1");
        sink.add(file, "unknown key after line " + (end + 1) + " at column " + (firstKey.getStartMark().getColumn() + 1),
                false, end + 2, ConfigCorpusMutations.join(copy));
    }

    /** Replaces a list or mapping value by a scalar: in place when it is on one line, else the whole block. */
    private static void collectionAsScalar(String file, List<String> lines, NodeTuple tuple, Random random, Sink sink) {
        String value = new String[] {"7", "abc", "\"\"", "~"}[random.nextInt(4)];
        Node v = tuple.getValueNode();
        int keyLine = tuple.getKeyNode().getStartMark().getLine();
        String what = (v instanceof SequenceNode ? "list" : "mapping") + " of '"
                + ((ScalarNode) tuple.getKeyNode()).getValue() + "' on line " + (keyLine + 1) + " -> " + value;
        String inPlace = replaceSpan(lines, v, value);
        if (inPlace != null) {
            sink.add(file, what, false, 0, inPlace);
            return;
        }
        if (v.getStartMark().getLine() == keyLine) {
            return; // a multi-line flow collection: rare, and its end is hard to cut cleanly
        }
        int end = v.getEndMark().getLine();
        if (end >= lines.size() || v.getEndMark().getColumn() <= indentation(lines.get(end))) {
            end--;
        }
        List<String> copy = new ArrayList<>(lines.subList(0, keyLine));
        String key = withoutTrailingComment(lines.get(keyLine));
        copy.add(key + " " + value);
        copy.addAll(lines.subList(end + 1, lines.size()));
        sink.add(file, what + " (block of lines " + (keyLine + 1) + "-" + (end + 1) + ")", false, 0,
                ConfigCorpusMutations.join(copy));
    }

    private static String withoutTrailingComment(String line) {
        int hash = line.indexOf(" #");
        return (hash >= 0 ? line.substring(0, hash) : line).stripTrailing();
    }

    private static int indentation(String line) {
        return line.length() - line.stripLeading().length();
    }

    /** Targeted damage: bad regexes, broken SQL, duplicate flow keys, unknown references. */
    private static void special(String file, String text, Sink sink) {
        String[][] swaps = {
            {"=~\"volume|null_rate|cardinality\"", "=~\"volume|(\"", "unclosed group in a regex matcher"},
            {"=~\".+\"", "=~\"[\"", "unclosed class in a regex matcher"},
            {"=~\".+\"", "=~\"a{2,1}\"", "bad repetition in a regex matcher"},
            {"kind=\"monitor_fault\"", "kind==\"monitor_fault\"", "double = in a matcher"},
            {"kind=\"monitor_fault\"", "kind=monitor_fault", "unquoted matcher value"},
            {"\"event_name != 'heartbeat'\"", "\"1) OR (1\"", "filter breaking out of its parentheses"},
            {"\"event_name != 'heartbeat'\"", "\"a = = 1\"", "filter with a syntax error"},
            {"\"event_name != 'heartbeat'\"", "\"event_name != 'heartbeat' AND\"", "filter ending in AND"},
            {"\"event_name != 'heartbeat'\"", "\"event_name != 'heartbeat'; DROP TABLE x\"", "filter with a second statement"},
            {"\"event_name != 'heartbeat'\"", "\"event_name != 'heartbeat' -- x\"", "filter with a comment"},
            {"\"countIf(event_name = 'purchase')\"", "\"countIf(event_name = 'purchase'\"", "expression with an unclosed ("},
            {"\"countIf(event_name = 'purchase')\"", "\"countIf(event_name = = 'purchase')\"", "expression with a syntax error"},
            {"\"countIf(event_name = 'purchase')\"", "\"count() count()\"", "expression of two terms"},
            {"{min: 10}", "{min: 10, min: 11}", "duplicate key in a flow mapping"},
            {"receiver: platform", "receiver: nobody", "unknown receiver"},
            {"owner: platform", "owner: nobody", "unknown owner team"},
            {"datasets: [product_events, product_events_live]", "datasets: [product_events, product_evnts]", "unknown dataset"},
            {"events: [page_view, search]", "events: [page_view, serch]", "unknown event"},
            {"equal: [dataset]", "equal: [dataset, 7]", "number in an equal list"},
            {"group_by: [dataset, check, kind]", "group_by: [dataset, dataset]", "repeated group_by label"},
            {"segments: [platform]", "segments: [platfrom]", "unknown segment column"},
            {"name: volume\n", "name: volume_5m\n", "check name reused across datasets"},
            {"name: freshness\n", "name: volume\n", "duplicate check name"},
        };
        for (String[] s : swaps) {
            int at = text.indexOf(s[0]);
            if (at >= 0) {
                int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
                sink.add(file, s[2] + " on line " + line, false, 0,
                        text.substring(0, at) + s[1] + text.substring(at + s[0].length()));
            }
        }
    }
}
