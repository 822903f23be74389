package dev.trackwatch.checks;

import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.evaluate.Baseline;
import dev.trackwatch.evaluate.BaselineCache;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.History;
import dev.trackwatch.evaluate.Outcome;

import dev.trackwatch.config.AnomalySpec;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CalendarEntry;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.query.Observation;
import dev.trackwatch.state.StateStore;
import dev.trackwatch.state.StoredObservation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seasonal evaluation on constructed history with known answers: three weeks of hourly counts
 * with a daily cycle per platform, then a judged bucket. Nothing here touches ClickHouse; the
 * history is what {@link dev.trackwatch.state.StateStore#history} would return.
 */
class SeasonalEvaluationTest {

    private static final Instant START = Instant.parse("2026-05-04T00:00:00Z"); // a Monday
    private static final Instant JUDGED = START.plus(Duration.ofDays(21)).plus(Duration.ofHours(14));
    private static final SourceLocation AT = SourceLocation.of("t.yaml");

    @Test
    void anOrdinaryBucketPassesWithItsBandAndADropFailsWithTheSegmentsThatExplainIt() {
        VolumeSpec volume = volume(AnomalySpec.defaults(AT), Bounds.NONE);
        History history = history(List.of(), List.of());

        List<CheckResult> normal = judge(volume, history, Map.of("web", 1.0, "ios", 1.0));
        List<CheckResult> drop = judge(volume, history, Map.of("web", 1.0, "ios", 0.2));

        assertThat(normal).extracting(CheckResult::outcome).containsOnly(Outcome.PASSED);
        CheckResult web = find(normal, Map.of("platform", "web"));
        assertThat(web.baseline().lower()).isLessThan(web.observed());
        assertThat(web.baseline().upper()).isGreaterThan(web.observed());
        assertThat(web.baseline().trainingPoints()).isGreaterThan(24 * 14);

        assertThat(find(drop, Map.of("platform", "web")).outcome()).isEqualTo(Outcome.PASSED);
        CheckResult ios = find(drop, Map.of("platform", "ios"));
        assertThat(ios.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(ios.reason()).contains("below its baseline");
        assertThat(ios.baseline().expected()).isCloseTo(rate("ios", JUDGED), org.assertj.core.data.Percentage.withPercentage(15));
        CheckResult total = find(drop, Map.of());
        assertThat(total.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(total.baseline().contributors()).extracting(Baseline.Contributor::segment)
                .containsExactly(Map.of("platform", "ios"));
    }

    @Test
    void withTooLittleHistoryTheBaselineIsLearningAndNeverAlerts() {
        VolumeSpec volume = volume(new AnomalySpec(true, null, null, null, null, null, null, null, null,
                24 * 30, null, AT), Bounds.NONE);

        List<CheckResult> results = judge(volume, history(List.of(), List.of()), Map.of("web", 1.0, "ios", 0.0));

        assertThat(results).isNotEmpty().allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.NOT_EVALUATED);
            assertThat(r.monitorFault()).isFalse();
            assertThat(r.reason()).startsWith("learning");
        });
    }

    @Test
    void staticBoundsStillJudgeWhileTheBaselineLearns() {
        VolumeSpec volume = volume(new AnomalySpec(true, null, null, null, null, null, null, null, null,
                24 * 30, null, AT), new Bounds(10.0, null, null, null));

        List<CheckResult> results = judge(volume, history(List.of(), List.of()), Map.of("web", 1.0, "ios", 0.01));

        assertThat(find(results, Map.of("platform", "ios")).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(find(results, Map.of("platform", "web")).reason()).contains("learning");
    }

    @Test
    void aCalendarHolidayIsJudgedButNotLearned() {
        VolumeSpec volume = volume(AnomalySpec.defaults(AT), Bounds.NONE);
        // The last week ran at three times the usual rate; as a holiday it must not become normal.
        Instant holidayFrom = START.plus(Duration.ofDays(14));
        List<StoredObservation> boosted = new ArrayList<>();
        for (StoredObservation o : observations(START, JUDGED)) {
            double factor = o.bucketStart().isBefore(holidayFrom) ? 1 : 3;
            boosted.add(new StoredObservation(o.dataset(), o.metric(), o.segment(), o.bucketStart(), o.value() * factor,
                    o.rows()));
        }
        CalendarEntry holiday = new CalendarEntry("sale", "holiday", holidayFrom, JUDGED, List.of(), "", AT);

        List<CheckResult> learned = judge(volume, new History("events", boosted, List.of(), List.of()),
                Map.of("web", 1.0, "ios", 1.0));
        List<CheckResult> excluded = judge(volume, new History("events", boosted, List.of(holiday), List.of()),
                Map.of("web", 1.0, "ios", 1.0));

        assertThat(find(excluded, Map.of("platform", "web")).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(find(excluded, Map.of("platform", "web")).baseline().expected())
                .isLessThan(find(learned, Map.of("platform", "web")).baseline().expected());
    }

    @Test
    void aRecordedExclusionOfOneSeriesDoesNotAffectAnother() {
        VolumeSpec volume = volume(AnomalySpec.defaults(AT), Bounds.NONE);
        StateStore.Exclusion iosOnly = new StateStore.Exclusion("volume", "row_count", "{\"platform\":\"ios\"}",
                START, JUDGED, "false positive");
        History history = history(List.of(), List.of(iosOnly));

        List<CheckResult> results = judge(volume, history, Map.of("web", 1.0, "ios", 1.0));

        assertThat(find(results, Map.of("platform", "ios")).baseline().trainingPoints()).isZero();
        assertThat(find(results, Map.of("platform", "web")).baseline().trainingPoints()).isGreaterThan(24 * 14);
    }

    @Test
    void aCachedBaselineJudgesExactlyAsAFullReplayDoes() {
        VolumeSpec volume = volume(AnomalySpec.defaults(AT), Bounds.NONE);
        BaselineCache cache = new BaselineCache();
        Instant earlier = JUDGED.minus(Duration.ofHours(5));
        List<StoredObservation> all = observations(START, JUDGED);

        // Warm the cache on an earlier run, then judge JUDGED with it and without it.
        judgeAt(volume, new History("events", all.stream().filter(o -> o.bucketStart().isBefore(earlier)).toList(),
                List.of(), List.of(), Map.of(), cache), earlier, Map.of("web", 1.0, "ios", 1.0));
        List<CheckResult> cached = judgeAt(volume, new History("events", all, List.of(), List.of(), Map.of(), cache),
                JUDGED, Map.of("web", 1.0, "ios", 0.2));
        List<CheckResult> replayed = judgeAt(volume, history(List.of(), List.of()), JUDGED, Map.of("web", 1.0, "ios", 0.2));

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cached).isEqualTo(replayed);
        assertThat(find(cached, Map.of("platform", "ios")).outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aSeriesNoLongerJudgedLeavesTheCacheAfterADay() {
        VolumeSpec volume = volume(AnomalySpec.defaults(AT), Bounds.NONE);
        BaselineCache cache = new BaselineCache();
        judgeAt(volume, new History("events", observations(START, JUDGED), List.of(), List.of(), Map.of(), cache),
                JUDGED, Map.of("web", 1.0, "ios", 1.0));
        assertThat(cache.size()).isEqualTo(3);

        assertThat(cache.evictIdle(JUDGED.plus(BaselineCache.IDLE))).as("judged exactly a day ago: kept").isZero();
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.evictIdle(JUDGED.plus(BaselineCache.IDLE).plusSeconds(1))).isEqualTo(3);
        assertThat(cache.size()).isZero();
    }

    @Test
    void turningDetectionOffLeavesOnlyStaticRules() {
        VolumeSpec volume = volume(AnomalySpec.disabled(AT), new Bounds(10.0, null, null, null));

        List<CheckResult> results = judge(volume, history(List.of(), List.of()), Map.of("web", 1.0, "ios", 0.2));

        assertThat(results).allSatisfy(r -> assertThat(r.baseline()).isNull());
        assertThat(results).extracting(CheckResult::outcome).containsOnly(Outcome.PASSED);
    }

    private static List<CheckResult> judge(VolumeSpec volume, History history, Map<String, Double> factor) {
        return judgeAt(volume, history, JUDGED, factor);
    }

    private static List<CheckResult> judgeAt(VolumeSpec volume, History history, Instant judged,
                                             Map<String, Double> factor) {
        DatasetSpec dataset = new DatasetSpec("events", "db", "events", "event_time", null, Duration.ofHours(1),
                List.of("platform"), null, "growth", Map.of(), Duration.ofMinutes(5), 3, Duration.ofDays(28),
                List.of(volume), AT);
        List<Observation> scan = new ArrayList<>();
        double total = 0;
        for (String platform : List.of("web", "ios")) {
            double v = Math.round(rate(platform, judged) * factor.get(platform));
            total += v;
            scan.add(new Observation("events", SeriesKey.ROW_COUNT, Map.of("platform", platform), judged, v, (long) v));
        }
        scan.add(new Observation("events", SeriesKey.ROW_COUNT, Map.of(), judged, total, (long) total));
        Instant closedTo = judged.plus(Duration.ofHours(1));
        return DatasetEvaluator.evaluate(dataset, List.of(), scan, List.of(), judged, closedTo, closedTo,
                List.of(judged), history);
    }

    private static History history(List<CalendarEntry> calendar, List<StateStore.Exclusion> exclusions) {
        return new History("events", observations(START, JUDGED), calendar, exclusions);
    }

    /** Hourly counts per platform and in total, from {@code from} up to (not including) {@code to}. */
    private static List<StoredObservation> observations(Instant from, Instant to) {
        List<StoredObservation> out = new ArrayList<>();
        for (Instant b = from; b.isBefore(to); b = b.plus(Duration.ofHours(1))) {
            double total = 0;
            for (String platform : List.of("web", "ios")) {
                double v = Math.round(rate(platform, b) + noise(b, platform));
                total += v;
                out.add(new StoredObservation("events", SeriesKey.ROW_COUNT, Map.of("platform", platform), b, v, (long) v));
            }
            out.add(new StoredObservation("events", SeriesKey.ROW_COUNT, Map.of(), b, total, (long) total));
        }
        return out;
    }

    /** A daily cycle peaking in the evening; iOS sends half of web's volume. */
    private static double rate(String platform, Instant bucket) {
        int hour = bucket.atZone(java.time.ZoneOffset.UTC).getHour();
        double daily = 200 + 120 * Math.sin((hour - 13) * Math.PI / 12);
        return platform.equals("web") ? daily : daily / 2;
    }

    /** Deterministic Gaussian noise of a few percent, seeded by bucket and platform. */
    private static double noise(Instant bucket, String platform) {
        return new java.util.Random(bucket.getEpochSecond() * 31 + platform.hashCode()).nextGaussian() * 5;
    }

    private static VolumeSpec volume(AnomalySpec anomaly, Bounds bounds) {
        return new VolumeSpec(new CheckCommon("volume", Severity.CRITICAL, "growth", null, Map.of(), AT, anomaly),
                List.of("platform"), 20, bounds);
    }

    private static CheckResult find(List<CheckResult> results, Map<String, String> segment) {
        return results.stream().filter(r -> r.segment().equals(segment)).findFirst().orElseThrow();
    }
}
