package dev.trackwatch.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Hostile documents for the {@link ConfigCorpusDrill}: alias bombs (billion laughs), a recursive
 * alias, deep nesting, a file beyond the parser's size limit, many documents, odd tags. Each must
 * be refused quickly with a located error rather than exhaust memory, stack or time.
 */
final class ConfigCorpusBombs {

    private ConfigCorpusBombs() {
    }

    static void generate(Map<String, byte[]> base, ConfigCorpusValues.Sink sink) {
        String laughs = laughs();
        // The 51st alias of a collection, one past the parser's limit, stands on line 7 ("g:").
        sink.add("bomb.yaml", "billion laughs in a file of its own", false, 7, laughs);
        String routing = new String(base.getOrDefault("routing.yaml", new byte[0]), StandardCharsets.UTF_8);
        sink.add("routing.yaml", "billion laughs appended to routing.yaml", false,
                (int) routing.lines().count() + 7, routing + laughs);
        sink.add("bomb.yaml", "billion laughs under datasets:", false, 9,
                "datasets:\n  - name: bomb\n" + laughs.lines().map(l -> "    " + l + "\n").reduce("", String::concat));
        sink.add("bomb.yaml", "recursive alias in a list", false, 0, "teams: &t\n  - *t\n");
        sink.add("bomb.yaml", "recursive alias in a mapping", false, 0,
                "teams:\n  - &t\n    name: x\n    slack_channel: \"#x\"\n    datasets: [*t]\n");
        sink.add("bomb.yaml", "recursive alias as a key", false, 0, "teams:\n  - &k\n    *k : 1\n");
        sink.add("bomb.yaml", "many scalar aliases", false, 0,
                "teams:\n  - name: &n team_x\n    slack_channel: \"#x\"\n    events: [" + "*n, ".repeat(20000) + "*n]\n");
        sink.add("bomb.yaml", "undefined alias", false, 2, "teams:\n  - name: *nothing\n");
        sink.add("bomb.yaml", "deep flow nesting", false, 1, "teams: " + "[".repeat(20000) + "]".repeat(20000) + "\n");
        StringBuilder deep = new StringBuilder("teams:\n");
        for (int i = 0; i < 2000; i++) {
            deep.append("  ".repeat(i + 1)).append("- \n");
        }
        sink.add("bomb.yaml", "deep block nesting", false, 0, deep.toString());
        sink.add("bomb.yaml", "a 4 MB comment", true, 0,
                "teams: []\n# " + "x".repeat(4 * 1024 * 1024) + "\n");
        sink.add("bomb.yaml", "a very long key", false, 0, "teams:\n  - " + "k".repeat(200_000) + ": 1\n");
        sink.add("bomb.yaml", "many documents", false, 0, "teams: []\n" + "---\nteams: []\n".repeat(5000));
        sink.add("bomb.yaml", "a merge key", false, 0,
                "teams:\n  - &base\n    name: x\n    slack_channel: \"#x\"\n  - <<: *base\n    name: y\n");
        sink.add("bomb.yaml", "a Java class tag", false, 0, "teams: !!javax.script.ScriptEngineManager [x]\n");
        sink.add("bomb.yaml", "a binary tag", false, 0, "teams:\n  - name: !!binary aGVsbG8=\n    slack_channel: \"#x\"\n");
        sink.add("bomb.yaml", "a set", false, 0, "teams: !!set {a, b}\n");
        sink.add("bomb.yaml", "a complex key", false, 0, "? [a, b]\n: 1\n");
        sink.add("bomb.yaml", "a directive", true, 0, "%YAML 1.3\n---\nteams: []\n");
        sink.add("bomb.yaml", "a timestamp name", false, 0, "teams:\n  - name: 2024-01-01\n    slack_channel: \"#x\"\n");
    }

    /** Nine levels of nine aliases each: 9^9 strings if expanded. */
    private static String laughs() {
        StringBuilder out = new StringBuilder();
        out.append("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char prev = (char) (c - 1);
            out.append(c).append(": &").append(c).append(" [").append(("*" + prev + ", ").repeat(8)).append('*')
                    .append(prev).append("]\n");
        }
        return out.toString();
    }
}
