package dev.trackwatch.loader;

import dev.trackwatch.config.CalendarEntry;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.ConfigLocations;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.YamlFile;
import dev.trackwatch.config.YamlMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.Iterator;
import java.util.List;

/**
 * Reads one YAML file of checks/ through SnakeYAML's node API, which keeps every node's line and
 * column, into team and dataset drafts. A file holds one document whose top level may only have
 * {@code teams:}, {@code datasets:}, {@code calendar:} and {@code routing:}.
 */
final class YamlDocument {

    private YamlDocument() {
    }

    static void read(YamlFile file, String text, List<TeamReader.TeamDraft> teams,
                     List<DatasetReader.DatasetDraft> datasets, ConfigLocations.Builder locations) {
        read(file, text, teams, datasets, new java.util.ArrayList<>(), locations);
    }

    static void read(YamlFile file, String text, List<TeamReader.TeamDraft> teams,
                     List<DatasetReader.DatasetDraft> datasets, List<CalendarEntry> calendar,
                     ConfigLocations.Builder locations) {
        read(file, text, teams, datasets, calendar, new java.util.ArrayList<>(), locations);
    }

    static void read(YamlFile file, String text, List<TeamReader.TeamDraft> teams,
                     List<DatasetReader.DatasetDraft> datasets, List<CalendarEntry> calendar,
                     List<RoutingReader.RoutingDraft> routing, ConfigLocations.Builder locations) {
        Node root;
        try {
            Iterator<Node> documents = new Yaml(options()).composeAll(new StringReader(text)).iterator();
            if (!documents.hasNext()) {
                return;
            }
            root = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                file.error(second, ConfigError.YAML_SYNTAX, "a second YAML document in one file is not supported: "
                        + "move it into a file of its own");
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            // SnakeYAML's context ("while parsing a block mapping") and where that began point at the cause.
            String context = e.getProblem() != null && e.getContext() != null && e.getContextMark() != null
                    ? " (" + e.getContext().strip() + " that starts at line " + (e.getContextMark().getLine() + 1) + ")"
                    : "";
            file.error(file.at(mark), ConfigError.YAML_SYNTAX, "invalid YAML: " + problem.strip() + context);
            return;
        } catch (ReaderException e) {
            // Not marked: SnakeYAML gives the offending code point's index in the stream instead.
            file.error(at(file, text, e.getPosition()), ConfigError.YAML_SYNTAX, "invalid YAML: character "
                    + String.format("U+%04X", e.getCodePoint()) + " is not allowed in a YAML file");
            return;
        } catch (YAMLException e) {
            // SnakeYAML raises its limits (alias count, nesting depth) without a mark; YamlLimits finds the place.
            YamlLimits.Breach breach = YamlLimits.locate(file, text, options());
            file.error(breach != null ? breach.at() : SourceLocation.of(file.path()), ConfigError.YAML_SYNTAX,
                    "invalid YAML: " + (breach != null ? breach.problem() : e.getMessage()));
            return;
        }
        if (root instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
            return;
        }
        if (!(root instanceof MappingNode)) {
            // Not echoed: a file that is no mapping is often no config at all, and its text must not reach
            // errors (which the API returns, the log keeps and Slack posts).
            file.error(root, ConfigError.BAD_TYPE, "expected a mapping of teams:, datasets:, calendar: or routing: "
                    + "at the top level, got " + (root instanceof SequenceNode ? "a list" : "a scalar"));
            return;
        }
        YamlMap top = YamlMap.read(file, root, "at the top level");
        if (top == null) {
            return;
        }
        for (Node node : top.list("teams")) {
            TeamReader.TeamDraft team = TeamReader.read(file, node);
            if (team != null) {
                teams.add(team);
            }
        }
        for (Node node : top.list("datasets")) {
            DatasetReader.DatasetDraft dataset = DatasetReader.read(file, node, locations);
            if (dataset != null) {
                datasets.add(dataset);
            }
        }
        for (Node node : top.list("calendar")) {
            CalendarEntry entry = CalendarReader.read(file, node);
            if (entry != null) {
                calendar.add(entry);
            }
        }
        Node routingNode = top.value("routing");
        if (routingNode != null) {
            RoutingReader.RoutingDraft draft = RoutingReader.read(file, routingNode, file.at(top.keyNode("routing")));
            if (draft != null) {
                routing.add(draft);
            }
        }
        top.finish();
    }

    /** The one-based line and column of the {@code position}-th code point of {@code text}. */
    private static SourceLocation at(YamlFile file, String text, int position) {
        int line = 1;
        int column = 1;
        int offset = 0;
        for (int i = 0; i < position && offset < text.length(); i++) {
            int cp = text.codePointAt(offset);
            offset += Character.charCount(cp);
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SourceLocation(file.path(), line, column);
    }

    static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        // Aliases are legitimate for sharing settings, but a tree of thousands is an attack, not a config.
        options.setMaxAliasesForCollections(YamlLimits.MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(YamlLimits.MAX_NESTING);
        options.setAllowRecursiveKeys(false);
        return options;
    }
}
