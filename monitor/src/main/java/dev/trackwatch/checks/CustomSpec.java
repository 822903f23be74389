package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;

import java.util.List;

/**
 * A custom check: a user metric, an aggregate SQL expression evaluated per bucket (and segment).
 *
 * @param expression an aggregate expression over the dataset's columns, e.g. {@code countIf(amount < 0)}
 * @param segments dimensions to break it down by
 * @param bounds limits on the value
 */
public record CustomSpec(CheckCommon common, String expression, List<String> segments, Bounds bounds)
        implements CheckSpec {

    public String type() {
        return CustomCheck.NAME;
    }
}
