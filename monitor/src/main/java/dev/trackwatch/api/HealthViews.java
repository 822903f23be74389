package dev.trackwatch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * The shapes of the read API {@code /api/v1} and of the pages built on it. Times are UTC ISO-8601
 * strings (e.g. {@code 2026-06-01T10:00:00Z}) so the JSON does not depend on serializer settings;
 * ages are whole seconds. Statuses are {@code healthy}, {@code warning}, {@code failing},
 * {@code not_evaluated} and {@code learning} (see {@link HealthReadModel}). Every field is written, null
 * or empty ones too, so clients see one shape.
 */
public final class HealthViews {

    private HealthViews() {
    }

    /** How fresh a dataset's data is: the end of its last closed bucket and its freshness checks' verdict. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Freshness(@Nullable String dataThrough, @Nullable Long lagSeconds, @Nullable String outcome,
                            @Nullable String reason) {
    }

    /** One dataset at a glance. {@code openIncidents} maps critical, warning and info to counts. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DatasetHealth(String name, String owner, String status, Map<String, Integer> openIncidents,
                                @Nullable String lastSuccessfulRun, @Nullable Long lastSuccessfulRunAgeSeconds,
                                Freshness freshness, int checks) {
    }

    /** One stored verdict of a check's latest evaluation. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Verdict(String dataset, String check, String type, String metric, Map<String, String> segment,
                          String outcome, @Nullable String bucket, @Nullable Double observed,
                          @Nullable Double expected, @Nullable Double lower, @Nullable Double upper, String reason,
                          String evaluatedAt, boolean learning) {
    }

    /** One check of a dataset with its latest verdicts. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CheckHealth(String name, String type, String severity, String status, List<Verdict> verdicts) {
    }

    /** A dataset with its checks. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DatasetDetail(DatasetHealth dataset, List<CheckHealth> checks) {
    }

    /** One team: what it owns and how that is. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TeamHealth(String name, @Nullable String slackChannel, String status, List<String> datasets,
                             Map<String, Integer> openIncidents) {
    }

    /** The last reload of the checks directory: {@code applied}, {@code rejected} or {@code none} yet. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Reload(String outcome, @Nullable String at, @Nullable String runningHash, List<String> errors) {
    }

    /** ClickHouse as the health indicator's background probe last saw it (never probed on request). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ClickHouse(boolean reachable, @Nullable Long roundTripMillis, @Nullable String probedAt,
                             @Nullable String version, @Nullable String error) {
    }

    /** The monitor's own health. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MonitorHealth(@Nullable String configHash, Reload lastReload, ClickHouse clickhouse,
                                List<Verdict> notEvaluated) {
    }

    /** One event of an incident's timeline (a row of {@code incident_events}). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TimelineEvent(String at, String type, String actor, String detail) {
    }
}
