package dev.trackwatch.plan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Checks on names and SQL text from configuration before they reach a query. The config loader
 * validates them too; these checks are the planner's own line of defence, because a name that
 * slipped through would otherwise end up in SQL run against production tables.
 *
 * <p>Names are quoted by jOOQ anyway; restricting them to a plain alphabet additionally keeps
 * quote characters, dots (which ClickHouse reads as subcolumn or table separators) and control
 * characters out. Expressions (a dataset's {@code filter}, a custom check's aggregate) are trusted
 * SQL, but must stay one expression inside the parentheses the planner puts around them.
 */
public final class SqlSafety {

    /** Databases, tables and columns: letters, digits, {@code _}, {@code $}, {@code -}. */
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}\\p{N}_$-]{1,128}");
    /** JSON property names also allow {@code @}, {@code :} and inner spaces (e.g. {@code page title}). */
    private static final Pattern PROPERTY = Pattern.compile("[\\p{L}\\p{N}_$@:-]([\\p{L}\\p{N}_$@: -]{0,126}[\\p{L}\\p{N}_$@:-])?");

    private SqlSafety() {
    }

    /**
     * Returns {@code name} when it is a safe database, table or column name.
     *
     * @param name the name from configuration
     * @param context what it is, for the message, e.g. {@code dataset 'events', check 'volume': segment}
     * @throws PlanException when it is not
     */
    public static String identifier(String name, String context) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new PlanException(context + " " + quote(name) + " is not a valid identifier (letters, digits, "
                    + "'_', '$' and '-', at most 128 characters)");
        }
        return name;
    }

    /**
     * Returns {@code name} when it is a safe JSON property name.
     *
     * @param name the property name from configuration or the tracking plan
     * @param context what it is, for the message
     * @throws PlanException when it is not
     */
    public static String property(String name, String context) {
        if (name == null || !PROPERTY.matcher(name).matches()) {
            throw new PlanException(context + " " + quote(name) + " is not a valid property name (letters, digits, "
                    + "'_', '$', '@', ':', '-' and inner spaces, at most 128 characters)");
        }
        return name;
    }

    /**
     * Returns {@code sql} when it is a single SQL expression that cannot break out of the
     * parentheses it will be placed in: brackets balance outside string literals and quoted
     * names, and there is no top-level comma, no {@code ;}, no comment (a comment would swallow
     * the rest of the one-line query), no heredoc or bare {@code $}, and no {@code {}} query
     * parameter placeholder.
     *
     * @param sql the expression from configuration
     * @param context what it is, for the message, e.g. {@code dataset 'events': filter}
     * @throws PlanException when it is not
     */
    public static String expression(String sql, String context) {
        if (sql == null || sql.isBlank()) {
            throw new PlanException(context + " is empty");
        }
        Deque<Character> open = new ArrayDeque<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
            switch (c) {
                case '\'', '"', '`' -> {
                    int end = endOfQuoted(sql, i);
                    if (end < 0) {
                        throw reject(sql, context, "has an unterminated " + (c == '\'' ? "string literal" : "quoted name"));
                    }
                    i = end;
                }
                case '(', '[' -> open.push(c);
                case ')', ']' -> {
                    char expected = c == ')' ? '(' : '[';
                    if (open.isEmpty() || open.pop() != expected) {
                        throw reject(sql, context, "has an unbalanced '" + c + "'");
                    }
                }
                case ',' -> {
                    if (open.isEmpty()) {
                        throw reject(sql, context, "must be a single expression (top-level ',')");
                    }
                }
                case ';' -> throw reject(sql, context, "must be a single expression (';')");
                case '#' -> throw reject(sql, context, "must not contain comments ('#')");
                case '$' -> throw reject(sql, context, "must not contain '$' outside quotes (quote such names with backticks)");
                case '{', '}' -> throw reject(sql, context, "must not contain query parameters ('{', '}')");
                default -> {
                    if ((c == '-' && next == '-') || (c == '/' && next == '*')) {
                        throw reject(sql, context, "must not contain comments ('" + c + next + "')");
                    }
                    if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                        throw reject(sql, context, "contains a control character");
                    }
                }
            }
            i++;
        }
        if (!open.isEmpty()) {
            throw reject(sql, context, "has an unclosed '" + open.peek() + "'");
        }
        return sql;
    }

    /**
     * Returns the index of the quote closing the literal or quoted name opened at {@code start},
     * or -1. ClickHouse accepts both a backslash escape and a doubled quote inside them.
     */
    private static int endOfQuoted(String sql, int start) {
        char quote = sql.charAt(start);
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    private static PlanException reject(String sql, String context, String problem) {
        return new PlanException(context + " " + problem + ": " + quote(sql));
    }

    /** Quotes a config value for a message, with control characters escaped and long values cut. */
    static String quote(String value) {
        if (value == null) {
            return "(missing)";
        }
        StringBuilder out = new StringBuilder("'");
        value.codePoints().limit(120).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append(value.codePointCount(0, value.length()) > 120 ? "...'" : "'").toString();
    }
}
