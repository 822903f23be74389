package dev.trackwatch.checks;

import dev.trackwatch.plan.SeriesKey;

/**
 * What a check type's wording needs to know of an alert: the check, the series and which way it
 * went.
 *
 * @param check the check's name
 * @param metric the series, or null
 * @param below whether the value fell (below its expected value or lower bound) rather than rose
 */
public record AlertFacts(String check, SeriesKey metric, boolean below) {

    /** Returns the column the series is about, else the series' name: {@code null_rate:user_id} → user_id. */
    public String column() {
        if (metric == null) {
            return null;
        }
        return metric.column() != null ? metric.column() : metric.name();
    }
}
