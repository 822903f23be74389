package dev.trackwatch.checks;

import java.util.List;

/**
 * The runbook files under runbooks/ that alerts link to when their check names none: each check
 * type's own ({@link CheckType#runbooks()}, split by direction where the advice differs: a drop is
 * not a spike), the monitor-fault one, and the fallback. Messages pick among them
 * ({@link CheckTypes#runbook}); validation checks they exist.
 */
public final class DefaultRunbooks {

    /** The monitor-fault runbook, for checks that could not run. */
    public static final String MONITOR_FAULT = "monitor-fault.md";

    /** The runbook of alerts of a kind no type reports. */
    public static final String FALLBACK = "README.md";

    private DefaultRunbooks() {
    }

    /** Returns the default runbook files of a check type (its drop/collapse one first). */
    public static List<String> forType(String type) {
        return CheckTypes.named(type).<List<String>>map(CheckType::runbooks).orElse(List.of(FALLBACK));
    }
}
