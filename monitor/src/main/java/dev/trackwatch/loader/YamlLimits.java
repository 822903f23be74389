package dev.trackwatch.loader;

import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.YamlFile;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;

/**
 * Where a YAML file crosses the composer's limits. SnakeYAML refuses an alias bomb ("billion
 * laughs": a few lines whose aliases expand to billions of nodes) and absurd nesting, which would
 * exhaust memory or the stack, but without a mark, so the error would name only the file. This
 * replays the file's parse events (the parser neither expands aliases nor recurses, so the replay
 * is linear in the text) and finds the alias or the collection that went one past the limit.
 */
final class YamlLimits {

    /** Aliases of lists and mappings a file may use; sharing a few settings needs far fewer. */
    static final int MAX_COLLECTION_ALIASES = 50;
    /** Lists and mappings nested in each other; a checks file needs about eight. */
    static final int MAX_NESTING = 50;

    /** The place and a sentence for the error. */
    record Breach(SourceLocation at, String problem) {
    }

    private YamlLimits() {
    }

    /** Returns where {@code text} crosses a limit, or null when it does not (the failure was something else). */
    static Breach locate(YamlFile file, String text, LoaderOptions options) {
        Set<String> collections = new HashSet<>();
        int aliases = 0;
        int depth = 0;
        try {
            for (Event event : new Yaml(options).parse(new StringReader(text))) {
                if (event instanceof CollectionStartEvent start) {
                    if (start.getAnchor() != null) {
                        collections.add(start.getAnchor());
                    }
                    if (++depth > MAX_NESTING) {
                        return new Breach(file.at(event.getStartMark()), "lists and mappings nested more than "
                                + MAX_NESTING + " levels deep");
                    }
                } else if (event instanceof CollectionEndEvent) {
                    depth--;
                } else if (event instanceof AliasEvent alias && collections.contains(((NodeEvent) alias).getAnchor())
                        && ++aliases > MAX_COLLECTION_ALIASES) {
                    return new Breach(file.at(event.getStartMark()), "more than " + MAX_COLLECTION_ALIASES
                            + " aliases of lists or mappings, refused as a likely alias bomb (each alias copies "
                            + "its anchor's whole tree): repeat the settings instead");
                }
            }
        } catch (RuntimeException e) {
            // A syntax error after the limit: the composer stopped before reaching it, so no breach to report here.
            return null;
        }
        return null;
    }
}
