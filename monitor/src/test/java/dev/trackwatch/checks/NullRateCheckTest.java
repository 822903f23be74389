package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.detect.Direction;
import dev.trackwatch.evaluate.SeriesRules;
import dev.trackwatch.plan.SeriesKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A null-rate check asks for one rate per column and judges those with bounds and a rising-only baseline. */
class NullRateCheckTest {

    private static final Bounds BOUNDS = new Bounds(null, 0.2, null, 0.1);
    private static final NullRateSpec CHECK = new NullRateSpec(Specs.common("nulls"),
            List.of(Specs.ref("user_id"), Specs.ref("properties", "order_id")), List.of("platform"), BOUNDS);

    @Test
    void oneRatePerColumnPerItsSegments() {
        assertThat(NullRateCheck.TYPE.metrics(Specs.dataset(null, CHECK), CHECK, List.of()))
                .allSatisfy(r -> assertThat(r.segments()).containsExactly("platform"))
                .flatExtracting(r -> r.metric().series()).extracting(SeriesKey::name)
                .containsExactly("null_rate:user_id", "null_rate:properties.order_id");
    }

    @Test
    void ratesAreJudgedOnlyUpwardsWithAFivePointFloor() {
        SeriesRules rules = NullRateCheck.TYPE.rules(CHECK);
        assertThat(rules.bounds(new SeriesKey.NullRate("user_id"))).isEqualTo(BOUNDS);
        assertThat(rules.bounds(SeriesKey.ROW_COUNT)).isNull();
        assertThat(rules.hasBaseline(new SeriesKey.NullRate("user_id"))).isTrue();
        assertThat(rules.segments()).containsExactly("platform");
        assertThat(rules.defaults(new SeriesKey.NullRate("user_id"), Map.of()).direction()).isEqualTo(Direction.UP);
        assertThat(rules.defaults(new SeriesKey.NullRate("user_id"), Map.of()).minAbsoluteChange()).isEqualTo(0.05);
        assertThat(NullRateCheck.TYPE.hasBaseline()).isTrue();
    }
}
