package dev.trackwatch.evaluate;

import dev.trackwatch.config.DatasetSpec;

import java.util.List;

/**
 * Verdicts that need no check type: every check of a dataset that could not be judged. The
 * judging itself is per check type, in {@code dev.trackwatch.checks}, on top of {@link SeriesJudge}.
 */
public final class CheckEvaluator {

    private CheckEvaluator() {
    }

    /** Every check of the dataset NOT_EVALUATED for the same monitor-side reason. */
    public static List<CheckResult> notEvaluated(DatasetSpec dataset, String reason) {
        return dataset.checks().stream().map(c -> CheckResult.of(dataset, c).outcome(Outcome.NOT_EVALUATED)
                .reason(reason).monitorFault(true).build()).toList();
    }
}
