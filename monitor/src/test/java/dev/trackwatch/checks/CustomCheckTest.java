package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.evaluate.SeriesRules;
import dev.trackwatch.plan.Metric;
import dev.trackwatch.plan.SeriesKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A custom check asks for its own expression under its own name and judges it with bounds and a baseline. */
class CustomCheckTest {

    private static final CustomSpec CHECK = new CustomSpec(Specs.common("neg"), "countIf(amount < 0)", List.of(),
            new Bounds(null, 0.0, null, null));

    @Test
    void itsExpressionUnderItsName() {
        assertThat(CustomCheck.TYPE.metrics(Specs.dataset(null, CHECK), CHECK, List.of()))
                .extracting(r -> r.metric()).containsExactly(new Metric.Custom("neg", "countIf(amount < 0)"));
        SeriesRules rules = CustomCheck.TYPE.rules(CHECK);
        assertThat(rules.bounds(new SeriesKey.Custom("neg"))).isEqualTo(CHECK.bounds());
        assertThat(rules.hasBaseline(new SeriesKey.Custom("neg"))).isTrue();
        assertThat(rules.defaults(new SeriesKey.Custom("neg"), Map.of()).minAbsoluteChange()).isZero();
    }
}
