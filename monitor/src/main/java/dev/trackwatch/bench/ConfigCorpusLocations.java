package dev.trackwatch.bench;

import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.SourceLocation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Whether a config error's location exists in the tree that was loaded: a file of the tree, a
 * line of that file (or the position just after its last line end), a column within that line.
 */
final class ConfigCorpusLocations {

    private ConfigCorpusLocations() {
    }

    /** Returns why {@code error}'s location is not in {@code tree}, or null when it is. */
    static String problem(ConfigError error, Map<String, byte[]> tree) {
        SourceLocation at = error.location();
        if (at == null || at.file() == null || at.file().isBlank()) {
            return "no file";
        }
        byte[] bytes = tree.get(at.file());
        if (bytes == null) {
            return "file '" + at.file() + "' is not in the tree";
        }
        // Lenient decoding: a file with invalid UTF-8 still has lines an editor shows.
        List<String> lines = List.of(new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1));
        if (at.line() < 1 || at.line() > lines.size()) {
            return "line " + at.line() + " outside 1.." + lines.size();
        }
        // Columns count code points, as editors do: an emoji is one column, not two UTF-16 units.
        String line = lines.get(at.line() - 1);
        int width = line.codePointCount(0, line.length());
        if (at.column() < 1 || at.column() > width + 1) {
            return "column " + at.column() + " outside 1.." + (width + 1);
        }
        return null;
    }
}
