package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.ColumnRef;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.config.Suggestions;
import dev.trackwatch.config.YamlValues;
import dev.trackwatch.detect.Direction;
import dev.trackwatch.evaluate.SeriesRules;
import dev.trackwatch.plan.Metric;
import dev.trackwatch.plan.MetricRequest;
import dev.trackwatch.plan.SeriesKey;
import org.yaml.snakeyaml.nodes.Node;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Cardinality: {@code distinct:COLUMN} per column and per its segments, exact or HLL. */
public final class CardinalityCheck implements CheckType<CardinalitySpec> {

    /** The type's name. */
    public static final String NAME = "cardinality";
    /** The type. */
    public static final CardinalityCheck TYPE = new CardinalityCheck();

    private CardinalityCheck() {
    }

    public String name() {
        return NAME;
    }

    public Class<CardinalitySpec> specClass() {
        return CardinalitySpec.class;
    }

    public Set<String> keys() {
        return Set.of("columns", "mode", "segments", "fail", "warn");
    }

    public boolean hasBaseline() {
        return true;
    }

    public Function<CheckCommon, CardinalitySpec> read(TypeReader reader) {
        List<ColumnRef> columns = reader.columns();
        Node modeNode = reader.map().value("mode");
        String mode = modeNode == null ? "hll" : YamlValues.string(reader.file(), modeNode);
        if (mode != null && !mode.equals("hll") && !mode.equals("exact")) {
            reader.file().error(modeNode, ConfigError.BAD_VALUE, "expected exact or hll, got '" + mode + "'"
                    + Suggestions.didYouMean(mode, List.of("exact", "hll")));
        }
        boolean exact = "exact".equals(mode);
        List<String> segments = reader.segments();
        Bounds bounds = reader.bounds(false);
        return common -> new CardinalitySpec(common, columns, exact, segments, bounds);
    }

    public List<MetricRequest> metrics(DatasetSpec dataset, CardinalitySpec check, List<EventContract> trackingPlan) {
        return check.columns().stream().map(col -> new MetricRequest(check.common().name(),
                new Metric.Distinct(col, check.exact()), check.segments())).toList();
    }

    public SeriesRules rules(CardinalitySpec check) {
        return new KeyedRules(s -> s instanceof SeriesKey.Distinct, s -> check.bounds(), check.segments(),
                Direction.BOTH, s -> 3);
    }

    public List<String> runbooks() {
        return List.of("cardinality-collapse.md", "cardinality-spike.md");
    }

    public String title(AlertFacts alert) {
        return "Cardinality of " + alert.column() + (alert.below() ? " collapsed" : " spiked");
    }

    @Override
    public String runbook(AlertFacts alert) {
        return runbooks().get(alert.below() ? 0 : 1);
    }
    @Override
    public List<ColumnUse> columnUses(CardinalitySpec check) {
        return ColumnUse.ofColumns(check.columns());
    }
}
