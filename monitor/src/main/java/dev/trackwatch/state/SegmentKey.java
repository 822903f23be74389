package dev.trackwatch.state;

import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical text of a segment, used as part of a series key: a JSON object with sorted keys,
 * {@code {}} for the total. JSON rather than {@code a=b,c=d} because segment values are user data
 * and may contain any character.
 */
public final class SegmentKey {

    /** The key of the total (no segment). */
    public static final String TOTAL = "{}";

    private SegmentKey() {
    }

    /** Returns the canonical key of {@code segment}. */
    public static String of(Map<String, String> segment) {
        if (segment.isEmpty()) {
            return TOTAL;
        }
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> e : new TreeMap<>(segment).entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            quote(sb, e.getKey());
            sb.append(':');
            quote(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
