package dev.trackwatch.evaluate;

import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.Severity;
import dev.trackwatch.plan.SeriesKey;

import java.time.Instant;
import java.util.Map;

/**
 * The verdict of one check on one series (metric and segment) at one bucket, with the owner it
 * is routed to and the reason in words. Build one with {@link #of} or {@link #builder()}.
 *
 * @param dataset the dataset
 * @param check the check name
 * @param type the check type, e.g. {@code volume}
 * @param kind the alert kind, e.g. {@code schema_drift} for a schema check (see {@link CheckSpec#alertKind()})
 * @param severity the check's severity
 * @param owner the owning team
 * @param outcome the verdict
 * @param series the series judged, or null for a verdict about the whole check
 * @param segment the segment judged, empty for the total
 * @param bucketStart the bucket judged, or null
 * @param observed the observed value, or null
 * @param reason why, in one sentence
 * @param monitorFault true when the monitor, not the data, is at fault (then outcome is NOT_EVALUATED)
 * @param baseline the seasonal baseline's judgement, or null for static-only verdicts
 */
public record CheckResult(String dataset, String check, String type, String kind, Severity severity, String owner,
                          Outcome outcome, SeriesKey series, Map<String, String> segment, Instant bucketStart,
                          Double observed, String reason, boolean monitorFault, Baseline baseline) {

    /** The alert kind (and check name) of a result in which the monitor, not the data, is at fault. */
    public static final String MONITOR_FAULT = "monitor_fault";

    public CheckResult {
        segment = Map.copyOf(segment);
    }

    /**
     * A verdict built from its parts, the alert kind being the type; for code outside evaluation
     * that already holds the kind (incidents, notifications). Prefer {@link #builder()}.
     *
     * @param metric the series' stored name, or null
     */
    public CheckResult(String dataset, String check, String type, Severity severity, String owner, Outcome outcome,
                       String metric, Map<String, String> segment, Instant bucketStart, Double observed,
                       String reason, boolean monitorFault, Baseline baseline) {
        this(dataset, check, type, type, severity, owner, outcome, SeriesKey.parse(metric), segment, bucketStart,
                observed, reason, monitorFault, baseline);
    }

    /** A verdict without a baseline; see the constructor above. */
    public CheckResult(String dataset, String check, String type, Severity severity, String owner, Outcome outcome,
                       String metric, Map<String, String> segment, Instant bucketStart, Double observed,
                       String reason, boolean monitorFault) {
        this(dataset, check, type, severity, owner, outcome, metric, segment, bucketStart, observed, reason,
                monitorFault, null);
    }

    /** Returns the judged series' name ({@code null_rate:user_id}), or null for a whole-check verdict. */
    public String metric() {
        return series == null ? null : series.name();
    }

    /** Returns an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder with the dataset and the check's name, type, kind, severity and owner filled in. */
    public static Builder of(DatasetSpec dataset, CheckSpec check) {
        return new Builder().dataset(dataset.name()).check(check.common().name()).type(check.type())
                .kind(check.alertKind()).severity(check.common().severity()).owner(check.common().owner());
    }

    /** Returns a builder holding this result's fields. */
    public Builder toBuilder() {
        return new Builder().dataset(dataset).check(check).type(type).kind(kind).severity(severity).owner(owner)
                .outcome(outcome).series(series).segment(segment).bucketStart(bucketStart).observed(observed)
                .reason(reason).monitorFault(monitorFault).baseline(baseline);
    }

    /** Returns a copy with {@code more} as its baseline. */
    public CheckResult withBaseline(Baseline more) {
        return toBuilder().baseline(more).build();
    }

    /** Builds a {@link CheckResult} field by field; the segment defaults to the total. */
    public static final class Builder {
        private String dataset;
        private String check;
        private String type;
        private String kind;
        private Severity severity;
        private String owner;
        private Outcome outcome;
        private SeriesKey series;
        private Map<String, String> segment = Map.of();
        private Instant bucketStart;
        private Double observed;
        private String reason;
        private boolean monitorFault;
        private Baseline baseline;

        private Builder() {
        }

        /** Sets the dataset. */
        public Builder dataset(String value) {
            dataset = value;
            return this;
        }

        /** Sets the check name. */
        public Builder check(String value) {
            check = value;
            return this;
        }

        /** Sets the check type. */
        public Builder type(String value) {
            type = value;
            return this;
        }

        /** Sets the alert kind. */
        public Builder kind(String value) {
            kind = value;
            return this;
        }

        /** Sets the severity. */
        public Builder severity(Severity value) {
            severity = value;
            return this;
        }

        /** Sets the owning team. */
        public Builder owner(String value) {
            owner = value;
            return this;
        }

        /** Sets the verdict. */
        public Builder outcome(Outcome value) {
            outcome = value;
            return this;
        }

        /** Sets the series judged. */
        public Builder series(SeriesKey value) {
            series = value;
            return this;
        }

        /** Sets the segment judged. */
        public Builder segment(Map<String, String> value) {
            segment = value;
            return this;
        }

        /** Sets the bucket judged. */
        public Builder bucketStart(Instant value) {
            bucketStart = value;
            return this;
        }

        /** Sets the observed value. */
        public Builder observed(Double value) {
            observed = value;
            return this;
        }

        /** Sets the reason. */
        public Builder reason(String value) {
            reason = value;
            return this;
        }

        /** Sets whether the monitor is at fault. */
        public Builder monitorFault(boolean value) {
            monitorFault = value;
            return this;
        }

        /** Sets the baseline's judgement. */
        public Builder baseline(Baseline value) {
            baseline = value;
            return this;
        }

        /** Returns the result. */
        public CheckResult build() {
            return new CheckResult(dataset, check, type, kind, severity, owner, outcome, series, segment, bucketStart,
                    observed, reason, monitorFault, baseline);
        }
    }
}
