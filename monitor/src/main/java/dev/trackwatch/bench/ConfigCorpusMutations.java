package dev.trackwatch.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Generates the drill's malformed trees from a base tree: line-level damage (truncation, deleted
 * and duplicated lines, tabs, indentation, unclosed quotes and brackets), byte-level damage
 * (invalid UTF-8, NUL and control characters, BOMs), empty files and broken JSON. Value-level
 * damage (wrong types, unknown keys and references) comes from {@link ConfigCorpusValues}, and
 * the hostile documents (alias bombs, deep nesting) from {@link ConfigCorpusBombs}.
 * Deterministic: one seed, one corpus.
 */
final class ConfigCorpusMutations {

    private final Random random;
    private final List<ConfigCorpusCase> cases = new ArrayList<>();

    private ConfigCorpusMutations(long seed) {
        this.random = new Random(seed);
    }

    /** Returns every case for {@code base} (relative path to bytes, sorted), ids in generation order. */
    static List<ConfigCorpusCase> generate(Map<String, byte[]> base, long seed) {
        ConfigCorpusMutations m = new ConfigCorpusMutations(seed);
        int[] jsonFiles = {0};
        base.forEach((file, bytes) -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (file.endsWith(".json")) {
                // Tracking-plan files are alike: the structural damage on every third keeps the corpus small.
                if (jsonFiles[0]++ % 3 == 0) {
                    m.json(file, text);
                }
            } else {
                m.lines(file, text);
                ConfigCorpusValues.generate(file, text, m.random, m::add);
            }
            m.bytes(file, text);
        });
        ConfigCorpusBombs.generate(base, m::add);
        return m.cases;
    }

    /** Adds a case; {@code content} is the whole new file. */
    void add(String file, String mutation, boolean harmless, int expectedLine, String content) {
        add(file, mutation, harmless, expectedLine, content.getBytes(StandardCharsets.UTF_8));
    }

    void add(String file, String mutation, boolean harmless, int expectedLine, byte[] content) {
        cases.add(new ConfigCorpusCase(String.format("c%04d", cases.size() + 1), file, mutation, harmless,
                expectedLine, content));
    }

    private void lines(String file, String text) {
        List<String> lines = split(text);
        int n = lines.size();
        int step = Math.max(1, n / 8);
        for (int k = step; k < n; k += step) {
            add(file, "truncate after line " + k, false, 0, join(lines.subList(0, k)));
            String line = lines.get(k);
            add(file, "truncate in the middle of line " + (k + 1), isInert(line), 0,
                    join(lines.subList(0, k)) + line.substring(0, line.length() / 2));
        }
        for (int k : sample(n, 8)) {
            List<String> copy = new ArrayList<>(lines);
            copy.remove(k);
            add(file, "delete line " + (k + 1) + ": " + lines.get(k).strip(), isInert(lines.get(k)), 0, join(copy));
        }
        for (int k : sample(n, 8)) {
            List<String> copy = new ArrayList<>(lines);
            copy.add(k, lines.get(k));
            add(file, "duplicate line " + (k + 1) + ": " + lines.get(k).strip(), isInert(lines.get(k)), 0, join(copy));
        }
        int[] indented = IntStream.range(0, n).filter(k -> lines.get(k).startsWith("  ")).toArray();
        for (int i : sample(indented.length, 4)) {
            int k = indented[i];
            String line = lines.get(k);
            String body = line.stripLeading();
            boolean inert = isInert(line);
            add(file, "tab indentation on line " + (k + 1), inert, 0, replace(lines, k, "\t" + body));
            add(file, "one more space of indentation on line " + (k + 1), inert, 0, replace(lines, k, " " + line));
            add(file, "one less space of indentation on line " + (k + 1), inert, 0, replace(lines, k, line.substring(1)));
        }
        int quotes = 0;
        int brackets = 0;
        for (int k = 0; k < n; k++) {
            String line = lines.get(k);
            String code = withoutComment(line);
            int q = Math.max(code.lastIndexOf('"'), code.lastIndexOf('\''));
            if (q > 0 && quotes < 6) {
                quotes++;
                add(file, "unclosed quote on line " + (k + 1), false, 0,
                        replace(lines, k, line.substring(0, q) + line.substring(q + 1)));
            }
            int b = Math.max(code.lastIndexOf(']'), code.lastIndexOf('}'));
            if (b > 0 && brackets < 6) {
                brackets++;
                add(file, "unclosed bracket on line " + (k + 1), false, 0,
                        replace(lines, k, line.substring(0, b) + line.substring(b + 1)));
            }
        }
    }

    /** Byte-level damage: the expected line is where the damage is. */
    private void bytes(String file, String text) {
        List<String> lines = split(text);
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC3, (byte) 0x28}, {(byte) 0xE2, (byte) 0x82}, {0}, {7}};
        String[] names = {"invalid UTF-8 byte FF", "invalid UTF-8 sequence C3 28", "truncated UTF-8 sequence E2 82",
            "NUL byte", "control character BEL"};
        int[] at = sample(lines.size(), bad.length);
        for (int i = 0; i < bad.length; i++) {
            int k = at[i % at.length];
            String line = lines.get(k);
            int col = line.length() / 2;
            byte[] before = (join(lines.subList(0, k)) + line.substring(0, col)).getBytes(StandardCharsets.UTF_8);
            byte[] after = (line.substring(col) + "\n" + join(lines.subList(k + 1, lines.size())))
                    .getBytes(StandardCharsets.UTF_8);
            add(file, names[i] + " in line " + (k + 1), false, k + 1, concat(before, bad[i], after));
        }
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        add(file, "UTF-8 BOM at the start", true, 0, concat(bom, text.getBytes(StandardCharsets.UTF_8)));
        add(file, "empty file", false, 0, new byte[0]);
        add(file, "only blank lines", false, 0, "\n  \n\n");
        add(file, "only a comment", false, 0, file.endsWith(".json") ? "// nothing\n" : "# nothing\n");
        add(file, "CRLF line ends", true, 0, text.replace("\n", "\r\n"));
        add(file, "trailing spaces on every line", true, 0, text.replace("\n", "  \n"));
    }

    private void json(String file, String text) {
        List<String> lines = split(text);
        int n = lines.size();
        add(file, "JSON truncated at half", false, 0, join(lines.subList(0, n / 2)));
        add(file, "JSON truncated mid-token", false, 0, text.substring(0, text.length() / 2 + 3));
        int comma = text.indexOf(",\n");
        if (comma > 0) {
            add(file, "JSON missing comma", false, 0, text.substring(0, comma) + text.substring(comma + 1));
        }
        int close = text.lastIndexOf('}');
        add(file, "JSON trailing comma", false, 0, text.substring(0, close - 1) + ",\n}" + text.substring(close + 1));
        replaceFirst(file, text, "\"type\": \"string\"", "\"type\": 5", "JSON type keyword with a number");
        replaceFirst(file, text, "\"type\": \"string\"", "\"type\": \"strnig\"", "JSON unknown type name");
        replaceFirst(file, text, "\"type\": \"object\"", "\"type\": [\"object\", 7]", "JSON type list with a number");
        replaceFirst(file, text, "\"properties\": {", "\"properties\": [", "JSON properties as a list");
        replaceFirst(file, text, "\"required\": [", "\"required\": [7, ", "JSON required with a number");
        replaceFirst(file, text, "\"additionalProperties\": true", "\"additionalProperties\": \"yes\"",
                "JSON additionalProperties as a string");
        replaceFirst(file, text, "\"title\": \"", "\"title\": \"\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\" oops \"",
                "JSON damage after emoji");
        add(file, "JSON unknown keyword", false, 2, text.replaceFirst("\\{\n", "{\n  \"bogusKeyword\": 1,\n"));
        int type = lines.stream().map(String::strip).toList().indexOf(lines.stream().filter(l -> l.strip()
                .startsWith("\"type\": \"object\"")).findFirst().orElse("").strip());
        if (type >= 0) {
            List<String> copy = new ArrayList<>(lines);
            copy.add(type, lines.get(type));
            add(file, "JSON duplicate key on line " + (type + 1), false, type + 2, join(copy));
        }
        add(file, "JSON top-level array", false, 0, "[" + text.strip() + "]\n");
        add(file, "JSON lone number", false, 0, "12\n");
        add(file, "JSON two values", false, 0, text + text);
        add(file, "JSON huge number", false, 0, text.replaceFirst("\\{\n", "{\n  \"maxLength\": 1" + "0".repeat(400) + ",\n"));
        add(file, "JSON deep nesting", false, 0, "[".repeat(5000) + "]".repeat(5000) + "\n");
        add(file, "JSON single quotes", false, 0, text.replace("\"type\"", "'type'"));
    }

    private void replaceFirst(String file, String text, String from, String to, String mutation) {
        int at = text.indexOf(from);
        if (at >= 0) {
            int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
            add(file, mutation + " on line " + line, false, 0, text.substring(0, at) + to + text.substring(at + from.length()));
        }
    }

    /** {@code count} distinct indexes below {@code n}, sorted, drawn from the seeded generator. */
    int[] sample(int n, int count) {
        List<Integer> all = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        java.util.Collections.shuffle(all, random);
        return all.stream().limit(count).mapToInt(Integer::intValue).sorted().toArray();
    }

    /** A line that carries no configuration: blank or only a comment. */
    static boolean isInert(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("#");
    }

    /** The line without a trailing YAML comment (a {@code #} after a space, outside quotes roughly). */
    static String withoutComment(String line) {
        int hash = line.indexOf(" #");
        String code = line.strip().startsWith("#") ? "" : hash >= 0 ? line.substring(0, hash) : line;
        return code;
    }

    static List<String> split(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }

    static String join(List<String> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    static String replace(List<String> lines, int k, String line) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(k, line);
        return join(copy);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
