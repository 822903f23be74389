package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.ColumnRef;
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

/** Null rate: {@code null_rate:COLUMN} per column and per its segments; only a rise is bad. */
public final class NullRateCheck implements CheckType<NullRateSpec> {

    /** The type's name. */
    public static final String NAME = "null_rate";
    /** The type. */
    public static final NullRateCheck TYPE = new NullRateCheck();

    private NullRateCheck() {
    }

    public String name() {
        return NAME;
    }

    public Class<NullRateSpec> specClass() {
        return NullRateSpec.class;
    }

    public Set<String> keys() {
        return Set.of("columns", "segments", "fail", "warn");
    }

    public boolean hasBaseline() {
        return true;
    }

    public Function<CheckCommon, NullRateSpec> read(TypeReader reader) {
        List<ColumnRef> columns = reader.columns();
        List<String> segments = reader.segments();
        Bounds bounds = reader.bounds(true);
        return common -> new NullRateSpec(common, columns, segments, bounds);
    }

    public List<MetricRequest> metrics(DatasetSpec dataset, NullRateSpec check, List<EventContract> trackingPlan) {
        return check.columns().stream()
                .map(c -> new MetricRequest(check.common().name(), new Metric.NullRate(c), check.segments())).toList();
    }

    public SeriesRules rules(NullRateSpec check) {
        // Five percentage points: a rate going from 0.1 % to 0.3 % triples but is noise.
        return new KeyedRules(s -> s instanceof SeriesKey.NullRate, s -> check.bounds(), check.segments(),
                Direction.UP, s -> 0.05);
    }

    public List<String> runbooks() {
        return List.of("null-rate-spike.md");
    }

    public String title(AlertFacts alert) {
        return "Null rate of " + alert.column() + " rose";
    }
    @Override
    public List<ColumnUse> columnUses(NullRateSpec check) {
        return ColumnUse.ofColumns(check.columns());
    }
}
