package dev.trackwatch.config;

import java.util.regex.Pattern;

/**
 * A label matcher as written in {@code routing:} and in silences, in Alertmanager's syntax:
 * {@code name="value"}, {@code name!="value"}, {@code name=~"regex"} or {@code name!~"regex"}.
 * A regular expression must match the whole value. A label the alert does not have counts as the
 * empty string, so {@code team=""} matches alerts without a team and {@code team!=""} needs one.
 * Regular expressions are RE2 syntax ({@link #regex}), matched in linear time: a backreference or a
 * lookaround is a syntax error, not a pattern that may run for minutes on a long label value.
 *
 * @param name the label name
 * @param type the operator
 * @param value the value or regular expression, unquoted
 */
public record MatcherSpec(String name, Type type, String value) {

    /** Label names: letters, digits and _, not starting with a digit. */
    public static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final String SYNTAX = "write name=\"value\", name!=\"value\", name=~\"regex\" or name!~\"regex\"";

    /** The four operators. */
    public enum Type {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String operator;

        Type(String operator) {
            this.operator = operator;
        }

        /** Returns the operator as written, e.g. {@code =~}. */
        public String operator() {
            return operator;
        }

        /** Returns whether the value is a regular expression. */
        public boolean regex() {
            return this == REGEX || this == NOT_REGEX;
        }
    }

    /** A matcher that cannot be parsed; the message quotes it and says what is wrong. */
    public static final class SyntaxException extends IllegalArgumentException {
        SyntaxException(String text, String problem) {
            super("matcher '" + text + "': " + problem);
        }
    }

    /**
     * Parses {@code text}. The value is a double-quoted string ({@code \"}, {@code \\} and
     * {@code \n} are its escapes; any other backslash is kept, so a regex's {@code \d} works) or,
     * without quotes, a word with no spaces, quotes or commas.
     *
     * @throws SyntaxException when it is not a matcher, naming what is wrong
     */
    public static MatcherSpec parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new SyntaxException(text, "empty matcher: " + SYNTAX);
        }
        int i = 0;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        String name = s.substring(0, i);
        if (name.isEmpty()) {
            throw new SyntaxException(text, "expected a label name at the start: " + SYNTAX);
        }
        if (!LABEL_NAME.matcher(name).matches()) {
            throw new SyntaxException(text, "'" + name + "' is not a label name: use letters, digits and _, "
                    + "not starting with a digit");
        }
        i = skipSpaces(s, i);
        Type type = null;
        for (Type t : new Type[] {Type.REGEX, Type.NOT_REGEX, Type.NOT_EQUAL, Type.EQUAL}) {
            if (s.startsWith(t.operator(), i)) {
                type = t;
                break;
            }
        }
        if (type == null) {
            String found = i < s.length() ? "'" + s.charAt(i) + "'" : "the end";
            throw new SyntaxException(text, "expected =, !=, =~ or !~ after label name '" + name + "', found " + found);
        }
        i = skipSpaces(s, i + type.operator().length());
        if (type == Type.EQUAL && i < s.length() && s.charAt(i) == '=') {
            throw new SyntaxException(text, "'==' is not an operator: use = (or =~ for a regular expression)");
        }
        String value = i < s.length() && s.charAt(i) == '"' ? quoted(text, s, i) : unquoted(text, s.substring(i), name, type);
        if (type.regex()) {
            regex(text, value);
        }
        return new MatcherSpec(name, type, value);
    }

    /**
     * Compiles a matcher's regular expression with RE2/J, whose matching time is linear in the
     * value's length whatever the pattern (no backtracking), so a matcher cannot stall the router.
     *
     * @param text the whole matcher, quoted in the error
     * @param value the regular expression
     * @throws SyntaxException when it is not an RE2 regular expression, saying why
     */
    public static com.google.re2j.Pattern regex(String text, String value) {
        try {
            return com.google.re2j.Pattern.compile(value);
        } catch (com.google.re2j.PatternSyntaxException e) {
            String description = e.getDescription();
            // RE2 reports a backreference as a bad escape and a lookaround as bad Perl syntax or a bad group name.
            boolean unsupported = description.contains("escape") || description.contains("Perl syntax")
                    || description.contains("named capture");
            throw new SyntaxException(text, "invalid regular expression \"" + value + "\": " + description + " `"
                    + e.getPattern() + "`" + (unsupported ? " (matchers use RE2 syntax: no backreferences or lookaround)"
                    : ""));
        }
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String quoted(String text, String s, int open) {
        StringBuilder value = new StringBuilder();
        int i = open + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                String rest = s.substring(i + 1).strip();
                if (!rest.isEmpty()) {
                    throw new SyntaxException(text, "unexpected '" + rest + "' after the closing quote: one matcher per "
                            + "list entry");
                }
                return value.toString();
            }
            if (c == '\\') {
                if (i + 1 >= s.length()) {
                    break;
                }
                char next = s.charAt(i + 1);
                switch (next) {
                    case '"', '\\' -> value.append(next);
                    case 'n' -> value.append('\n');
                    default -> value.append(c).append(next); // kept as written: a regex's \d stays \d
                }
                i += 2;
                continue;
            }
            value.append(c);
            i++;
        }
        throw new SyntaxException(text, "the value's closing quote is missing");
    }

    private static String unquoted(String text, String value, String name, Type type) {
        if (value.isEmpty()) {
            throw new SyntaxException(text, "missing value after " + type.operator() + ": write " + name
                    + type.operator() + "\"\" for the empty string");
        }
        for (char c : value.toCharArray()) {
            if (Character.isWhitespace(c) || c == '"' || c == ',' || c == '\'') {
                throw new SyntaxException(text, "quote the value, as in " + name + type.operator() + "\"" + value.strip()
                        .replace("\"", "") + "\" (an unquoted value has no spaces, quotes or commas)");
            }
        }
        return value;
    }

    /** Renders the matcher canonically, with the value quoted: {@code kind=~"volume|null_rate"}. */
    @Override
    public String toString() {
        return name + type.operator() + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
