package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.detect.DetectorSettings;
import dev.trackwatch.detect.Direction;
import dev.trackwatch.evaluate.BoundsJudge;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.evaluate.SeriesRules;
import dev.trackwatch.plan.Metric;
import dev.trackwatch.plan.MetricRequest;
import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.query.Observation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Volume: {@code row_count} per bucket and per its segments, judged with bounds and a seasonal
 * baseline; without a baseline, a segment that stops sending altogether fails on its own rule.
 */
public final class VolumeCheck implements CheckType<VolumeSpec> {

    /** The type's name. */
    public static final String NAME = "volume";
    /** The type. */
    public static final VolumeCheck TYPE = new VolumeCheck();

    private VolumeCheck() {
    }

    public String name() {
        return NAME;
    }

    public Class<VolumeSpec> specClass() {
        return VolumeSpec.class;
    }

    public Set<String> keys() {
        return Set.of("segments", "min_segment_rows", "fail", "warn");
    }

    public boolean hasBaseline() {
        return true;
    }

    public Function<CheckCommon, VolumeSpec> read(TypeReader reader) {
        List<String> segments = reader.segments();
        long minSegmentRows = reader.minSegmentRows();
        Bounds bounds = reader.bounds(false);
        return common -> new VolumeSpec(common, segments, minSegmentRows, bounds);
    }

    public List<MetricRequest> metrics(DatasetSpec dataset, VolumeSpec check, List<EventContract> trackingPlan) {
        return List.of(new MetricRequest(check.common().name(), Metric.ROW_COUNT, check.segments()));
    }

    public SeriesRules rules(VolumeSpec check) {
        return new SeriesRules() {
            public Bounds bounds(SeriesKey series) {
                return series instanceof SeriesKey.RowCount ? check.bounds() : null;
            }

            public boolean hasBaseline(SeriesKey series) {
                return series instanceof SeriesKey.RowCount;
            }

            public List<String> segments() {
                return check.segments();
            }

            public DetectorSettings defaults(SeriesKey series, Map<String, String> segment) {
                DetectorSettings s = DetectorSettings.defaults().withDirection(Direction.BOTH).withMinAbsoluteChange(0);
                // The floor below which a segment is too small to judge.
                return segment.isEmpty() ? s : s.withMinValue(check.minSegmentRows());
            }
        };
    }

    @Override
    public List<CheckResult> judge(VolumeSpec check, Judging judging) {
        List<CheckResult> results = new ArrayList<>(judging.series(check, rules(check)));
        if (!judging.history().available() || !check.common().detectsAnomalies()) {
            // Without a baseline nothing else sees a segment that stopped sending.
            judging.buckets().forEach(b -> results.addAll(vanishedSegments(judging.dataset(), check,
                    judging.observations(), b)));
        }
        return results;
    }

    /**
     * A segment value that sent at least {@code min_segment_rows} rows in the previous bucket and none in
     * the judged one has no observation at all, so bounds cannot see it: an SDK that stops sending
     * entirely. It fails here, per dimension.
     */
    static List<CheckResult> vanishedSegments(DatasetSpec dataset, VolumeSpec check, List<Observation> observations,
                                              Instant lastBucket) {
        Instant previous = lastBucket.minus(dataset.bucket());
        Set<Map<String, String>> now = new HashSet<>();
        List<Observation> before = new ArrayList<>();
        for (Observation o : observations) {
            if (!(o.metric() instanceof SeriesKey.RowCount) || o.isTotal()
                    || !check.segments().contains(o.segment().keySet().iterator().next())) {
                continue;
            }
            if (o.bucketStart().equals(lastBucket)) {
                now.add(o.segment());
            } else if (o.bucketStart().equals(previous) && o.value() >= Math.max(1, check.minSegmentRows())) {
                before.add(o);
            }
        }
        List<CheckResult> results = new ArrayList<>();
        for (Observation o : before) {
            if (!now.contains(o.segment())) {
                results.add(CheckResult.of(dataset, check).outcome(Outcome.FAILED).series(SeriesKey.ROW_COUNT)
                        .segment(o.segment()).bucketStart(lastBucket).observed(0.0)
                        .reason("segment " + o.segment() + " sent no rows (" + BoundsJudge.fmt(o.value())
                                + " in the bucket before)").build());
            }
        }
        return results;
    }

    public List<String> runbooks() {
        return List.of("volume-drop.md", "volume-spike.md");
    }

    public String title(AlertFacts alert) {
        return alert.below() ? "Volume dropped" : "Volume spiked";
    }

    @Override
    public String runbook(AlertFacts alert) {
        return runbooks().get(alert.below() ? 0 : 1);
    }
}
