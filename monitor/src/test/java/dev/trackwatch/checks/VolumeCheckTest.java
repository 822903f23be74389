package dev.trackwatch.checks;

import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.query.Observation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static evaluation of a volume check on constructed observations: bounds per segment, and a
 * segment that stops sending entirely (no observation at all in the judged bucket) fails, while a
 * segment too small to judge does not.
 */
class VolumeCheckTest {

    private static final Instant B1 = Instant.parse("2026-06-01T10:00:00Z");
    private static final Instant B2 = B1.plus(Duration.ofHours(1));
    private static final VolumeSpec VOLUME = new VolumeSpec(
            new CheckCommon("volume", Severity.CRITICAL, "growth", null, Map.of(), SourceLocation.of("t.yaml")),
            List.of("platform"), 20, new Bounds(10.0, null, null, null));
    private static final DatasetSpec DATASET = new DatasetSpec("events", "db", "events", "event_time", null,
            Duration.ofHours(1), List.of("platform"), null, "growth", Map.of(), Duration.ofMinutes(5), 3,
            Duration.ofDays(28), List.of(VOLUME), SourceLocation.of("t.yaml"));

    @Test
    void aSegmentThatStopsSendingFailsAndATinyOneDoesNot() {
        List<Observation> observations = new ArrayList<>();
        observations.add(count(B1, Map.of(), 220));
        observations.add(count(B1, Map.of("platform", "web"), 150));
        observations.add(count(B1, Map.of("platform", "android"), 60));
        observations.add(count(B1, Map.of("platform", "tv"), 10)); // below min_segment_rows: too small to judge
        observations.add(count(B2, Map.of(), 160));
        observations.add(count(B2, Map.of("platform", "web"), 160));

        List<CheckResult> results = DatasetEvaluator.evaluate(DATASET, List.of(), observations, List.of(), B1,
                B2.plus(Duration.ofHours(1)), B2.plus(Duration.ofMinutes(65)));

        assertThat(results).filteredOn(r -> r.outcome() == Outcome.FAILED)
                .singleElement().satisfies(r -> {
                    assertThat(r.segment()).isEqualTo(Map.of("platform", "android"));
                    assertThat(r.bucketStart()).isEqualTo(B2);
                    assertThat(r.reason()).isEqualTo("segment {platform=android} sent no rows (60 in the bucket before)");
                });
        assertThat(results).filteredOn(r -> r.outcome() == Outcome.PASSED).extracting(CheckResult::segment)
                .containsExactlyInAnyOrder(Map.of(), Map.of("platform", "web"));
    }

    @Test
    void boundsApplyToEverySegmentOfTheJudgedBucket() {
        List<Observation> observations = List.of(count(B2, Map.of(), 12), count(B2, Map.of("platform", "web"), 4));

        List<CheckResult> results = DatasetEvaluator.evaluate(DATASET, List.of(), observations, List.of(), B1,
                B2.plus(Duration.ofHours(1)), B2.plus(Duration.ofMinutes(65)));

        assertThat(results).extracting(r -> r.segment() + " " + r.outcome())
                .containsExactlyInAnyOrder("{} PASSED", "{platform=web} FAILED");
    }

    private static Observation count(Instant bucket, Map<String, String> segment, long rows) {
        return new Observation("events", SeriesKey.ROW_COUNT, segment, bucket, rows, rows);
    }
}
