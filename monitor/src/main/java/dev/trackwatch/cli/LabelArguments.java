package dev.trackwatch.cli;

import dev.trackwatch.config.MatcherSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses label sets ({@code team=growth,kind=volume}) and matcher lists given on the command line. */
final class LabelArguments {

    private LabelArguments() {
    }

    /** Splits on commas outside double quotes (a backslash escapes the next character inside them). */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().strip());
        return parts.stream().filter(p -> !p.isEmpty()).toList();
    }

    /**
     * Parses {@code name=value} pairs, separated by commas; a value may be double-quoted to hold
     * commas. Later pairs replace earlier ones.
     */
    static Map<String, String> labels(String option, List<String> values) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String value : values) {
            for (String pair : split(value)) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq).strip();
                if (eq < 0 || !MatcherSpec.LABEL_NAME.matcher(name).matches()) {
                    throw new UserFacingException(option + ": '" + pair + "' is not name=value (a label name is "
                            + "letters, digits and _, not starting with a digit)");
                }
                String v = pair.substring(eq + 1).strip();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
                }
                labels.put(name, v);
            }
        }
        return labels;
    }

    /** Splits matcher lists given as {@code a="x",b=~"y|z"} into single matchers, without parsing them. */
    static List<String> matchers(List<String> values) {
        List<String> matchers = new ArrayList<>();
        values.forEach(v -> matchers.addAll(split(v)));
        return matchers;
    }

    /** Renders labels as {@code a="x", b="y"}. */
    static String render(Map<String, String> labels) {
        List<String> parts = new ArrayList<>();
        labels.forEach((k, v) -> parts.add(k + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        return String.join(", ", parts);
    }
}
