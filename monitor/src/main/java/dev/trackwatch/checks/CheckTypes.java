package dev.trackwatch.checks;

import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.SeriesRules;
import dev.trackwatch.plan.MetricRequest;

import java.util.List;
import java.util.Optional;

/** The registry: every check type, in the order the docs list them. A new type is added here and nowhere else. */
public final class CheckTypes {

    /** Every check type. */
    public static final List<CheckType<?>> ALL = List.of(VolumeCheck.TYPE, FreshnessCheck.TYPE, NullRateCheck.TYPE,
            CardinalityCheck.TYPE, LatencyCheck.TYPE, SchemaCheck.TYPE, CustomCheck.TYPE);

    private CheckTypes() {
    }

    /** Returns the names of every type, in order. */
    public static List<String> names() {
        return ALL.stream().map(CheckType::name).toList();
    }

    /** Returns the type named {@code name} in YAML. */
    public static Optional<CheckType<?>> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Returns the type whose alerts report {@code kind}. */
    public static Optional<CheckType<?>> ofKind(String kind) {
        return ALL.stream().filter(t -> t.alertKind().equals(kind)).findFirst();
    }

    /** Returns the type of {@code check}. */
    public static CheckType<?> of(CheckSpec check) {
        return ALL.stream().filter(t -> t.specClass().isInstance(check)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check type for " + check.getClass().getName()));
    }

    /**
     * Returns what an alert of {@code kind} says broke, in its type's words ("Volume dropped"), or
     * "Check NAME failed" for a kind no type reports.
     */
    public static String title(String kind, AlertFacts alert) {
        return ofKind(kind).map(t -> t.title(alert)).orElse("Check " + alert.check() + " failed");
    }

    /** Returns the default runbook file of an alert of {@code kind}: its type's, the monitor-fault one, or the fallback. */
    public static String runbook(String kind, AlertFacts alert) {
        if (kind.equals(CheckResult.MONITOR_FAULT)) {
            return DefaultRunbooks.MONITOR_FAULT;
        }
        return ofKind(kind).map(t -> t.runbook(alert)).orElse(DefaultRunbooks.FALLBACK);
    }

    /** Returns the metric requests of {@code check}. */
    public static List<MetricRequest> metrics(DatasetSpec dataset, CheckSpec check, List<EventContract> trackingPlan) {
        return metrics(of(check), dataset, check, trackingPlan);
    }

    /** Returns the metric requests of every check of {@code dataset}, in check order. */
    public static List<MetricRequest> metrics(DatasetSpec dataset, List<EventContract> trackingPlan) {
        return dataset.checks().stream().flatMap(c -> metrics(dataset, c, trackingPlan).stream()).toList();
    }

    /** Returns how the generic judging treats {@code check}'s series. */
    public static SeriesRules rules(CheckSpec check) {
        return rules(of(check), check);
    }

    /** Returns the columns {@code check} names in its own settings. */
    public static List<ColumnUse> columnUses(CheckSpec check) {
        return columnUses(of(check), check);
    }

    /** Returns the SQL expressions {@code check}'s settings carry. */
    public static List<ExpressionUse> expressions(CheckSpec check) {
        return expressions(of(check), check);
    }

    private static <S extends CheckSpec> List<ColumnUse> columnUses(CheckType<S> type, CheckSpec check) {
        return type.columnUses(type.cast(check));
    }

    private static <S extends CheckSpec> List<ExpressionUse> expressions(CheckType<S> type, CheckSpec check) {
        return type.expressions(type.cast(check));
    }

    private static <S extends CheckSpec> List<MetricRequest> metrics(CheckType<S> type, DatasetSpec dataset,
                                                                     CheckSpec check, List<EventContract> plan) {
        return type.metrics(dataset, type.cast(check), plan);
    }

    private static <S extends CheckSpec> SeriesRules rules(CheckType<S> type, CheckSpec check) {
        return type.rules(type.cast(check));
    }

    /** Judges {@code check} with its type. */
    static <S extends CheckSpec> List<CheckResult> judge(CheckType<S> type, CheckSpec check,
                                                 Judging judging) {
        return type.judge(type.cast(check), judging);
    }
}
