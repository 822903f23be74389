package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.ColumnRef;

import java.util.List;

/**
 * A cardinality check: distinct values of a column per bucket.
 *
 * @param columns columns and property paths to count
 * @param exact {@code uniqExact} when true, HLL ({@code uniqHLL12}) otherwise
 * @param segments dimensions to break the count down by
 * @param bounds limits on the distinct count
 */
public record CardinalitySpec(CheckCommon common, List<ColumnRef> columns, boolean exact, List<String> segments,
                              Bounds bounds) implements CheckSpec {

    public String type() {
        return CardinalityCheck.NAME;
    }
}
