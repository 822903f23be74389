package dev.trackwatch.checks;

import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.SeriesRules;
import dev.trackwatch.plan.MetricRequest;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything one check type means, in one place: how its settings are read, which metrics it asks
 * the scan for, how its series are judged, and what its alerts say and link to. Every type is
 * listed once in {@link CheckTypes#ALL}; the loader, the runner, evaluation and messages dispatch
 * through that list and know no type by name.
 *
 * @param <S> the type's spec record
 */
public interface CheckType<S extends CheckSpec> {

    /** Returns the name written as {@code type:} in YAML, e.g. {@code volume}. */
    String name();

    /** Returns the spec record's class. */
    Class<S> specClass();

    /** Returns the kind its alerts report; the name unless the type says otherwise. */
    default String alertKind() {
        return name();
    }

    /** Returns the keys the type reads besides the common ones; used to explain a key put on the wrong type. */
    Set<String> keys();

    /** Returns whether the type's metrics have a seasonal baseline (whether {@code anomaly:} applies). */
    boolean hasBaseline();

    /**
     * Reads the type's settings from {@code reader}, reporting errors there; returns a function
     * from the (later resolved) common settings to the spec.
     */
    Function<CheckCommon, S> read(TypeReader reader);

    /** Returns what {@code check} needs from the scan of {@code dataset}, possibly nothing. */
    List<MetricRequest> metrics(DatasetSpec dataset, S check, List<EventContract> trackingPlan);

    /** Returns how the generic judging treats {@code check}'s series. */
    SeriesRules rules(S check);

    /** Judges {@code check}; by default its series with {@link #rules}, and nothing else. */
    default List<CheckResult> judge(S check, Judging judging) {
        return judging.series(check, rules(check));
    }

    /** Returns the default runbook files of the type (its drop/collapse one first), which validation checks exist. */
    List<String> runbooks();

    /** Returns what an alert of this type says broke, e.g. {@code Volume dropped}. */
    String title(AlertFacts alert);

    /** Returns the default runbook file for an alert of this type, one of {@link #runbooks()}. */
    default String runbook(AlertFacts alert) {
        return runbooks().getFirst();
    }

    /** Returns the columns {@code check} names in its own settings, for validation; by default none. */
    default List<ColumnUse> columnUses(S check) {
        return List.of();
    }

    /** Returns the SQL expressions {@code check}'s settings carry, for validation; by default none. */
    default List<ExpressionUse> expressions(S check) {
        return List.of();
    }

    /** Returns {@code spec} as this type's spec. */
    default S cast(CheckSpec spec) {
        return specClass().cast(spec);
    }
}
