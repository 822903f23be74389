package dev.trackwatch.config;

/**
 * Where a piece of configuration was written: a file relative to the checks directory, and a
 * one-based line and column. Every spec object and every config error carries one.
 *
 * @param file the file, relative to the checks directory, e.g. {@code datasets/events.yaml}
 * @param line one-based line
 * @param column one-based column
 */
public record SourceLocation(String file, int line, int column) {

    /** A location for things that have no line, such as a whole file. */
    public static SourceLocation of(String file) {
        return new SourceLocation(file, 1, 1);
    }

    /** Renders {@code file:line:col}, the prefix of every config error. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
