package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.BoundsReader;
import dev.trackwatch.config.ColumnRef;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.ConfigLocations;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.Suggestions;
import dev.trackwatch.config.YamlFile;
import dev.trackwatch.config.YamlMap;
import dev.trackwatch.config.YamlValues;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings of one check as its type reads them: the check's YAML mapping, what the check
 * needs to know of its dataset, and the readers several types share (segments, columns, bounds).
 * Records where each column the check names was written, so that the ClickHouse reference
 * validator can point at it.
 */
public final class TypeReader {

    /**
     * What a check needs to know of its dataset while it is read.
     *
     * @param dataset the dataset's name
     * @param segments the dataset's segments, which bound the check's
     * @param hasIngestionTime whether the dataset names an ingestion-time column
     * @param locations the index the check's field locations go into
     */
    public record DatasetContext(String dataset, List<String> segments, boolean hasIngestionTime,
                                 ConfigLocations.Builder locations) {
    }

    private static final long MAX_SEGMENT_ROWS = 1_000_000_000L;

    private final YamlMap map;
    private final YamlFile file;
    private final DatasetContext dataset;
    private final String check;
    private SourceLocation trackingPlanAt;

    /**
     * @param check the check's name (or type, when it has none), for messages and locations
     */
    public TypeReader(YamlMap map, DatasetContext dataset, String check) {
        this.map = map;
        this.file = map.file();
        this.dataset = dataset;
        this.check = check;
    }

    /** Returns the check's mapping. */
    public YamlMap map() {
        return map;
    }

    /** Returns the file being read, which errors go to. */
    public YamlFile file() {
        return file;
    }

    /** Returns the dataset the check belongs to. */
    public DatasetContext dataset() {
        return dataset;
    }

    /** Returns the check's name. */
    public String check() {
        return check;
    }

    /** Where a schema check turned the tracking plan on, or null. */
    public SourceLocation trackingPlanAt() {
        return trackingPlanAt;
    }

    /** Records where the check turned the tracking plan on. */
    void trackingPlanAt(SourceLocation at) {
        trackingPlanAt = at;
    }

    /** Records where a setting naming a column or expression was written, for the reference validator. */
    void locate(String key) {
        dataset.locations().put(dataset.dataset(), check, key, map.at(key));
    }

    /** Reads {@code min_segment_rows}. */
    long minSegmentRows() {
        return map.integer("min_segment_rows", 20, 0, MAX_SEGMENT_ROWS);
    }

    /** Reads {@code fail:} and {@code warn:} at the check's top level; shares must lie in 0..1. */
    Bounds bounds(boolean share) {
        return BoundsReader.read(map, "", share);
    }

    /** Reads a single column name, recording where it was written (or where the check is, if defaulted). */
    String column(String key, String fallback) {
        String name = map.identifier(key, YamlValues.COLUMN, "column name");
        locate(key);
        return map.value(key) == null ? fallback : name;
    }

    /** Reads bounds nested under {@code key}, e.g. {@code p95: {fail: {max: 600}}}. */
    Bounds nested(String key, boolean share) {
        Node node = map.value(key);
        YamlMap bounds = node == null ? null : YamlMap.read(file, node, "in " + key + " of check '" + check + "'");
        if (bounds == null) {
            return Bounds.NONE;
        }
        Bounds result = BoundsReader.read(bounds, key + ".", share);
        bounds.finish();
        return result;
    }

    /** Reads {@code columns:}, a required non-empty list of columns or JSON property paths. */
    List<ColumnRef> columns() {
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
    List<String> segments() {
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
