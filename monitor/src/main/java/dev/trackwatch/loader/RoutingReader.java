package dev.trackwatch.loader;

import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.Durations;
import dev.trackwatch.config.InhibitRuleSpec;
import dev.trackwatch.config.MatcherSpec;
import dev.trackwatch.config.ReceiverSpec;
import dev.trackwatch.config.RouteSpec;
import dev.trackwatch.config.RoutingSpec;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.Suggestions;
import dev.trackwatch.config.TimeIntervalSpec;
import dev.trackwatch.config.YamlFile;
import dev.trackwatch.config.YamlMap;
import dev.trackwatch.config.YamlValues;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the top-level {@code routing:} section: the route tree, receivers, inhibit rules and mute
 * time intervals. Names that point elsewhere (a route's receiver, which may be a team defined in
 * another file, and its mute time intervals) are collected as references and resolved by
 * {@link RoutingAssembler} once every file is read.
 */
final class RoutingReader {

    /** {@code @name}, or one of Slack's own mention escapes such as {@code <!subteam^S0123>} or {@code <@U0123>}. */
    private static final Pattern MENTION = Pattern.compile("@[A-Za-z0-9][A-Za-z0-9._-]{0,79}|<[!@#][^<>\\s]{1,100}>");
    private static final Pattern TIME_OF_DAY = Pattern.compile("([0-9]{2}):([0-9]{2})");
    private static final Pattern RANGE = Pattern.compile("(-?[0-9a-z]+)(?::(-?[0-9a-z]+))?");
    private static final List<String> WEEKDAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday");
    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december");
    private static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    private final YamlFile file;
    private final List<Reference> receiverRefs = new ArrayList<>();
    private final List<Reference> intervalRefs = new ArrayList<>();

    private RoutingReader(YamlFile file) {
        this.file = file;
    }

    /** A name used somewhere that must be defined elsewhere. */
    record Reference(String name, SourceLocation at) {
    }

    /**
     * The section as read.
     *
     * @param spec the settings (references unresolved)
     * @param receiverRefs every route's {@code receiver:}
     * @param intervalRefs every name in a route's {@code mute_time_intervals:}
     * @param location where {@code routing:} is, for "defined twice" errors
     */
    record RoutingDraft(RoutingSpec spec, List<Reference> receiverRefs, List<Reference> intervalRefs,
                        SourceLocation location) {
    }

    /** Reads the value of {@code routing:}; returns null when it is not a mapping (the error is reported). */
    static RoutingDraft read(YamlFile file, Node node, SourceLocation keyAt) {
        return new RoutingReader(file).read(node, keyAt);
    }

    private RoutingDraft read(Node node, SourceLocation keyAt) {
        YamlMap map = YamlMap.read(file, node, "in routing");
        if (map == null) {
            return null;
        }
        Node routeNode = map.value("route");
        RouteSpec root = routeNode == null ? RouteSpec.ROOT_DEFAULTS : route(routeNode, "route", true);
        List<ReceiverSpec> receivers = new ArrayList<>();
        Map<String, ReceiverSpec> receiverByName = new LinkedHashMap<>();
        for (Node item : map.list("receivers")) {
            ReceiverSpec receiver = receiver(item);
            if (receiver == null) {
                continue;
            }
            ReceiverSpec first = receiverByName.putIfAbsent(receiver.name(), receiver);
            if (first != null) {
                file.error(receiver.location(), ConfigError.DUPLICATE_NAME, "receiver '" + receiver.name()
                        + "' is defined twice (first at line " + first.location().line() + ")");
            } else {
                receivers.add(receiver);
            }
        }
        List<InhibitRuleSpec> rules = new ArrayList<>();
        List<Node> ruleNodes = map.list("inhibit_rules");
        for (int i = 0; i < ruleNodes.size(); i++) {
            InhibitRuleSpec rule = inhibitRule(ruleNodes.get(i), "inhibit_rules[" + i + "]");
            if (rule != null) {
                rules.add(rule);
            }
        }
        List<TimeIntervalSpec> intervals = new ArrayList<>();
        Map<String, TimeIntervalSpec> intervalByName = new LinkedHashMap<>();
        for (Node item : map.list("mute_time_intervals")) {
            TimeIntervalSpec interval = timeInterval(item);
            if (interval == null) {
                continue;
            }
            TimeIntervalSpec first = intervalByName.putIfAbsent(interval.name(), interval);
            if (first != null) {
                file.error(interval.location(), ConfigError.DUPLICATE_NAME, "mute time interval '" + interval.name()
                        + "' is defined twice (first at line " + first.location().line() + ")");
            } else {
                intervals.add(interval);
            }
        }
        map.finish();
        if (root == null) {
            return null;
        }
        return new RoutingDraft(new RoutingSpec(root, receivers, rules, intervals, keyAt), receiverRefs, intervalRefs,
                keyAt);
    }

    /** Reads a route and its children; {@code path} names it in messages, e.g. {@code route.routes[1]}. */
    private RouteSpec route(Node node, String path, boolean root) {
        String where = root ? "in the root route" : "in route " + path;
        YamlMap map = YamlMap.read(file, node, where);
        if (map == null) {
            return null;
        }
        List<MatcherSpec> matchers = List.of();
        if (root && map.has("matchers")) {
            file.error(map.at("matchers"), ConfigError.BAD_VALUE, "the root route takes every alert and has no "
                    + "matchers: put them on a route under routes:");
        } else {
            matchers = matchers(map, "matchers", false);
        }
        String receiver = map.identifier("receiver", YamlValues.TEAM, "receiver name");
        if (receiver != null) {
            receiverRefs.add(new Reference(receiver, map.at("receiver")));
        }
        List<String> groupBy = map.value("group_by") == null ? null : groupBy(map);
        Duration groupWait = duration(map, "group_wait", true);
        Duration groupInterval = duration(map, "group_interval", false);
        Map<Severity, Duration> repeat = repeatInterval(map);
        boolean continueMatching = false;
        if (root && map.has("continue")) {
            file.error(map.at("continue"), ConfigError.BAD_VALUE, "continue has no meaning on the root route: "
                    + "it has no siblings");
        } else {
            continueMatching = map.bool("continue", false);
        }
        List<String> mutes = null;
        if (map.value("mute_time_intervals") != null) {
            mutes = new ArrayList<>();
            List<Node> items = map.list("mute_time_intervals");
            for (Node item : items) {
                String name = YamlValues.identifier(file, item, YamlValues.TEAM, "mute time interval name");
                if (name == null) {
                    continue;
                }
                if (mutes.contains(name)) {
                    file.error(item, ConfigError.DUPLICATE_NAME, "'" + name + "' is listed twice in mute_time_intervals");
                    continue;
                }
                mutes.add(name);
                intervalRefs.add(new Reference(name, file.at(item)));
            }
        }
        List<RouteSpec> children = new ArrayList<>();
        List<Node> childNodes = map.list("routes");
        boolean broken = false;
        for (int i = 0; i < childNodes.size(); i++) {
            RouteSpec child = route(childNodes.get(i), path + ".routes[" + i + "]", false);
            if (child == null) {
                broken = true;
            } else {
                children.add(child);
            }
        }
        map.finish();
        if (broken) {
            return null;
        }
        return new RouteSpec(matchers, receiver, groupBy, groupWait, groupInterval, repeat, continueMatching, mutes,
                children, map.location());
    }

    private List<String> groupBy(YamlMap map) {
        List<String> labels = new ArrayList<>();
        List<Node> items = map.list("group_by");
        for (Node item : items) {
            String text = YamlValues.string(file, item);
            if (text == null) {
                continue;
            }
            if (text.equals(RouteSpec.ALL_LABELS)) {
                if (items.size() > 1) {
                    file.error(item, ConfigError.BAD_VALUE, "group_by: '...' groups by every label and stands alone");
                    continue;
                }
            } else if (!MatcherSpec.LABEL_NAME.matcher(text).matches()) {
                file.error(item, ConfigError.BAD_IDENTIFIER, "'" + text + "' is not a valid label name: "
                        + YamlValues.rule(YamlValues.COLUMN));
                continue;
            }
            if (labels.contains(text)) {
                file.error(item, ConfigError.DUPLICATE_NAME, "'" + text + "' is listed twice in group_by");
                continue;
            }
            labels.add(text);
        }
        return labels;
    }

    /** A duration; {@code group_wait} may also be zero (notify at once). */
    private Duration duration(YamlMap map, String key, boolean zeroAllowed) {
        Node node = map.value(key);
        if (node == null) {
            return null;
        }
        if (zeroAllowed && node instanceof ScalarNode s && s.getValue().matches("0[smhdw]?")) {
            return YamlValues.bounded(file, node, key, Duration.ZERO);
        }
        return YamlValues.duration(file, node, key);
    }

    /** One duration for every severity, or a mapping from severity to duration. */
    private Map<Severity, Duration> repeatInterval(YamlMap map) {
        Node node = map.value("repeat_interval");
        Map<Severity, Duration> result = new EnumMap<>(Severity.class);
        if (node == null) {
            return result;
        }
        if (node instanceof MappingNode) {
            YamlMap bySeverity = YamlMap.read(file, node, "in repeat_interval");
            for (String severity : SEVERITIES) {
                Node value = bySeverity.value(severity);
                Duration d = value == null ? null : YamlValues.duration(file, value, "repeat_interval");
                if (d != null) {
                    result.put(Severity.valueOf(severity.toUpperCase(Locale.ROOT)), d);
                }
            }
            bySeverity.finish();
            return result;
        }
        String text = node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL) ? s.getValue() : null;
        Duration d = text == null ? null : Durations.parse(text).orElse(null);
        if (d == null) {
            file.error(node, ConfigError.BAD_DURATION, "expected a duration like 4h, or a mapping of severity to "
                    + "duration like {critical: 1h, warning: 4h, info: 24h}, got " + YamlValues.describe(node));
            return result;
        }
        if (YamlValues.bounded(file, node, "repeat_interval", d) == null) {
            return result;
        }
        for (Severity severity : Severity.values()) {
            result.put(severity, d);
        }
        return result;
    }

    /** A list of matcher strings; each bad one is reported at its own entry. */
    private List<MatcherSpec> matchers(YamlMap map, String key, boolean required) {
        Node value = required ? map.required(key) : map.value(key);
        if (value == null) {
            return List.of();
        }
        List<Node> items = YamlValues.list(file, value);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty() && required) {
            file.error(value, ConfigError.BAD_VALUE, key + " is empty: an empty list would match every alert");
        }
        List<MatcherSpec> result = new ArrayList<>();
        for (Node item : items) {
            String text = YamlValues.string(file, item);
            if (text == null) {
                continue;
            }
            try {
                result.add(MatcherSpec.parse(text));
            } catch (MatcherSpec.SyntaxException e) {
                file.error(item, ConfigError.BAD_MATCHER, e.getMessage());
            }
        }
        return result;
    }

    private ReceiverSpec receiver(Node node) {
        String peeked = YamlMap.peek(node, "name");
        YamlMap map = YamlMap.read(file, node, peeked == null ? "in a receiver" : "in receiver '" + peeked + "'");
        if (map == null) {
            return null;
        }
        String name = map.requiredIdentifier("name", YamlValues.TEAM, "receiver name");
        if (RoutingSpec.OWNER.equals(name)) {
            file.error(map.at("name"), ConfigError.BAD_VALUE, "receiver name 'owner' is reserved: receiver: owner "
                    + "sends to the owning team's channel");
            name = null;
        }
        String channel = TeamReader.slackChannel(file, map);
        Node mentionNode = map.value("mention");
        String mention = mentionNode == null ? null : YamlValues.string(file, mentionNode);
        if (mention != null && !MENTION.matcher(mention).matches()) {
            file.error(mentionNode, ConfigError.BAD_VALUE, "expected a mention like \"@growth-oncall\" or Slack's "
                    + "<!subteam^ID>, <@USER_ID>, <!here>, got '" + mention + "'");
            mention = null;
        }
        map.finish();
        if (name == null || channel == null) {
            return null;
        }
        return new ReceiverSpec(name, channel, mention, map.location());
    }

    private InhibitRuleSpec inhibitRule(Node node, String path) {
        YamlMap map = YamlMap.read(file, node, "in " + path);
        if (map == null) {
            return null;
        }
        int errors = file.problems().count();
        List<MatcherSpec> source = matchers(map, "source_matchers", true);
        List<MatcherSpec> target = matchers(map, "target_matchers", true);
        List<String> equal = new ArrayList<>();
        for (Node item : map.list("equal")) {
            String label = YamlValues.string(file, item);
            if (label == null) {
                continue;
            }
            if (!MatcherSpec.LABEL_NAME.matcher(label).matches()) {
                file.error(item, ConfigError.BAD_IDENTIFIER, "'" + label + "' is not a valid label name: "
                        + YamlValues.rule(YamlValues.COLUMN));
            } else if (equal.contains(label)) {
                file.error(item, ConfigError.DUPLICATE_NAME, "'" + label + "' is listed twice in equal");
            } else {
                equal.add(label);
            }
        }
        map.finish();
        return file.problems().count() > errors ? null : new InhibitRuleSpec(source, target, equal, map.location());
    }

    private TimeIntervalSpec timeInterval(Node node) {
        String peeked = YamlMap.peek(node, "name");
        YamlMap map = YamlMap.read(file, node, peeked == null ? "in a mute time interval"
                : "in mute time interval '" + peeked + "'");
        if (map == null) {
            return null;
        }
        int errors = file.problems().count();
        String name = map.requiredIdentifier("name", YamlValues.TEAM, "mute time interval name");
        List<TimeIntervalSpec.TimeRange> times = new ArrayList<>();
        for (Node item : map.list("times")) {
            TimeIntervalSpec.TimeRange range = timeRange(item);
            if (range != null) {
                times.add(range);
            }
        }
        List<TimeIntervalSpec.Range> weekdays = ranges(map, "weekdays", 1, 7);
        List<TimeIntervalSpec.Range> days = ranges(map, "days_of_month", -31, 31);
        List<TimeIntervalSpec.Range> months = ranges(map, "months", 1, 12);
        List<TimeIntervalSpec.Range> years = ranges(map, "years", 1970, 9999);
        ZoneId zone = zone(map);
        if (times.isEmpty() && weekdays.isEmpty() && days.isEmpty() && months.isEmpty() && years.isEmpty()
                && file.problems().count() == errors) {
            file.error(map.location(), ConfigError.MISSING_KEY, "mute time interval" + (name == null ? "" : " '" + name + "'")
                    + " has none of times, weekdays, days_of_month, months or years: it would mute at all times");
        }
        map.finish();
        if (name == null || file.problems().count() > errors) {
            return null;
        }
        return new TimeIntervalSpec(name, times, weekdays, days, months, years, zone, map.location());
    }

    private TimeIntervalSpec.TimeRange timeRange(Node node) {
        YamlMap map = YamlMap.read(file, node, "in times");
        if (map == null) {
            return null;
        }
        Integer start = timeOfDay(map, "start", false);
        Integer end = timeOfDay(map, "end", true);
        map.finish();
        if (start == null || end == null) {
            return null;
        }
        if (end <= start) {
            file.error(map.at("end"), ConfigError.BAD_VALUE, "end " + hhmm(end) + " is not after start " + hhmm(start)
                    + ": an interval across midnight is two, e.g. " + hhmm(start) + "-24:00 and 00:00-" + hhmm(end));
            return null;
        }
        return new TimeIntervalSpec.TimeRange(start, end);
    }

    /** Minutes since midnight of an {@code HH:MM} value; {@code 24:00} only as an end. */
    private Integer timeOfDay(YamlMap map, String key, boolean end) {
        Node node = map.required(key);
        String text = node == null ? null : YamlValues.string(file, node);
        if (text == null) {
            return null;
        }
        Matcher m = TIME_OF_DAY.matcher(text);
        if (m.matches()) {
            int hours = Integer.parseInt(m.group(1));
            int minutes = Integer.parseInt(m.group(2));
            if (hours < 24 && minutes < 60 || end && hours == 24 && minutes == 0) {
                return hours * 60 + minutes;
            }
        }
        file.error(node, ConfigError.BAD_VALUE, key + " '" + text + "' is not a time of day HH:MM from 00:00 to "
                + (end ? "24:00" : "23:59"));
        return null;
    }

    private static String hhmm(int minutes) {
        return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
    }

    /**
     * Reads a list of values or {@code start:end} ranges (inclusive): weekdays as names, months as
     * names or numbers, days of the month and years as numbers.
     */
    private List<TimeIntervalSpec.Range> ranges(YamlMap map, String key, int min, int max) {
        List<TimeIntervalSpec.Range> result = new ArrayList<>();
        for (Node item : map.list(key)) {
            String text = YamlValues.string(file, item);
            if (text == null) {
                continue;
            }
            Matcher m = RANGE.matcher(text.strip().toLowerCase(Locale.ROOT));
            Integer start = m.matches() ? value(key, m.group(1), min, max) : null;
            Integer end = m.matches() ? (m.group(2) == null ? start : value(key, m.group(2), min, max)) : null;
            if (start == null || end == null) {
                file.error(item, ConfigError.BAD_VALUE, key + ": '" + text + "' is not " + expected(key));
                continue;
            }
            if (key.equals("days_of_month") && (start == 0 || end == 0 || (start < 0) != (end < 0))) {
                file.error(item, ConfigError.BAD_VALUE, "days_of_month: '" + text + "': days are 1 to 31, or -31 to -1 "
                        + "from the month's end, and both ends of a range count from the same side");
                continue;
            }
            if (end < start) {
                file.error(item, ConfigError.BAD_VALUE, key + ": range '" + text + "' ends before it starts");
                continue;
            }
            result.add(new TimeIntervalSpec.Range(start, end));
        }
        return result;
    }

    private static Integer value(String key, String text, int min, int max) {
        if (key.equals("weekdays")) {
            int i = WEEKDAYS.indexOf(text);
            return i < 0 ? null : i + 1;
        }
        if (key.equals("months")) {
            int i = MONTHS.indexOf(text);
            if (i >= 0) {
                return i + 1;
            }
        }
        try {
            int n = Integer.parseInt(text);
            return n < min || n > max ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String expected(String key) {
        return switch (key) {
            case "weekdays" -> "a weekday (monday to sunday) or a range such as monday:friday";
            case "months" -> "a month (january to december, or 1 to 12) or a range such as june:august";
            case "days_of_month" -> "a day of the month (1 to 31, -1 for the last) or a range such as 1:7";
            default -> "a year (1970 to 9999) or a range such as 2026:2027";
        };
    }

    private ZoneId zone(YamlMap map) {
        Node node = map.value("location");
        String text = node == null ? null : YamlValues.string(file, node);
        if (text == null) {
            return ZoneOffset.UTC;
        }
        try {
            return text.equals("UTC") ? ZoneOffset.UTC : ZoneId.of(text);
        } catch (DateTimeException e) {
            file.error(node, ConfigError.BAD_VALUE, "location '" + text + "' is not an IANA time zone such as UTC or "
                    + "Europe/Berlin" + Suggestions.didYouMean(text, ZoneId.getAvailableZoneIds().stream().sorted().toList()));
            return null;
        }
    }
}
