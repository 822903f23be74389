package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.detect.Direction;
import dev.trackwatch.evaluate.SeriesRules;
import dev.trackwatch.plan.SeriesKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A latency check records three quantiles and judges the p95 and the late share, each with its own
 * bounds, and warns on rows without an ingestion time.
 */
class LatencyCheckTest {

    private static final Bounds P95 = new Bounds(null, 600.0, null, null);
    private static final Bounds LATE = new Bounds(null, 0.1, null, null);
    private static final LatencySpec CHECK = new LatencySpec(Specs.common("latency"), Duration.ofMinutes(10),
            List.of("platform"), P95, LATE);

    @Test
    void quantilesAndTheLateShare() {
        assertThat(LatencyCheck.TYPE.metrics(Specs.dataset("ingested_at", CHECK), CHECK, List.of()))
                .flatExtracting(r -> r.metric().series()).extracting(SeriesKey::name)
                .containsExactly("latency_p50_seconds", "latency_p95_seconds", "latency_p99_seconds", "late_share:600s",
                        "null_rate:ingested_at");
    }

    @Test
    void anyRowWithoutAnIngestionTimeWarnsWithoutABaseline() {
        SeriesRules rules = LatencyCheck.TYPE.rules(CHECK);
        SeriesKey missing = new SeriesKey.NullRate("ingested_at");
        assertThat(rules.bounds(missing)).isEqualTo(new Bounds(null, null, null, 0.0));
        assertThat(rules.hasBaseline(missing)).isFalse();
        assertThat(LatencyCheck.TYPE.title(new AlertFacts("latency", missing, false))).isEqualTo("Ingestion time missing");
    }

    @Test
    void theP95AndTheLateShareAreJudgedTheOtherQuantilesRecorded() {
        SeriesRules rules = LatencyCheck.TYPE.rules(CHECK);
        assertThat(rules.bounds(SeriesKey.LatencyQuantile.P95)).isEqualTo(P95);
        assertThat(rules.bounds(new SeriesKey.LateShare("600s"))).isEqualTo(LATE);
        assertThat(rules.bounds(SeriesKey.LatencyQuantile.P50)).isNull();
        assertThat(rules.hasBaseline(SeriesKey.LatencyQuantile.P99)).isFalse();
        assertThat(rules.defaults(SeriesKey.LatencyQuantile.P95, Map.of()).minAbsoluteChange()).isEqualTo(60);
        assertThat(rules.defaults(new SeriesKey.LateShare("600s"), Map.of()).minAbsoluteChange()).isEqualTo(0.05);
        assertThat(rules.defaults(SeriesKey.LatencyQuantile.P95, Map.of()).direction()).isEqualTo(Direction.UP);
    }
}
