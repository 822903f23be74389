package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.detect.Direction;
import dev.trackwatch.evaluate.SeriesRules;
import dev.trackwatch.plan.Metric;
import dev.trackwatch.plan.SeriesKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A cardinality check asks for one distinct count per column, exact or HLL, judged both ways. */
class CardinalityCheckTest {

    private static final CardinalitySpec CHECK = new CardinalitySpec(Specs.common("pages"),
            List.of(Specs.ref("page_path")), true, List.of(), new Bounds(5.0, null, null, null));

    @Test
    void oneCountPerColumnInTheCheckedMode() {
        assertThat(CardinalityCheck.TYPE.metrics(Specs.dataset(null, CHECK), CHECK, List.of()))
                .extracting(r -> r.metric()).containsExactly(new Metric.Distinct(Specs.ref("page_path"), true));
    }

    @Test
    void countsAreJudgedBothWaysWithAFloorOfThree() {
        SeriesRules rules = CardinalityCheck.TYPE.rules(CHECK);
        assertThat(rules.bounds(new SeriesKey.Distinct("page_path"))).isEqualTo(CHECK.bounds());
        assertThat(rules.hasBaseline(new SeriesKey.NullRate("page_path"))).isFalse();
        assertThat(rules.defaults(new SeriesKey.Distinct("page_path"), Map.of()).direction()).isEqualTo(Direction.BOTH);
        assertThat(rules.defaults(new SeriesKey.Distinct("page_path"), Map.of()).minAbsoluteChange()).isEqualTo(3);
    }
}
