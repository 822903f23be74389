package dev.trackwatch.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small lexical scanner for the few decisions the HTTP endpoint must make about a statement
 * without parsing it: is it an INSERT, where does its inline data start, and which output format
 * does it ask for. It understands ClickHouse's string literals, quoted identifiers, comments and
 * parentheses so keywords inside them are never mistaken for clauses. The engine still parses
 * and validates every statement itself.
 */
final class SqlScanner {

    /** A bare word at parenthesis depth zero, with its position in the text. */
    record Word(String upper, int start, int end) {
    }

    private SqlScanner() {
    }

    /**
     * Returns the top-level words of {@code sql} in order. Scanning stops after a word for which
     * {@code stopAfter} is true and after the word that follows it, because what comes next may be
     * raw insert data rather than SQL.
     */
    static List<Word> topLevelWords(String sql, java.util.function.Predicate<String> stopAfter) {
        List<Word> words = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int n = sql.length();
        int remaining = -1;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '`' || c == '"') {
                i = skipQuoted(sql, i, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '(' || c == '[') {
                depth++;
                i++;
            } else if (c == ')' || c == ']') {
                depth = Math.max(0, depth - 1);
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                if (depth == 0) {
                    String upper = sql.substring(start, i).toUpperCase(Locale.ROOT);
                    words.add(new Word(upper, start, i));
                    if (remaining > 0 && --remaining == 0) {
                        return words;
                    }
                    if (remaining < 0 && stopAfter.test(upper)) {
                        remaining = 1;
                    }
                }
            } else {
                i++;
            }
        }
        return words;
    }

    private static int skipQuoted(String sql, int i, char quote) {
        int n = sql.length();
        i++;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** Returns the first top-level keyword of the statement, upper-cased, or the empty string. */
    static String firstKeyword(String sql) {
        List<Word> words = topLevelWords(sql, w -> true);
        return words.isEmpty() ? "" : words.getFirst().upper();
    }

    /**
     * Returns the format named by a trailing {@code FORMAT name} clause (optionally followed by
     * SETTINGS), as written, or null when the statement has none.
     */
    static String explicitFormat(String sql) {
        List<Word> words = topLevelWords(sql, w -> false);
        for (int k = words.size() - 2; k >= 0; k--) {
            if (words.get(k).upper().equals("FORMAT")) {
                Word name = words.get(k + 1);
                boolean last = k + 2 == words.size() || words.get(k + 2).upper().equals("SETTINGS");
                String between = sql.substring(words.get(k).end(), name.start());
                if (last && between.isBlank()) {
                    return sql.substring(name.start(), name.end());
                }
                return null;
            }
        }
        return null;
    }
}
