package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.ColumnRef;

import java.util.List;

/**
 * A null-rate check: share of rows where a column or JSON property is NULL or absent, per bucket and segment.
 *
 * @param columns columns and property paths to measure
 * @param segments dimensions to break the rate down by
 * @param bounds limits on the rate, 0..1
 */
public record NullRateSpec(CheckCommon common, List<ColumnRef> columns, List<String> segments, Bounds bounds)
        implements CheckSpec {

    public String type() {
        return NullRateCheck.NAME;
    }
}
