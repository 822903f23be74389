package dev.trackwatch.evaluate;

import dev.trackwatch.detect.DetectionState;

import java.time.Instant;
import java.util.List;

/**
 * How a seasonal baseline judged one bucket: what it expected, the band, the score, and what it
 * learned from, so that every finding explains itself.
 *
 * @param state learning, normal or anomalous
 * @param expected the expected value
 * @param lower the lower edge of the normal band
 * @param upper the upper edge of the normal band
 * @param score 0..1, 1 = certainly anomalous
 * @param slot the seasonal slot compared with, e.g. {@code Tue 14:00}
 * @param trainingPoints buckets learned from
 * @param trainingFrom the oldest bucket learned from, or null
 * @param trainingTo the newest bucket learned from, or null
 * @param contributors for a total: the segments whose deviation explains most of it, largest first
 */
public record Baseline(DetectionState state, double expected, double lower, double upper, double score, String slot,
                       int trainingPoints, Instant trainingFrom, Instant trainingTo, List<Contributor> contributors) {

    public Baseline {
        contributors = List.copyOf(contributors);
    }

    /** Returns a copy with {@code contributors}. */
    public Baseline withContributors(List<Contributor> more) {
        return new Baseline(state, expected, lower, upper, score, slot, trainingPoints, trainingFrom, trainingTo, more);
    }

    /**
     * A segment's share of a total's deviation.
     *
     * @param segment the segment, e.g. {@code {platform=ios}}
     * @param observed its observed value
     * @param expected its expected value
     */
    public record Contributor(java.util.Map<String, String> segment, double observed, double expected) {
        /** Returns observed minus expected. */
        public double deviation() {
            return observed - expected;
        }
    }
}
