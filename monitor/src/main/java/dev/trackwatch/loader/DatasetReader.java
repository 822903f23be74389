package dev.trackwatch.loader;

import dev.trackwatch.checks.TypeReader;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.ConfigLocations;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.Durations;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.YamlFile;
import dev.trackwatch.config.YamlMap;
import dev.trackwatch.config.YamlValues;
import dev.trackwatch.plan.PlanException;
import dev.trackwatch.plan.SqlSafety;

import org.yaml.snakeyaml.nodes.Node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one entry of {@code datasets:} with its checks. The owner is resolved later, once every
 * file's teams are known.
 */
final class DatasetReader {

    /** {@code table} or {@code database.table}, each part a plain identifier. */
    private static final Pattern TABLE = Pattern.compile("(?:([A-Za-z_][A-Za-z0-9_]*)\\.)?([A-Za-z_][A-Za-z0-9_]*)");
    /** The database of a table named without one, as in ClickHouse's own default. */
    static final String DEFAULT_DATABASE = "default";

    private static final Duration DAY = Duration.ofDays(1);

    private DatasetReader() {
    }

    /**
     * A dataset as read, before its owner is resolved.
     *
     * @param owner the dataset's own {@code owner:}, or null
     * @param ownerAt where {@code owner:} is, or the dataset when absent
     * @param nameAt where the name is, for duplicate-name errors
     * @param upstreamAt each {@code upstream:} dataset with where it is listed
     */
    record DatasetDraft(String name, String database, String table, String eventTime, String ingestionTime,
                        Duration bucket, List<String> segments, String filter, String owner, SourceLocation ownerAt,
                        Map<String, String> labels, Duration interval, int lateBuckets, Duration backfill,
                        List<CheckReader.CheckDraft> checks, SourceLocation location, SourceLocation nameAt,
                        Map<String, SourceLocation> upstreamAt) {

        DatasetSpec toSpec(String resolvedOwner, List<CheckSpec> specs) {
            return DatasetSpec.builder().name(name).database(database).table(table).eventTimeColumn(eventTime)
                    .ingestionTimeColumn(ingestionTime).bucket(bucket).segments(segments).filter(filter)
                    .owner(resolvedOwner).labels(labels).interval(interval).lateBuckets(lateBuckets).backfill(backfill)
                    .checks(specs).location(location).upstream(List.copyOf(upstreamAt.keySet())).build();
        }
    }

    /** Reads a dataset, or returns null when it has no usable name (its errors are reported). */
    static DatasetDraft read(YamlFile file, Node node, ConfigLocations.Builder locations) {
        String peeked = YamlMap.peek(node, "name");
        YamlMap map = YamlMap.read(file, node, peeked == null ? "in a dataset" : "in dataset '" + peeked + "'");
        if (map == null) {
            return null;
        }
        String name = map.requiredIdentifier("name", YamlValues.NAME, "dataset name");
        String key = name == null ? "" : name;
        String[] table = table(file, map);
        locations.put(key, null, "table", map.at("table"));
        String eventTime = map.requiredIdentifier("event_time", YamlValues.COLUMN, "column name");
        locations.put(key, null, "event_time", map.at("event_time"));
        String ingestionTime = map.identifier("ingestion_time", YamlValues.COLUMN, "column name");
        locations.put(key, null, "ingestion_time", map.at("ingestion_time"));
        Duration bucket = bucket(file, map);
        List<String> segments = map.identifiers("segments", YamlValues.COLUMN, "column name",
                (i, at) -> locations.put(key, null, ConfigLocations.element("segments", i), at));
        String filter = map.string("filter");
        locations.put(key, null, "filter", map.at("filter"));
        if (filter != null && filter.isBlank()) {
            file.error(map.at("filter"), ConfigError.BAD_VALUE, "filter is empty: remove it or write a condition");
        } else if (filter != null) {
            // The planner's own rule, applied offline: a filter like "1) OR (1" would pass here and then
            // fail every run as NOT_EVALUATED.
            try {
                SqlSafety.expression(filter, "filter");
            } catch (PlanException e) {
                file.error(map.at("filter"), ConfigError.BAD_EXPRESSION, e.getMessage());
            }
        }
        String owner = map.identifier("owner", YamlValues.TEAM, "team name");
        Map<String, String> labels = map.stringMap("labels");
        Duration interval = map.duration("interval", Duration.ofMinutes(5));
        int lateBuckets = (int) map.integer("late_buckets", 3, 0, 1000);
        Duration backfill = map.duration("backfill", Duration.ofDays(28));
        List<SourceLocation> upstreamLocations = new ArrayList<>();
        List<String> upstream = map.identifiers("upstream", YamlValues.NAME, "dataset name",
                (i, at) -> upstreamLocations.add(at));
        Map<String, SourceLocation> upstreamAt = new java.util.LinkedHashMap<>();
        for (int i = 0; i < upstream.size(); i++) {
            upstreamAt.put(upstream.get(i), upstreamLocations.get(i));
        }
        TypeReader.DatasetContext context = new TypeReader.DatasetContext(key, segments,
                map.value("ingestion_time") != null, locations);
        List<CheckReader.CheckDraft> checks = checks(file, map, context);
        map.finish();
        if (name == null) {
            return null;
        }
        return new DatasetDraft(name, table[0], table[1], eventTime, ingestionTime, bucket, segments, filter, owner,
                map.at("owner"), labels, interval, lateBuckets, backfill, checks, map.location(), map.at("name"),
                upstreamAt);
    }

    /** Returns {database, table}; nulls when missing or invalid. */
    private static String[] table(YamlFile file, YamlMap map) {
        Node node = map.required("table");
        String text = node == null ? null : YamlValues.string(file, node);
        if (text == null) {
            return new String[2];
        }
        Matcher m = TABLE.matcher(text);
        if (!m.matches()) {
            file.error(node, ConfigError.BAD_IDENTIFIER, "'" + text + "' is not a valid table: write table or "
                    + "database.table, each of letters, digits and _, not starting with a digit");
            return new String[2];
        }
        return new String[] {m.group(1) == null ? DEFAULT_DATABASE : m.group(1), m.group(2)};
    }

    /** Buckets must tile a day so that every day has the same buckets, which seasonal baselines compare. */
    private static Duration bucket(YamlFile file, YamlMap map) {
        Duration bucket = map.duration("bucket", null);
        if (bucket == null) {
            return Duration.ofHours(1);
        }
        if (bucket.compareTo(DAY) > 0 || DAY.toSeconds() % bucket.toSeconds() != 0) {
            file.error(map.at("bucket"), ConfigError.BAD_DURATION, "bucket " + Durations.format(bucket)
                    + " does not divide a day evenly: use e.g. 1m, 5m, 15m, 30m, 1h, 2h, 6h, 12h or 1d");
            return Duration.ofHours(1);
        }
        return bucket;
    }

    private static List<CheckReader.CheckDraft> checks(YamlFile file, YamlMap map,
                                                       TypeReader.DatasetContext context) {
        List<CheckReader.CheckDraft> checks = new ArrayList<>();
        Map<String, CheckReader.CheckDraft> byName = new HashMap<>();
        for (Node node : map.list("checks")) {
            CheckReader.CheckDraft check = CheckReader.read(file, node, context);
            if (check == null) {
                continue;
            }
            CheckReader.CheckDraft first = byName.putIfAbsent(check.name(), check);
            if (first != null) {
                boolean defaulted = check.nameAt().equals(check.location());
                file.error(check.nameAt(), ConfigError.DUPLICATE_NAME, "duplicate check name '" + check.name()
                        + "' in dataset '" + context.dataset() + "' (first at line " + first.nameAt().line() + ")"
                        + (defaulted ? ": a check without name: is named after its type, so give it a name" : ""));
                continue;
            }
            checks.add(check);
        }
        return checks;
    }
}
