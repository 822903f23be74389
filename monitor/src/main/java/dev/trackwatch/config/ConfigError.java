package dev.trackwatch.config;

import java.util.Comparator;

/**
 * One problem found in checks/: where it is, what is wrong in a sentence, and a stable code that
 * tools and tests can match on without parsing the sentence.
 *
 * @param location the file (relative to the checks directory), line and column
 * @param message what is wrong, e.g. {@code unknown key 'bukcet' in dataset 'events' (did you mean 'bucket'?)}
 * @param code a stable kebab-case code, one of the constants of this record
 */
public record ConfigError(SourceLocation location, String message, String code) implements Comparable<ConfigError> {

    /** The file is not valid YAML (SnakeYAML's message and mark). */
    public static final String YAML_SYNTAX = "yaml-syntax";
    /** A key that the mapping does not have; the message suggests the closest known key. */
    public static final String UNKNOWN_KEY = "unknown-key";
    /** The same key twice in one mapping, which YAML parsers would otherwise resolve silently. */
    public static final String DUPLICATE_KEY = "duplicate-key";
    /** A required key is absent. */
    public static final String MISSING_KEY = "missing-key";
    /** A value of the wrong kind: a list where a string belongs, a word where a number belongs. */
    public static final String BAD_TYPE = "bad-type";
    /** A value of the right kind outside its allowed set or range, e.g. an unknown severity. */
    public static final String BAD_VALUE = "bad-value";
    /** A duration that is not a positive integer and a unit, or not allowed where it stands. */
    public static final String BAD_DURATION = "bad-duration";
    /** A name, column or table that is not a valid identifier. */
    public static final String BAD_IDENTIFIER = "bad-identifier";
    /** A check {@code type:} that Trackwatch does not know. */
    public static final String UNKNOWN_TYPE = "unknown-type";
    /** Two teams, datasets, checks (in one dataset) or list entries with the same name. */
    public static final String DUPLICATE_NAME = "duplicate-name";
    /** A name that refers to nothing: an owner that is no team, a segment the dataset lacks. */
    public static final String UNKNOWN_REFERENCE = "unknown-reference";
    /** Two definitions disagree about who owns a dataset or an event. */
    public static final String CONFLICTING_OWNER = "conflicting-owner";
    /** Limits that contradict themselves (min above max) or leave their range (a share above 1). */
    public static final String BAD_BOUNDS = "bad-bounds";
    /** A runbook file that does not exist under the runbooks directory. */
    public static final String MISSING_RUNBOOK = "missing-runbook";
    /** A file whose name or place in the tree has no meaning to Trackwatch. */
    public static final String BAD_FILE_NAME = "bad-file-name";
    /** A file that exists but cannot be read (permissions, I/O error), or is not a regular file. */
    public static final String UNREADABLE_FILE = "unreadable-file";
    /** A symbolic link that resolves to nothing, to a directory, or outside the checks directory. */
    public static final String BAD_LINK = "bad-link";
    /** A tracking-plan file that is not valid JSON, or uses JSON Schema outside the supported subset. */
    public static final String BAD_SCHEMA = "bad-schema";
    /** The table a dataset names does not exist in ClickHouse. */
    public static final String UNKNOWN_TABLE = "unknown-table";
    /** A column the config names does not exist in the dataset's table. */
    public static final String UNKNOWN_COLUMN = "unknown-column";
    /** A column exists but its ClickHouse type cannot serve its role (event time, JSON root). */
    public static final String BAD_COLUMN_TYPE = "bad-column-type";
    /** A dataset filter or custom expression that ClickHouse cannot compile against the table. */
    public static final String BAD_EXPRESSION = "bad-expression";
    /** A routing label matcher that is not {@code name="value"} (or !=, =~, !~), or whose regex does not compile. */
    public static final String BAD_MATCHER = "bad-matcher";

    /**
     * Keeps every error on one line: an error is printed as one {@code file:line:col: message} line,
     * and a value echoed with a line break (a quoted {@code "a\nb"}, an unclosed quote that ran on)
     * would otherwise print lines that carry no location, and other control characters garble
     * terminals and Slack. They are shown escaped instead.
     */
    public ConfigError {
        message = oneLine(message);
    }

    /** {@code text} with line breaks and tabs escaped as {@code \n}, {@code \t}, other control characters by their hex code. */
    public static String oneLine(String text) {
        if (text == null || text.chars().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.chars().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** Orders errors by file, then line, then column, then message, the order they are printed in. */
    public static final Comparator<ConfigError> ORDER = Comparator
            .comparing((ConfigError e) -> e.location().file())
            .thenComparingInt(e -> e.location().line())
            .thenComparingInt(e -> e.location().column())
            .thenComparing(ConfigError::message);

    /** Creates an error at {@code location}. */
    public static ConfigError at(SourceLocation location, String code, String message) {
        return new ConfigError(location, message, code);
    }

    /** Renders {@code file:line:col: message}, the form the CLI prints and fixtures expect. */
    public String render() {
        return location + ": " + message;
    }

    @Override
    public int compareTo(ConfigError other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return render();
    }
}
