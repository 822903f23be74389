package dev.trackwatch.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link CheckResult} as one line of JSON, the output of {@code run-once}, through
 * micronaut-serde like the rest of the JSON Trackwatch writes. The line's shape is a contract
 * (scripts read it): keys in a fixed order, every key present (null when unknown) except
 * {@code baseline} (absent for static-only verdicts) and {@code contributors} (absent when none),
 * segments sorted by key, non-finite numbers as null.
 */
public final class ResultJson {

    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    private ResultJson() {
    }

    /** Returns the result as a single-line JSON object with stable key order. */
    public static String toLine(CheckResult r) {
        return write(Line.of(r));
    }

    /** Returns the baseline's explanation as a JSON object (stored with results). */
    public static String explanation(Baseline b) {
        return write(BaselineJson.of(b));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Double finite(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : value;
    }

    /** One {@code run-once} line. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"dataset", "check", "type", "outcome", "severity", "owner", "metric", "segment", "bucket_start",
            "observed", "reason", "monitor_fault", "baseline"})
    record Line(String dataset, String check, String type, String outcome, String severity, String owner, String metric,
                Map<String, String> segment, @JsonProperty("bucket_start") String bucketStart, Double observed,
                String reason, @JsonProperty("monitor_fault") boolean monitorFault,
                @JsonInclude(JsonInclude.Include.NON_NULL) BaselineJson baseline) {

        static Line of(CheckResult r) {
            return new Line(r.dataset(), r.check(), r.type(), r.outcome().name(),
                    r.severity().name().toLowerCase(Locale.ROOT), r.owner(), r.metric(), new TreeMap<>(r.segment()),
                    r.bucketStart() == null ? null : r.bucketStart().toString(), finite(r.observed()), r.reason(),
                    r.monitorFault(), r.baseline() == null ? null : BaselineJson.of(r.baseline()));
        }
    }

    /** A baseline's judgement. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"state", "expected", "lower", "upper", "score", "slot", "training_points", "training_from",
            "training_to", "contributors"})
    record BaselineJson(String state, Double expected, Double lower, Double upper, Double score, String slot,
                        @JsonProperty("training_points") int trainingPoints,
                        @JsonProperty("training_from") String trainingFrom,
                        @JsonProperty("training_to") String trainingTo,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ContributorJson> contributors) {

        static BaselineJson of(Baseline b) {
            return new BaselineJson(b.state().name(), finite(b.expected()), finite(b.lower()), finite(b.upper()),
                    finite(b.score()), b.slot(), b.trainingPoints(),
                    b.trainingFrom() == null ? null : b.trainingFrom().toString(),
                    b.trainingTo() == null ? null : b.trainingTo().toString(),
                    b.contributors().stream().map(ContributorJson::of).toList());
        }
    }

    /** A segment's part of a total's deviation. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"segment", "observed", "expected"})
    record ContributorJson(Map<String, String> segment, Double observed, Double expected) {

        static ContributorJson of(Baseline.Contributor c) {
            return new ContributorJson(new TreeMap<>(c.segment()), finite(c.observed()), finite(c.expected()));
        }
    }
}
