package dev.trackwatch.loader;

import dev.trackwatch.config.*;

import org.yaml.snakeyaml.nodes.Node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the settings of one check type into a function from the (later resolved) common settings
 * to the typed {@link CheckSpec}. Records where each column the check names was written, so that
 * the ClickHouse reference validator can point at it.
 */
final class CheckTypeReader {

    private static final long MAX_SEGMENT_ROWS = 1_000_000_000L;

    private final YamlMap map;
    private final YamlFile file;
    private final CheckReader.DatasetContext dataset;
    private final String check;
    private SourceLocation trackingPlanAt;

    CheckTypeReader(YamlMap map, CheckReader.DatasetContext dataset, String check) {
        this.map = map;
        this.file = map.file();
        this.dataset = dataset;
        this.check = check;
    }

    /** Where a schema check turned the tracking plan on, or null. */
    SourceLocation trackingPlanAt() {
        return trackingPlanAt;
    }

    Function<CheckCommon, CheckSpec> read(String type) {
        return switch (type) {
            case "volume" -> volume();
            case "freshness" -> freshness();
            case "null_rate" -> nullRate();
            case "cardinality" -> cardinality();
            case "latency" -> latency();
            case "schema" -> schema();
            case "custom" -> custom();
            default -> throw new IllegalArgumentException(type);
        };
    }

    private Function<CheckCommon, CheckSpec> volume() {
        List<String> segments = segments();
        long minSegmentRows = map.integer("min_segment_rows", 20, 0, MAX_SEGMENT_ROWS);
        Bounds bounds = BoundsReader.read(map, "", false);
        return common -> new CheckSpec.Volume(common, segments, minSegmentRows, bounds);
    }

    private Function<CheckCommon, CheckSpec> freshness() {
        Duration maxEventAge = map.duration("max_event_age", null);
        Duration maxIngestionAge = map.duration("max_ingestion_age", null);
        if (maxIngestionAge != null && !dataset.hasIngestionTime()) {
            file.error(map.at("max_ingestion_age"), ConfigError.MISSING_KEY, "max_ingestion_age needs the "
                    + "ingestion_time column of dataset '" + dataset.dataset() + "', which it does not name");
        }
        boolean everyBucket = map.bool("expect_rows_every_bucket", true);
        return common -> new CheckSpec.Freshness(common, maxEventAge, maxIngestionAge, everyBucket);
    }

    private Function<CheckCommon, CheckSpec> nullRate() {
        List<ColumnRef> columns = columns();
        List<String> segments = segments();
        Bounds bounds = BoundsReader.read(map, "", true);
        return common -> new CheckSpec.NullRate(common, columns, segments, bounds);
    }

    private Function<CheckCommon, CheckSpec> cardinality() {
        List<ColumnRef> columns = columns();
        Node modeNode = map.value("mode");
        String mode = modeNode == null ? "hll" : YamlValues.string(file, modeNode);
        if (mode != null && !mode.equals("hll") && !mode.equals("exact")) {
            file.error(modeNode, ConfigError.BAD_VALUE, "expected exact or hll, got '" + mode + "'"
                    + Suggestions.didYouMean(mode, List.of("exact", "hll")));
        }
        boolean exact = "exact".equals(mode);
        List<String> segments = segments();
        Bounds bounds = BoundsReader.read(map, "", false);
        return common -> new CheckSpec.Cardinality(common, columns, exact, segments, bounds);
    }

    private Function<CheckCommon, CheckSpec> latency() {
        if (!dataset.hasIngestionTime()) {
            file.error(map.at("type"), ConfigError.MISSING_KEY, "latency checks need the ingestion_time column of "
                    + "dataset '" + dataset.dataset() + "', which it does not name");
        }
        Duration lateAfter = map.duration("late_after", Duration.ofMinutes(15));
        List<String> segments = segments();
        Bounds p95 = nested("p95", false);
        Bounds lateShare = nested("late_share", true);
        return common -> new CheckSpec.Latency(common, lateAfter, segments, p95, lateShare);
    }

    private Bounds nested(String key, boolean share) {
        Node node = map.value(key);
        YamlMap bounds = node == null ? null : YamlMap.read(file, node, "in " + key + " of check '" + check + "'");
        if (bounds == null) {
            return Bounds.NONE;
        }
        Bounds result = BoundsReader.read(bounds, key + ".", share);
        bounds.finish();
        return result;
    }

    private Function<CheckCommon, CheckSpec> schema() {
        Map<String, String> contract = contract();
        boolean allowExtra = map.bool("allow_extra_columns", true);
        Node planNode = map.value("tracking_plan");
        Boolean plan = planNode == null ? Boolean.TRUE : YamlValues.bool(file, planNode);
        // An invalid value is reported once, not again as "tracking plan missing".
        boolean trackingPlan = plan == null || plan;
        if (Boolean.TRUE.equals(plan)) {
            trackingPlanAt = map.at("tracking_plan");
        }
        String properties = column("properties_column", "properties");
        String eventName = column("event_name_column", "event_name");
        String schemaVersion = column("schema_version_column", null);
        Bounds bounds = BoundsReader.read(map, "", true);
        return common -> new CheckSpec.Schema(common, contract, allowExtra, trackingPlan, properties, eventName,
                schemaVersion, bounds);
    }

    /** Reads the schema check's column contract: column name to ClickHouse type, in file order. */
    private Map<String, String> contract() {
        Node node = map.value("columns");
        YamlMap columns = node == null ? null : YamlMap.read(file, node, "in columns of check '" + check + "'");
        Map<String, String> contract = new LinkedHashMap<>();
        if (columns == null) {
            return Collections.unmodifiableMap(contract);
        }
        for (String name : columns.keys()) {
            String type = YamlValues.string(file, columns.value(name));
            if (!YamlValues.COLUMN.matcher(name).matches()) {
                file.error(file.at(columns.keyNode(name)), ConfigError.BAD_IDENTIFIER, "'" + name
                        + "' is not a valid column name: " + YamlValues.rule(YamlValues.COLUMN));
            } else if (type != null && type.isBlank()) {
                file.error(columns.at(name), ConfigError.BAD_VALUE, "expected a ClickHouse type for column '"
                        + name + "', got an empty string");
            } else if (type != null) {
                contract.put(name, type);
            }
        }
        return Collections.unmodifiableMap(contract);
    }

    private Function<CheckCommon, CheckSpec> custom() {
        String expression = map.requiredString("expression");
        dataset.locations().put(dataset.dataset(), check, "expression", map.at("expression"));
        if (expression != null && expression.isBlank()) {
            file.error(map.at("expression"), ConfigError.BAD_VALUE, "expression is empty: write an aggregate such "
                    + "as countIf(amount_cents < 0)");
        }
        List<String> segments = segments();
        Bounds bounds = BoundsReader.read(map, "", false);
        return common -> new CheckSpec.Custom(common, expression, segments, bounds);
    }

    /** Reads a single column name, recording where it was written (or where the check is, if defaulted). */
    private String column(String key, String fallback) {
        String name = map.identifier(key, YamlValues.COLUMN, "column name");
        dataset.locations().put(dataset.dataset(), check, key, map.at(key));
        return map.value(key) == null ? fallback : name;
    }

    /** Reads {@code columns:}, a required non-empty list of columns or JSON property paths. */
    private List<ColumnRef> columns() {
        Node node = map.required("columns");
        List<Node> items = node == null ? null : YamlValues.list(file, node);
        List<ColumnRef> columns = new ArrayList<>();
        if (items == null) {
            return columns;
        }
        if (items.isEmpty()) {
            file.error(node, ConfigError.BAD_VALUE, "columns is empty: name at least one column");
        }
        for (Node item : items) {
            ColumnRef ref = YamlValues.columnRef(file, item);
            if (ref != null && columns.contains(ref)) {
                file.error(item, ConfigError.DUPLICATE_NAME, "'" + ref.dotted() + "' is listed twice in columns");
            } else if (ref != null) {
                dataset.locations().put(dataset.dataset(), check,
                        ConfigLocations.element("columns", columns.size()), file.at(item));
                columns.add(ref);
            }
        }
        return columns;
    }

    /** Reads {@code segments:}, which must be a subset of the dataset's; none means totals only. */
    private List<String> segments() {
        List<SourceLocation> at = new ArrayList<>();
        List<String> segments = map.identifiers("segments", YamlValues.COLUMN, "column name", (i, loc) -> at.add(loc));
        List<String> known = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (dataset.segments().contains(segment)) {
                known.add(segment);
                continue;
            }
            String suggestion = Suggestions.didYouMean(segment, dataset.segments());
            file.error(at.get(i), ConfigError.UNKNOWN_REFERENCE, "'" + segment + "' is not a segment of dataset '"
                    + dataset.dataset() + "'" + (suggestion.isEmpty() ? " (its segments: "
                    + (dataset.segments().isEmpty() ? "none" : String.join(", ", dataset.segments())) + ")"
                    : suggestion));
        }
        return known;
    }
}
