package dev.trackwatch.evaluate;

import dev.trackwatch.config.Severity;
import dev.trackwatch.detect.DetectionState;
import dev.trackwatch.plan.SeriesKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code run-once} line is a contract scripts read: key order, nulls written, baseline and
 * contributors left out when absent, segments sorted, non-finite numbers as null.
 */
class ResultJsonTest {
    @Test
    void linesKeepTheirShape() {
        Baseline b = new Baseline(DetectionState.ANOMALY, 12.5, 1e-7, 1.0E20, 0.99, "Tue 14:00", 3,
                Instant.parse("2026-01-01T00:00:00Z"), null,
                List.of(new Baseline.Contributor(Map.of("platform", "ios", "a", "\"q\""), 3, Double.NaN)));
        List<CheckResult> rs = List.of(
                CheckResult.builder().dataset("d").check("c").type("volume").kind("volume").severity(Severity.CRITICAL)
                        .owner("o").outcome(Outcome.FAILED).series(new SeriesKey.NullRate("x.y")).segment(Map.of("z", "1", "a", "é\n"))
                        .bucketStart(Instant.parse("2026-01-01T01:00:00Z")).observed(3.0).reason("why \"q\"").baseline(b).build(),
                CheckResult.builder().dataset("d").check("c").type("schema").kind("schema_drift").severity(Severity.INFO)
                        .owner(null).outcome(Outcome.NOT_EVALUATED).observed(Double.NaN).monitorFault(true).build(),
                CheckResult.builder().dataset("d").check("c").type("x").kind("x").severity(Severity.WARNING)
                        .outcome(Outcome.PASSED).observed(0.1 + 0.2).baseline(b.withContributors(List.of())).build());
        assertThat(rs).extracting(ResultJson::toLine).containsExactlyElementsOf(List.of(
                "{\"dataset\":\"d\",\"check\":\"c\",\"type\":\"volume\",\"outcome\":\"FAILED\",\"severity\":\"critical\",\"owner\":\"o\",\"metric\":\"null_rate:x.y\",\"segment\":{\"a\":\"é\\n\",\"z\":\"1\"},\"bucket_start\":\"2026-01-01T01:00:00Z\",\"observed\":3.0,\"reason\":\"why \\\"q\\\"\",\"monitor_fault\":false,\"baseline\":{\"state\":\"ANOMALY\",\"expected\":12.5,\"lower\":1.0E-7,\"upper\":1.0E20,\"score\":0.99,\"slot\":\"Tue 14:00\",\"training_points\":3,\"training_from\":\"2026-01-01T00:00:00Z\",\"training_to\":null,\"contributors\":[{\"segment\":{\"a\":\"\\\"q\\\"\",\"platform\":\"ios\"},\"observed\":3.0,\"expected\":null}]}}",
                "{\"dataset\":\"d\",\"check\":\"c\",\"type\":\"schema\",\"outcome\":\"NOT_EVALUATED\",\"severity\":\"info\",\"owner\":null,\"metric\":null,\"segment\":{},\"bucket_start\":null,\"observed\":null,\"reason\":null,\"monitor_fault\":true}",
                "{\"dataset\":\"d\",\"check\":\"c\",\"type\":\"x\",\"outcome\":\"PASSED\",\"severity\":\"warning\",\"owner\":null,\"metric\":null,\"segment\":{},\"bucket_start\":null,\"observed\":0.30000000000000004,\"reason\":null,\"monitor_fault\":false,\"baseline\":{\"state\":\"ANOMALY\",\"expected\":12.5,\"lower\":1.0E-7,\"upper\":1.0E20,\"score\":0.99,\"slot\":\"Tue 14:00\",\"training_points\":3,\"training_from\":\"2026-01-01T00:00:00Z\",\"training_to\":null}}"));
        assertThat(ResultJson.explanation(b.withContributors(List.of()))).isEqualTo("{\"state\":\"ANOMALY\",\"expected\":12.5,"
                + "\"lower\":1.0E-7,\"upper\":1.0E20,\"score\":0.99,\"slot\":\"Tue 14:00\",\"training_points\":3,"
                + "\"training_from\":\"2026-01-01T00:00:00Z\",\"training_to\":null}");
    }
}
