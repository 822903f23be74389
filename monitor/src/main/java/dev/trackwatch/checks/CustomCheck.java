package dev.trackwatch.checks;

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

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Custom: {@code custom:NAME}, the check's own aggregate expression, per its segments. */
public final class CustomCheck implements CheckType<CustomSpec> {

    /** The type's name. */
    public static final String NAME = "custom";
    /** The type. */
    public static final CustomCheck TYPE = new CustomCheck();

    private CustomCheck() {
    }

    public String name() {
        return NAME;
    }

    public Class<CustomSpec> specClass() {
        return CustomSpec.class;
    }

    public Set<String> keys() {
        return Set.of("expression", "segments", "fail", "warn");
    }

    public boolean hasBaseline() {
        return true;
    }

    public Function<CheckCommon, CustomSpec> read(TypeReader reader) {
        String expression = reader.map().requiredString("expression");
        reader.locate("expression");
        if (expression != null && expression.isBlank()) {
            reader.file().error(reader.map().at("expression"), ConfigError.BAD_VALUE, "expression is empty: write an "
                    + "aggregate such as countIf(amount_cents < 0)");
        }
        List<String> segments = reader.segments();
        Bounds bounds = reader.bounds(false);
        return common -> new CustomSpec(common, expression, segments, bounds);
    }

    public List<MetricRequest> metrics(DatasetSpec dataset, CustomSpec check, List<EventContract> trackingPlan) {
        String name = check.common().name();
        return List.of(new MetricRequest(name, new Metric.Custom(name, check.expression()), check.segments()));
    }

    public SeriesRules rules(CustomSpec check) {
        return new KeyedRules(s -> s instanceof SeriesKey.Custom, s -> check.bounds(), check.segments(),
                Direction.BOTH, s -> 0);
    }

    public List<String> runbooks() {
        return List.of("README.md");
    }

    /** A custom metric means what its check says, so the title names the check. */
    public String title(AlertFacts alert) {
        return "Check " + alert.check() + " failed";
    }
    @Override
    public List<ExpressionUse> expressions(CustomSpec check) {
        return List.of(new ExpressionUse("expression", check.expression()));
    }
}
