package dev.trackwatch.backtest;

import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.Outcome;
import dev.trackwatch.state.SegmentKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a stream of check results into alert openings, the way an incident opens: a series
 * (check, dataset, metric, segment) opens when a verdict fails or warns while it is not already
 * open, and closes on its next passing verdict. NOT_EVALUATED (learning, monitor faults) neither
 * opens nor closes anything.
 */
final class AlertTracker {

    private final Set<String> open = new HashSet<>();

    /** Returns the alerts {@code results} open at {@code tick}. */
    List<BacktestAlert> observe(Instant tick, DatasetSpec dataset, List<CheckResult> results) {
        List<BacktestAlert> opened = new ArrayList<>();
        for (CheckResult r : results) {
            if (r.monitorFault() || r.outcome() == Outcome.NOT_EVALUATED) {
                continue;
            }
            String key = r.check() + "\u0000" + r.dataset() + "\u0000" + r.metric() + "\u0000" + SegmentKey.of(r.segment());
            boolean failing = r.outcome() == Outcome.FAILED || r.outcome() == Outcome.WARN;
            if (failing && open.add(key)) {
                opened.add(alert(tick, dataset, r));
            } else if (!failing) {
                open.remove(key);
            }
        }
        return opened;
    }

    private static BacktestAlert alert(Instant tick, DatasetSpec dataset, CheckResult r) {
        Double expected = null;
        Double lower = null;
        Double upper = null;
        if (r.baseline() != null) {
            expected = r.baseline().expected();
            lower = r.baseline().lower();
            upper = r.baseline().upper();
        } else {
            Bounds bounds = staticBounds(dataset, r);
            if (bounds != null) {
                lower = bounds.failMin() != null ? bounds.failMin() : bounds.warnMin();
                upper = bounds.failMax() != null ? bounds.failMax() : bounds.warnMax();
            }
        }
        return new BacktestAlert(tick, r.kind(), r.check(), r.dataset(), dataset.database() + "." + dataset.table(),
                r.series() == null ? null : r.series().column(), r.metric(), r.segment(), r.severity().name().toLowerCase(Locale.ROOT),
                r.outcome().name(), r.observed(), expected, lower, upper, r.bucketStart(), r.reason());
    }

    private static Bounds staticBounds(DatasetSpec dataset, CheckResult r) {
        return r.metric() == null ? null : dataset.checks().stream()
                .filter(check -> check.common().name().equals(r.check())).findFirst()
                .map(check -> CheckTypes.rules(check).bounds(r.series())).orElse(null);
    }
}
