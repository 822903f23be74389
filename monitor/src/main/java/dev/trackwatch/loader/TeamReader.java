package dev.trackwatch.loader;

import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.TeamSpec;
import dev.trackwatch.config.YamlFile;
import dev.trackwatch.config.YamlMap;
import dev.trackwatch.config.YamlValues;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads one entry of {@code teams:}. Cross-file rules (unique names, known datasets) come later. */
final class TeamReader {

    /** Slack's own rule for channel names: lower case, digits, dash, underscore, period, up to 80. */
    private static final Pattern SLACK_CHANNEL = Pattern.compile("#[a-z0-9][a-z0-9._-]{0,79}");

    private TeamReader() {
    }

    /**
     * A team as read, with the locations of its list entries for the cross-file checks.
     *
     * @param nameAt location of the name, for duplicate-name errors
     * @param datasetAt location of each listed dataset name
     * @param eventAt location of each listed event name
     */
    record TeamDraft(String name, String slackChannel, List<String> datasets, List<String> events,
                     SourceLocation location, SourceLocation nameAt, Map<String, SourceLocation> datasetAt,
                     Map<String, SourceLocation> eventAt) {

        TeamSpec toSpec() {
            return new TeamSpec(name, slackChannel, datasets, events, location);
        }
    }

    /** Reads a team, or returns null when it has no usable name to take part in cross-file checks. */
    static TeamDraft read(YamlFile file, Node node) {
        String peeked = YamlMap.peek(node, "name");
        YamlMap map = YamlMap.read(file, node, peeked == null ? "in a team" : "in team '" + peeked + "'");
        if (map == null) {
            return null;
        }
        String name = map.requiredIdentifier("name", YamlValues.TEAM, "team name");
        String slack = slackChannel(file, map);
        List<SourceLocation> datasetLocations = new ArrayList<>();
        List<String> datasets = map.identifiers("datasets", YamlValues.NAME, "dataset name",
                (i, at) -> datasetLocations.add(at));
        Map<String, SourceLocation> datasetAt = new LinkedHashMap<>();
        for (int i = 0; i < datasets.size(); i++) {
            datasetAt.put(datasets.get(i), datasetLocations.get(i));
        }
        Map<String, SourceLocation> eventAt = new LinkedHashMap<>();
        List<String> events = new ArrayList<>();
        for (Node item : map.list("events")) {
            String event = YamlValues.string(file, item);
            if (event == null) {
                continue;
            }
            if (event.isBlank()) {
                file.error(item, ConfigError.BAD_VALUE, "expected an event name, got an empty string");
                continue;
            }
            if (eventAt.containsKey(event)) {
                file.error(item, ConfigError.DUPLICATE_NAME, "'" + event + "' is listed twice in events");
                continue;
            }
            events.add(event);
            eventAt.put(event, file.at(item));
        }
        map.finish();
        if (name == null) {
            return null;
        }
        return new TeamDraft(name, slack, datasets, events, map.location(), map.at("name"), datasetAt, eventAt);
    }

    static String slackChannel(YamlFile file, YamlMap map) {
        Node node = map.required("slack_channel");
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            // The usual cause: slack_channel: #growth-alerts, where YAML reads # as a comment.
            file.error(node, ConfigError.BAD_VALUE, "slack_channel is empty: quote the channel, as in "
                    + "slack_channel: \"#growth-alerts\", since an unquoted # starts a YAML comment");
            return null;
        }
        String channel = YamlValues.string(file, node);
        if (channel != null && !SLACK_CHANNEL.matcher(channel).matches()) {
            file.error(node, ConfigError.BAD_VALUE, "expected a Slack channel like \"#growth-alerts\" (# then "
                    + "lower-case letters, digits, -, _ or .), got '" + channel + "'");
            return null;
        }
        return channel;
    }
}
