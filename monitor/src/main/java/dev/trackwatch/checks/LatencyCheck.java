package dev.trackwatch.checks;

import java.util.Map;
import dev.trackwatch.detect.DetectorSettings;
import dev.trackwatch.config.ColumnRef;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.detect.Direction;
import dev.trackwatch.evaluate.SeriesRules;
import dev.trackwatch.plan.Metric;
import dev.trackwatch.plan.MetricRequest;
import dev.trackwatch.plan.SeriesKey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Latency: the latency quantiles and {@code late_share:Ns}, per its segments (the planner leaves
 * them out, with a reason, when the dataset has no ingestion time column). The p95 and the late
 * share are judged, p50 and p99 recorded; only a rise is bad.
 */
public final class LatencyCheck implements CheckType<LatencySpec> {

    /** The type's name. */
    public static final String NAME = "latency";
    /** The type. */
    public static final LatencyCheck TYPE = new LatencyCheck();

    private LatencyCheck() {
    }

    public String name() {
        return NAME;
    }

    public Class<LatencySpec> specClass() {
        return LatencySpec.class;
    }

    public Set<String> keys() {
        return Set.of("late_after", "segments", "p95", "late_share");
    }

    public boolean hasBaseline() {
        return true;
    }

    public Function<CheckCommon, LatencySpec> read(TypeReader reader) {
        if (!reader.dataset().hasIngestionTime()) {
            reader.file().error(reader.map().at("type"), ConfigError.MISSING_KEY, "latency checks need the "
                    + "ingestion_time column of dataset '" + reader.dataset().dataset() + "', which it does not name");
        }
        Duration lateAfter = reader.map().duration("late_after", Duration.ofMinutes(15));
        List<String> segments = reader.segments();
        Bounds p95 = reader.nested("p95", false);
        Bounds lateShare = reader.nested("late_share", true);
        return common -> new LatencySpec(common, lateAfter, segments, p95, lateShare);
    }

    public List<MetricRequest> metrics(DatasetSpec dataset, LatencySpec check, List<EventContract> trackingPlan) {
        String name = check.common().name();
        List<MetricRequest> requests = new ArrayList<>();
        requests.add(new MetricRequest(name, Metric.LATENCY_QUANTILES, check.segments()));
        if (check.lateAfter() != null) {
            requests.add(new MetricRequest(name, new Metric.LateShare(check.lateAfter()), check.segments()));
        }
        if (dataset.ingestionTimeColumn() != null) {
            // Rows without an ingestion time have no latency at all: their share is a defect of its own.
            requests.add(new MetricRequest(name, new Metric.NullRate(new ColumnRef(dataset.ingestionTimeColumn(),
                    List.of())), check.segments()));
        }
        return List.copyOf(requests);
    }

    public SeriesRules rules(LatencySpec check) {
        SeriesRules latency = latencyRules(check);
        return new SeriesRules() {
            @Override
            public Bounds bounds(SeriesKey series) {
                return series instanceof SeriesKey.NullRate ? MISSING_INGESTION_TIME : latency.bounds(series);
            }

            @Override
            public boolean hasBaseline(SeriesKey series) {
                return !(series instanceof SeriesKey.NullRate) && latency.hasBaseline(series);
            }

            @Override
            public List<String> segments() {
                return latency.segments();
            }

            @Override
            public DetectorSettings defaults(SeriesKey series, Map<String, String> segment) {
                return latency.defaults(series, segment);
            }
        };
    }

    /** Any row without an ingestion time warns: the loader wrote it without saying when. */
    static final Bounds MISSING_INGESTION_TIME = new Bounds(null, null, null, 0.0);

    private static SeriesRules latencyRules(LatencySpec check) {
        return new KeyedRules(s -> s.equals(SeriesKey.LatencyQuantile.P95) || s instanceof SeriesKey.LateShare,
                s -> s instanceof SeriesKey.LateShare ? check.lateShareBounds() : check.p95Bounds(), check.segments(),
                // A minute of p95, five points of late share.
                Direction.UP, s -> s instanceof SeriesKey.LateShare ? 0.05 : 60);
    }

    public List<String> runbooks() {
        return List.of("ingestion-latency.md");
    }

    public String title(AlertFacts alert) {
        return alert.metric() instanceof SeriesKey.NullRate ? "Ingestion time missing" : "Ingestion latency rose";
    }
}
