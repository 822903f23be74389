package dev.trackwatch.plan;

import dev.trackwatch.config.EventContract;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The aggregates of a {@link Metric.PlanViolations} metric: one {@code countIf} per rule of
 * {@link PlanRules}, and the share of rows breaking any of them. Event names, versions, property
 * names (for String payloads) and enum values are bound values.
 */
final class TrackingPlanSql {

    private final Field<String> event;
    private final Field<Object> version;
    private final boolean textVersion;
    private final PayloadSql payload;

    private TrackingPlanSql(ScanContext ctx, String check, Metric.PlanViolations metric) {
        this.event = ctx.requireColumn(metric.eventNameColumn(), check, "event name column").coerce(String.class);
        this.version = metric.schemaVersionColumn() == null ? null
                : ctx.requireColumn(metric.schemaVersionColumn(), check, "schema version column");
        this.textVersion = version != null && ctx.columns.isString(metric.schemaVersionColumn());
        this.payload = PayloadSql.of(ctx, check, metric.propertiesColumn());
    }

    /** Returns the share first, then one count per rule, in {@link Metric#series()} order. */
    static List<MetricSql.Aggregate> aggregates(ScanContext ctx, String check, Metric.PlanViolations metric) {
        validate(ctx, check, metric.contracts());
        TrackingPlanSql sql = new TrackingPlanSql(ctx, check, metric);
        List<MetricSql.Aggregate> counts = new ArrayList<>();
        List<Condition> violations = new ArrayList<>();
        for (PlanRules.Rule rule : PlanRules.of(metric)) {
            // Each rule's row condition gets an alias where it is counted, so the share below can
            // OR the aliases instead of repeating every condition.
            Name alias = DSL.name(QueryPlanner.ALIAS_PREFIX + "v" + violations.size());
            counts.add(new MetricSql.Aggregate(DSL.field("toFloat64(countIf(({0}) AS {1}))", Double.class,
                    sql.violation(rule, metric), alias), List.of(rule.series())));
            violations.add(DSL.condition(DSL.field(alias, Boolean.class)));
        }
        List<MetricSql.Aggregate> aggregates = new ArrayList<>();
        aggregates.add(new MetricSql.Aggregate(DSL.field("countIf({0}) / count()", Double.class, DSL.or(violations)),
                List.of(SeriesKey.PLAN_VIOLATION_SHARE)));
        aggregates.addAll(counts);
        return aggregates;
    }

    private Condition violation(PlanRules.Rule rule, Metric.PlanViolations metric) {
        if (rule.kind() == PlanRules.Kind.UNKNOWN_EVENT) {
            List<Field<String>> events = PlanRules.events(metric).stream().<Field<String>>map(DSL::val).toList();
            return events.isEmpty() ? DSL.trueCondition() : event.isNull().or(event.notIn(events));
        }
        Condition ofEvent = event.eq(DSL.val(rule.event()));
        if (rule.kind() == PlanRules.Kind.UNKNOWN_VERSION) {
            return ofEvent.and(version.notIn(rule.contracts().stream().map(c -> versionValue(c.version())).toList()));
        }
        // Versions whose rule reads the same (the usual case) share one condition: version IN (...).
        Map<Object, List<EventContract>> byParameters = new LinkedHashMap<>();
        for (EventContract contract : rule.contracts()) {
            byParameters.computeIfAbsent(parameters(rule, contract), p -> new ArrayList<>()).add(contract);
        }
        List<Condition> perVersion = new ArrayList<>();
        byParameters.forEach((parameters, contracts) ->
                perVersion.add(ofVersions(contracts).and(condition(rule, contracts.getFirst()))));
        return ofEvent.and(DSL.or(perVersion));
    }

    /** What the rule's condition depends on in one contract; equal parameters give equal conditions. */
    private static Object parameters(PlanRules.Rule rule, EventContract contract) {
        return switch (rule.kind()) {
            case REQUIRED -> mayBeObject(contract, rule.property());
            case TYPE -> contract.properties().get(rule.property()).types();
            case ENUM -> contract.properties().get(rule.property()).allowed();
            case ADDITIONAL_PROPERTIES -> listed(contract);
            case UNKNOWN_VERSION, UNKNOWN_EVENT -> throw new IllegalStateException("rule " + rule.kind() + " is not per version");
        };
    }

    /** The violation condition of a per-version rule in one contract. */
    private Condition condition(PlanRules.Rule rule, EventContract contract) {
        String property = rule.property();
        return switch (rule.kind()) {
            case REQUIRED -> payload.present(property, mayBeObject(contract, property)).not();
            // Only scalar values are typed here: an object where a scalar is expected is reported
            // as "required" when the property is required, and not at all otherwise (reading
            // every property's sub-object would make the scan much more expensive).
            case TYPE -> payload.present(property, false)
                    .and(payload.typeIn(property, contract.properties().get(property).types()).not());
            case ENUM -> payload.present(property, false).and(payload.text(property)
                    .notIn(contract.properties().get(property).allowed().stream().map(DSL::val).toList()));
            case ADDITIONAL_PROPERTIES -> payload.hasOtherKeys(listed(contract));
            case UNKNOWN_VERSION, UNKNOWN_EVENT -> throw new IllegalStateException("rule " + rule.kind() + " is not per version");
        };
    }

    /** Rows of these contracts' versions; every row of the event when the table is not versioned or a version is 0. */
    private Condition ofVersions(List<EventContract> contracts) {
        if (version == null || contracts.stream().anyMatch(c -> c.version() <= 0)) {
            return DSL.noCondition();
        }
        List<Field<Object>> values = contracts.stream().map(c -> versionValue(c.version())).toList();
        return values.size() == 1 ? version.eq(values.getFirst()) : version.in(values);
    }

    private Field<Object> versionValue(int v) {
        return DSL.val(textVersion ? String.valueOf(v) : v, Object.class);
    }

    /** A property whose rule allows objects (or has no type rule) may be a nested object. */
    private static boolean mayBeObject(EventContract contract, String property) {
        EventContract.PropertyRule rule = contract.properties().get(property);
        return rule == null || rule.types().isEmpty() || rule.types().contains("object");
    }

    private static Set<String> listed(EventContract contract) {
        Set<String> names = new TreeSet<>(contract.properties().keySet());
        names.addAll(contract.required());
        return names;
    }

    /** Rejects property names and types the SQL cannot represent safely, naming the contract. */
    private static void validate(ScanContext ctx, String check, List<EventContract> contracts) {
        for (EventContract contract : contracts) {
            String where = ctx.context(check) + ": tracking plan event '" + contract.event() + "' version "
                    + contract.version() + " (" + contract.location() + ")";
            contract.required().forEach(p -> SqlSafety.property(p, where + ": required property"));
            contract.properties().forEach((p, rule) -> {
                SqlSafety.property(p, where + ": property");
                rule.types().forEach(t -> {
                    if (!PayloadSql.JSON_TYPES.contains(t)) {
                        throw new PlanException(where + ": property '" + p + "' has unknown JSON type '" + t + "'");
                    }
                });
            });
        }
    }
}
