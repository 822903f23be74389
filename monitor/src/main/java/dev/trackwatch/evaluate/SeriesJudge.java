package dev.trackwatch.evaluate;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.detect.Detection;
import dev.trackwatch.detect.DetectionState;
import dev.trackwatch.detect.DetectorSettings;
import dev.trackwatch.detect.SeasonalDetector;
import dev.trackwatch.query.Observation;
import dev.trackwatch.state.SegmentKey;
import dev.trackwatch.state.StoredObservation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Judges one check's series on the judged buckets with both rules a metric can have: its static
 * bounds and its seasonal baseline. The baseline is rebuilt on every run by replaying the series'
 * stored history through the detector, oldest first, so its verdict depends only on the history
 * (deterministic, and causal: nothing after the judged bucket is used). Where both rules speak
 * the worse verdict wins; a baseline still learning never alerts.
 */
public final class SeriesJudge {

    private final DatasetSpec dataset;
    private final CheckSpec check;
    private final SeriesRules rules;
    private final History history;
    private final Instant settledBefore;

    /**
     * @param settledBefore buckets before this are settled: no later run re-observes them (the
     *                      start of the run's scan window)
     */
    public SeriesJudge(DatasetSpec dataset, CheckSpec check, SeriesRules rules, History history, Instant settledBefore) {
        this.dataset = dataset;
        this.check = check;
        this.rules = rules;
        this.history = history;
        this.settledBefore = settledBefore;
    }

    /** Judges every series in {@code series} observed by the scan, at each of {@code judged}. */
    public List<CheckResult> judge(Set<SeriesKey> series, List<Observation> observations, List<Instant> judged) {
        // Every (metric, segment) the scan saw, with its values by bucket.
        Map<SeriesId, Map<Instant, Double>> scanned = new LinkedHashMap<>();
        List<String> segments = rules.segments();
        for (Observation o : observations) {
            // The scan breaks every metric down by every dimension some check asked for; a check
            // judges its total and its own dimensions only.
            boolean mine = o.isTotal() || segments == null || segments.contains(o.segment().keySet().iterator().next());
            if (series.contains(o.metric()) && mine) {
                // A tracking-plan rule is judged as the share of the bucket's events that break it.
                double value = rules.judgedValue(o.metric(), o.value(), o.rows());
                scanned.computeIfAbsent(new SeriesId(o.metric(), o.segment()), k -> new HashMap<>())
                        .put(o.bucketStart(), value);
            }
        }
        List<CheckResult> results = new ArrayList<>();
        List<SeriesId> ids = scanned.keySet().stream()
                .sorted(Comparator.comparing((SeriesId id) -> id.metric().name()).thenComparing(id -> new TreeMap<>(id.segment()).toString()))
                .toList();
        for (SeriesId id : ids) {
            results.addAll(judge(id, scanned.get(id), judged));
        }
        addContributors(results);
        return results;
    }

    private List<CheckResult> judge(SeriesId id, Map<Instant, Double> scanned, List<Instant> judged) {
        boolean counts = id.metric() instanceof SeriesKey.RowCount; // a bucket without rows counted zero rows
        boolean seasonal = seasonal(id);
        Map<Instant, Detection> detections = seasonal ? replay(id, scanned, judged, counts) : Map.of();
        Bounds bounds = rules.bounds(id.metric());
        List<CheckResult> results = new ArrayList<>();
        for (Instant bucket : judged) {
            Double value = scanned.get(bucket);
            if (value == null && !(counts && seasonal)) {
                continue; // without a baseline, the volume check's vanished-segment rule judges a segment that went silent
            }
            double v = value == null ? 0 : value;
            CheckResult result = verdict(id, bucket, v, bounds, detections.get(bucket));
            if (result != null) {
                results.add(result);
            }
        }
        return results;
    }

    private boolean seasonal(SeriesId id) {
        return history.available() && check.common().detectsAnomalies() && rules.hasBaseline(id.metric());
    }

    /**
     * Feeds the series through a detector, oldest first: settled buckets into the (cached) detector
     * that keeps them, the unsettled ones and the judged buckets into a copy of it.
     */
    private Map<Instant, Detection> replay(SeriesId id, Map<Instant, Double> scanned, List<Instant> judged, boolean counts) {
        TreeMap<Instant, Double> points = new TreeMap<>();
        for (StoredObservation o : history.series(id.metric(), id.segment())) {
            points.put(o.bucketStart(), o.value());
        }
        points.putAll(scanned); // the scan's values are fresher than the stored ones
        Instant last = judged.getLast();
        Instant settled = settledBefore.isBefore(judged.getFirst()) ? settledBefore : judged.getFirst();
        DetectorSettings settings = AnomalySettings.of(check, rules, id.metric(), id.segment());
        String key = history.dataset() + "\u0000" + check.common().name() + "\u0000" + id.metric().name() + "\u0000"
                + SegmentKey.of(id.segment());
        String signature = settings + "|" + history.signature(id.metric());
        BaselineCache cache = history.cache();
        BaselineCache.Entry entry = cache == null ? null : cache.get(key, signature, settled);
        if (entry == null) {
            // Past incidents stay out of the training for good: last week's outage must not widen this week's band.
            entry = new BaselineCache.Entry(signature, new SeasonalDetector(settings, false));
            if (cache != null) {
                cache.put(key, entry);
            }
        }
        if (entry.seriesStart == null && !points.isEmpty()) {
            entry.seriesStart = points.firstKey();
        }
        feed(entry.detector, id, points, entry.learnedUpTo, settled, entry.seriesStart, counts, null);
        entry.learnedUpTo = settled;
        entry.lastJudged = last;
        Map<Instant, Detection> detections = new HashMap<>();
        Set<Instant> wanted = Set.copyOf(judged);
        feed(entry.detector.copy(), id, points, settled, last.plus(dataset.bucket()), entry.seriesStart, counts,
                (t, d) -> {
                    if (wanted.contains(t)) {
                        detections.put(t, d);
                    }
                });
        return detections;
    }

    /** Feeds buckets in [{@code from}, {@code to}) to {@code detector}; a count series has zeros where no rows came. */
    private void feed(SeasonalDetector detector, SeriesId id, TreeMap<Instant, Double> points, Instant from, Instant to,
                      Instant seriesStart, boolean counts, java.util.function.BiConsumer<Instant, Detection> sink) {
        if (seriesStart == null) {
            return;
        }
        Instant start = from == null || from.isBefore(seriesStart) ? seriesStart : from;
        if (!start.isBefore(to)) {
            return;
        }
        Iterable<Instant> buckets = counts ? everyBucket(start, to) : points.subMap(start, true, to, false).keySet();
        for (Instant b : buckets) {
            boolean learn = history.excluded(check.common().name(), id.metric(), id.segment(), b) == null;
            Detection d = detector.next(b, points.getOrDefault(b, 0.0), learn);
            if (sink != null) {
                sink.accept(b, d);
            }
        }
    }

    private List<Instant> everyBucket(Instant from, Instant to) {
        List<Instant> buckets = new ArrayList<>();
        for (Instant b = from; b.isBefore(to); b = b.plus(dataset.bucket())) {
            buckets.add(b);
        }
        return buckets;
    }

    private CheckResult verdict(SeriesId id, Instant bucket, double value, Bounds bounds, Detection d) {
        BoundsJudge.Verdict fixed = bounds == null || bounds.isEmpty() ? null : BoundsJudge.judge(value, bounds, id.metric().name());
        Baseline baseline = d == null ? null : new Baseline(d.state(), d.expected(), d.lower(), d.upper(),
                d.score(), d.slot(), d.trainingPoints(), d.trainingFrom(), d.trainingTo(), List.of());
        Outcome outcome;
        String reason;
        if (d != null && d.state() == DetectionState.LEARNING) {
            outcome = fixed != null ? fixed.outcome() : Outcome.NOT_EVALUATED;
            reason = (fixed != null ? fixed.reason() + "; " : "") + "learning: the baseline has " + d.trainingPoints()
                    + " buckets of history";
        } else if (d != null && d.alert()) {
            outcome = Outcome.FAILED;
            reason = id.metric().name() + " " + BoundsJudge.fmt(value) + " is " + (value < d.expected() ? "below" : "above")
                    + " its baseline: expected " + BoundsJudge.fmt(d.expected()) + ", band " + BoundsJudge.fmt(d.lower())
                    + ".." + BoundsJudge.fmt(d.upper()) + " (" + d.slot() + ")"
                    + (fixed != null && fixed.outcome() != Outcome.PASSED ? "; " + fixed.reason() : "");
        } else if (fixed != null) {
            outcome = fixed.outcome();
            reason = fixed.reason() + (d != null ? "; within its baseline band " + BoundsJudge.fmt(d.lower()) + ".."
                    + BoundsJudge.fmt(d.upper()) : "");
        } else if (d != null) {
            outcome = Outcome.PASSED;
            reason = id.metric().name() + " " + BoundsJudge.fmt(value) + " is within its baseline band "
                    + BoundsJudge.fmt(d.lower()) + ".." + BoundsJudge.fmt(d.upper())
                    + (d.state() == DetectionState.ANOMALY ? " for now (anomalous, waiting for persistence)" : "");
        } else if (bounds == null) {
            return null; // a series the check records (e.g. p50 latency) but judges with neither rule
        } else {
            outcome = Outcome.PASSED;
            reason = id.metric().name() + " " + BoundsJudge.fmt(value) + " recorded (no static bounds, no baseline)";
        }
        return CheckResult.of(dataset, check).outcome(outcome).series(id.metric()).segment(id.segment())
                .bucketStart(bucket).observed(value).reason(reason).baseline(baseline).build();
    }

    /** Names, on each failing total, the segments whose deviation from their own baseline is largest. */
    private static void addContributors(List<CheckResult> results) {
        for (int i = 0; i < results.size(); i++) {
            CheckResult total = results.get(i);
            if (!total.segment().isEmpty() || total.baseline() == null
                    || total.outcome() != Outcome.FAILED && total.outcome() != Outcome.WARN) {
                continue;
            }
            double deviation = total.observed() - total.baseline().expected();
            double direction = Math.signum(deviation);
            List<Baseline.Contributor> contributors = results.stream()
                    .filter(r -> !r.segment().isEmpty() && r.series().equals(total.series())
                            && r.bucketStart().equals(total.bucketStart()) && r.baseline() != null)
                    .map(r -> new Baseline.Contributor(r.segment(), r.observed(), r.baseline().expected()))
                    // Same direction, and at least a tenth of the total's deviation: noise explains nothing.
                    .filter(c -> Math.signum(c.deviation()) == direction && Math.abs(c.deviation()) >= 0.1 * Math.abs(deviation))
                    .sorted(Comparator.comparingDouble((Baseline.Contributor c) -> -Math.abs(c.deviation())))
                    .limit(3).toList();
            results.set(i, total.withBaseline(total.baseline().withContributors(contributors)));
        }
    }

    private record SeriesId(SeriesKey metric, Map<String, String> segment) {
    }
}
