package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.detect.DetectorSettings;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.SeriesRules;
import dev.trackwatch.plan.Metric;
import dev.trackwatch.plan.MetricRequest;
import dev.trackwatch.plan.SeriesKey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Freshness: {@code max_event_time}, {@code max_ingestion_time} (when the dataset has an ingestion
 * time column) and {@code row_count}, totals only, judged against an age SLA and "rows in every
 * bucket", and {@code future_share} (rows dated after the run's "now" plus {@code future_tolerance},
 * from a side query), which warns above zero ({@link FreshnessRules}); no seasonal baseline.
 */
public final class FreshnessCheck implements CheckType<FreshnessSpec> {

    /** The type's name. */
    public static final String NAME = "freshness";
    /** The type. */
    public static final FreshnessCheck TYPE = new FreshnessCheck();

    private FreshnessCheck() {
    }

    public String name() {
        return NAME;
    }

    public Class<FreshnessSpec> specClass() {
        return FreshnessSpec.class;
    }

    public Set<String> keys() {
        return Set.of("max_event_age", "max_ingestion_age", "expect_rows_every_bucket", "future_tolerance");
    }

    public boolean hasBaseline() {
        return false;
    }

    public Function<CheckCommon, FreshnessSpec> read(TypeReader reader) {
        Duration maxEventAge = reader.map().duration("max_event_age", null);
        Duration maxIngestionAge = reader.map().duration("max_ingestion_age", null);
        if (maxIngestionAge != null && !reader.dataset().hasIngestionTime()) {
            reader.file().error(reader.map().at("max_ingestion_age"), ConfigError.MISSING_KEY, "max_ingestion_age needs "
                    + "the ingestion_time column of dataset '" + reader.dataset().dataset() + "', which it does not name");
        }
        boolean everyBucket = reader.map().bool("expect_rows_every_bucket", true);
        Duration futureTolerance = reader.map().duration("future_tolerance", FreshnessSpec.DEFAULT_FUTURE_TOLERANCE);
        return common -> new FreshnessSpec(common, maxEventAge, maxIngestionAge, everyBucket, futureTolerance);
    }

    public List<MetricRequest> metrics(DatasetSpec dataset, FreshnessSpec check, List<EventContract> trackingPlan) {
        String name = check.common().name();
        List<MetricRequest> requests = new ArrayList<>();
        requests.add(MetricRequest.total(name, Metric.MAX_EVENT_TIME));
        if (dataset.ingestionTimeColumn() != null) {
            requests.add(MetricRequest.total(name, Metric.MAX_INGESTION_TIME));
        }
        requests.add(MetricRequest.total(name, Metric.ROW_COUNT));
        // Counted by the run's side query (plan.FutureQuery), since the scan's window excludes such rows.
        requests.add(MetricRequest.total(name, new Metric.FutureShare(check.futureTolerance())));
        return List.copyOf(requests);
    }

    /** Freshness has no series rules: its own rules judge the ages and empty buckets. */
    public SeriesRules rules(FreshnessSpec check) {
        return new SeriesRules() {
            public Bounds bounds(SeriesKey series) {
                return null;
            }

            public boolean hasBaseline(SeriesKey series) {
                return false;
            }

            public List<String> segments() {
                return List.of();
            }

            public DetectorSettings defaults(SeriesKey series, Map<String, String> segment) {
                return DetectorSettings.defaults();
            }
        };
    }

    @Override
    public List<CheckResult> judge(FreshnessSpec check, Judging judging) {
        return FreshnessRules.judge(check, judging);
    }

    public List<String> runbooks() {
        return List.of("freshness.md");
    }

    public String title(AlertFacts alert) {
        return alert.metric() instanceof SeriesKey.FutureShare ? "Events are dated in the future" : "Data is stale";
    }
}
