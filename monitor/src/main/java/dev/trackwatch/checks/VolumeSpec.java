package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;

import java.util.List;

/**
 * A volume check: rows per bucket, in total and per value of each segment dimension.
 *
 * @param segments dimensions to break the count down by (subset of the dataset's)
 * @param minSegmentRows segments with fewer rows per bucket (in the baseline) are too small to judge
 * @param bounds static limits on the count per bucket
 */
public record VolumeSpec(CheckCommon common, List<String> segments, long minSegmentRows, Bounds bounds)
        implements CheckSpec {

    public String type() {
        return VolumeCheck.NAME;
    }
}
