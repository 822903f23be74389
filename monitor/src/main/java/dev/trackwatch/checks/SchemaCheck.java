package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.config.YamlFile;
import dev.trackwatch.config.YamlMap;
import dev.trackwatch.config.YamlValues;
import dev.trackwatch.detect.DetectorSettings;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.evaluate.SeriesRules;
import dev.trackwatch.plan.DriftFinding;
import dev.trackwatch.plan.Metric;
import dev.trackwatch.plan.MetricRequest;
import dev.trackwatch.plan.SchemaDrift;
import dev.trackwatch.plan.SeriesKey;
import dev.trackwatch.plan.TableColumns;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Schema: {@code plan_violation_share} and the per-rule counts when it checks the tracking plan,
 * totals and per event, judged as shares with static bounds; and the table's DDL against the
 * contract, which needs no scan. Its alerts report the kind {@code schema_drift}.
 */
public final class SchemaCheck implements CheckType<SchemaSpec> {

    /** The type's name. */
    public static final String NAME = "schema";
    /** The kind its alerts report. */
    public static final String KIND = "schema_drift";
    /** The type. */
    public static final SchemaCheck TYPE = new SchemaCheck();

    private SchemaCheck() {
    }

    public String name() {
        return NAME;
    }

    @Override
    public String alertKind() {
        return KIND;
    }

    public Class<SchemaSpec> specClass() {
        return SchemaSpec.class;
    }

    public Set<String> keys() {
        return Set.of("columns", "allow_extra_columns", "tracking_plan", "properties_column",
                "event_name_column", "schema_version_column", "fail", "warn");
    }

    public boolean hasBaseline() {
        return false;
    }

    public Function<CheckCommon, SchemaSpec> read(TypeReader reader) {
        YamlMap map = reader.map();
        Map<String, String> contract = contract(reader);
        boolean allowExtra = map.bool("allow_extra_columns", true);
        Node planNode = map.value("tracking_plan");
        Boolean plan = planNode == null ? Boolean.TRUE : YamlValues.bool(reader.file(), planNode);
        // An invalid value is reported once, not again as "tracking plan missing".
        boolean trackingPlan = plan == null || plan;
        if (Boolean.TRUE.equals(plan)) {
            reader.trackingPlanAt(map.at("tracking_plan"));
        }
        String properties = reader.column("properties_column", "properties");
        String eventName = reader.column("event_name_column", "event_name");
        String schemaVersion = reader.column("schema_version_column", null);
        Bounds bounds = reader.bounds(true);
        return common -> new SchemaSpec(common, contract, allowExtra, trackingPlan, properties, eventName,
                schemaVersion, bounds);
    }

    /** Reads the column contract: column name to ClickHouse type, in file order. */
    private static Map<String, String> contract(TypeReader reader) {
        YamlFile file = reader.file();
        Node node = reader.map().value("columns");
        YamlMap columns = node == null ? null
                : YamlMap.read(file, node, "in columns of check '" + reader.check() + "'");
        Map<String, String> contract = new LinkedHashMap<>();
        if (columns == null) {
            return Collections.unmodifiableMap(contract);
        }
        for (String name : columns.keys()) {
            String type = YamlValues.string(file, columns.value(name));
            if (!YamlValues.COLUMN.matcher(name).matches()) {
                file.error(file.at(columns.keyNode(name)), ConfigError.BAD_IDENTIFIER, "'" + name
                        + "' is not a valid column name: " + YamlValues.rule(YamlValues.COLUMN));
            } else if (type != null && type.isBlank()) {
                file.error(columns.at(name), ConfigError.BAD_VALUE, "expected a ClickHouse type for column '"
                        + name + "', got an empty string");
            } else if (type != null) {
                contract.put(name, type);
            }
        }
        return Collections.unmodifiableMap(contract);
    }

    public List<MetricRequest> metrics(DatasetSpec dataset, SchemaSpec check, List<EventContract> trackingPlan) {
        if (!check.trackingPlan()) {
            return List.of();
        }
        String name = check.common().name();
        if (check.propertiesColumn() == null || check.eventNameColumn() == null) {
            throw new IllegalArgumentException("dataset '" + dataset.name() + "', check '" + name
                    + "': tracking_plan needs properties_column and event_name_column");
        }
        return List.of(MetricRequest.total(name, new Metric.PlanViolations(check.propertiesColumn(),
                check.eventNameColumn(), check.schemaVersionColumn(), trackingPlan)));
    }

    /** The share and every rule are judged with the same bounds, per event too; no baseline. */
    public SeriesRules rules(SchemaSpec check) {
        return new SeriesRules() {
            public Bounds bounds(SeriesKey series) {
                return series instanceof SeriesKey.PlanViolationShare || series instanceof SeriesKey.PlanRule
                        ? check.violationShareBounds() : null;
            }

            public boolean hasBaseline(SeriesKey series) {
                return false;
            }

            public List<String> segments() {
                return null;
            }

            public DetectorSettings defaults(SeriesKey series, Map<String, String> segment) {
                return DetectorSettings.defaults();
            }

            /** A tracking-plan rule is judged as the share of the bucket's events that break it. */
            @Override
            public double judgedValue(SeriesKey series, double value, long rows) {
                return series instanceof SeriesKey.PlanRule ? (rows == 0 ? 0 : value / rows) : value;
            }
        };
    }

    @Override
    public List<CheckResult> judge(SchemaSpec check, Judging judging) {
        List<CheckResult> results = new ArrayList<>(judging.series(check, rules(check)));
        results.addAll(ddlDrift(judging.dataset(), check, judging.drift()));
        return results;
    }

    /** Returns the DDL drift of the dataset's table against its schema check's contract, if it has one. */
    public static List<DriftFinding> drift(DatasetSpec dataset, TableColumns columns) {
        return dataset.checks().stream()
                .filter(c -> c instanceof SchemaSpec s && !s.columns().isEmpty())
                .map(SchemaSpec.class::cast).findFirst()
                .map(s -> SchemaDrift.compare(s.columns(), columns, s.allowExtraColumns())).orElse(List.of());
    }

    private static List<CheckResult> ddlDrift(DatasetSpec dataset, SchemaSpec check, List<DriftFinding> drift) {
        List<CheckResult> results = new ArrayList<>();
        for (DriftFinding f : drift) {
            String reason = switch (f.kind()) {
                case MISSING -> "column " + f.column() + " (" + f.expected() + ") is missing from the table";
                case ADDED -> "column " + f.column() + " (" + f.actual() + ") is not in the contract";
                case RETYPED -> "column " + f.column() + " is " + f.actual() + ", the contract says " + f.expected();
            };
            results.add(CheckResult.of(dataset, check).outcome(Outcome.FAILED).series(new SeriesKey.Ddl(f.column()))
                    .reason(reason).build());
        }
        if (!check.columns().isEmpty() && drift.isEmpty()) {
            results.add(CheckResult.of(dataset, check).outcome(Outcome.PASSED).series(SeriesKey.DDL)
                    .reason("table matches the " + check.columns().size() + "-column contract").build());
        }
        return results;
    }

    public List<String> runbooks() {
        return List.of("ddl-drift.md", "tracking-plan-violation.md");
    }

    public String title(AlertFacts alert) {
        return isDdl(alert) ? "Table schema drifted" : "Events break the tracking plan";
    }

    @Override
    public String runbook(AlertFacts alert) {
        return runbooks().get(isDdl(alert) ? 0 : 1);
    }

    private static boolean isDdl(AlertFacts alert) {
        return alert.metric() instanceof SeriesKey.Ddl;
    }
    @Override
    public List<ColumnUse> columnUses(SchemaSpec check) {
        List<ColumnUse> uses = new java.util.ArrayList<>();
        uses.add(new ColumnUse("properties_column", "properties column", check.propertiesColumn(),
                check.trackingPlan() ? "the tracking plan" : null));
        uses.add(new ColumnUse("event_name_column", "column", check.eventNameColumn(), null));
        if (check.schemaVersionColumn() != null) {
            uses.add(new ColumnUse("schema_version_column", "column", check.schemaVersionColumn(), null));
        }
        return uses;
    }
}
