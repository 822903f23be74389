package dev.trackwatch.api;

import dev.trackwatch.api.HealthViews.CheckHealth;
import dev.trackwatch.api.HealthViews.ClickHouse;
import dev.trackwatch.api.HealthViews.DatasetDetail;
import dev.trackwatch.api.HealthViews.DatasetHealth;
import dev.trackwatch.api.HealthViews.Freshness;
import dev.trackwatch.api.HealthViews.MonitorHealth;
import dev.trackwatch.api.HealthViews.TeamHealth;
import dev.trackwatch.api.HealthViews.Verdict;
import dev.trackwatch.clickhouse.ClickHouseHealthIndicator;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.TeamSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.incidents.Incident;
import dev.trackwatch.incidents.SeverityLabel;
import dev.trackwatch.notify.NotificationService;
import dev.trackwatch.state.StateDatabase;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import io.micronaut.core.annotation.Nullable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the read API and the pages show, computed once here so both say the same: datasets and teams
 * of the running config with a status, open incidents, last successful run and freshness, and the
 * monitor's own health. A dataset's status is the worst of: {@code failing} (a latest verdict FAILED,
 * or an open critical incident), {@code warning} (a WARN verdict, or any other open incident),
 * {@code not_evaluated} (no verdict yet, or one NOT_EVALUATED for a monitor fault), {@code learning}
 * (a baseline still learning) and {@code healthy}. A team's status is the worst of its datasets' and of
 * its open incidents' (a team may own checks on another team's dataset); {@code not_evaluated} when it
 * owns neither.
 */
@Singleton
@Requires(beans = NotificationService.class)
public class HealthReadModel {

    /** The statuses, best first: a dataset takes the worst of its checks' and incidents'. */
    public static final List<String> STATUSES = List.of("healthy", "learning", "not_evaluated", "warning", "failing");

    /** Open incidents read at most; the first slice filters them in memory. */
    static final int MAX_INCIDENTS = 5000;

    private static final String SEGMENT = "CAST(JSONExtractKeysAndValues(segment_key, 'String'), 'Map(String, String)')";

    private final NotificationService notifications;
    private final ReloadLog reloads;
    private final ClickHouseHealthIndicator clickhouse;
    private final DSLContext dsl;
    private final String db;

    public HealthReadModel(NotificationService notifications, ReloadLog reloads, ClickHouseHealthIndicator clickhouse,
                           DSLContext dsl, StateDatabase database) {
        this.notifications = notifications;
        this.reloads = reloads;
        this.clickhouse = clickhouse;
        this.dsl = dsl;
        this.db = database.name();
    }

    /** Returns every dataset of the running config, by name; empty before a config applied. */
    public List<DatasetHealth> datasets() {
        TrackwatchSpec spec = notifications.currentConfig();
        return spec == null ? List.of() : datasets(spec, snapshot());
    }

    /**
     * What the overview page shows, from one read of the state database: its datasets, teams and
     * the monitor's health (reading each separately would read the verdicts and incidents three times).
     */
    public record Overview(List<DatasetHealth> datasets, List<TeamHealth> teams, MonitorHealth monitor, List<Incident> open) {
    }

    /** Returns the datasets, teams and monitor health of the running config, from one snapshot. */
    public Overview overview() {
        TrackwatchSpec spec = notifications.currentConfig();
        if (spec == null) {
            return new Overview(List.of(), List.of(), monitor(null, Map.of()), List.of());
        }
        Snapshot s = snapshot();
        List<DatasetHealth> datasets = datasets(spec, s);
        return new Overview(datasets, teams(spec, datasets, s.open), monitor(spec, s.verdicts), s.open);
    }

    private List<DatasetHealth> datasets(TrackwatchSpec spec, Snapshot s) {
        return spec.datasets().stream().map(d -> summary(d, s)).sorted(java.util.Comparator.comparing(DatasetHealth::name))
                .toList();
    }

    /** Returns dataset {@code name} with its checks and their latest verdicts. */
    public Optional<DatasetDetail> dataset(String name) {
        TrackwatchSpec spec = notifications.currentConfig();
        Optional<DatasetSpec> found = spec == null ? Optional.empty() : spec.dataset(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Snapshot s = snapshot();
        DatasetSpec d = found.get();
        List<CheckHealth> checks = d.checks().stream().map(c -> {
            List<Verdict> verdicts = s.verdicts.getOrDefault(d.name() + "\0" + c.common().name(), List.of());
            return new CheckHealth(c.common().name(), c.type(), SeverityLabel.of(c.common().severity()),
                    checkStatus(verdicts), verdicts);
        }).toList();
        return Optional.of(new DatasetDetail(summary(d, s), checks));
    }

    /** Returns every team of the running config with what it owns. */
    public List<TeamHealth> teams() {
        TrackwatchSpec spec = notifications.currentConfig();
        if (spec == null) {
            return List.of();
        }
        Snapshot s = snapshot();
        return teams(spec, datasets(spec, s), s.open);
    }

    private static List<TeamHealth> teams(TrackwatchSpec spec, List<DatasetHealth> datasets, List<Incident> open) {
        List<TeamHealth> teams = new ArrayList<>();
        for (TeamSpec t : spec.teams()) {
            List<DatasetHealth> owned = datasets.stream()
                    .filter(d -> d.owner().equals(t.name()) || t.datasets().contains(d.name())).toList();
            List<Incident> mine = open.stream().filter(i -> t.name().equals(i.owner())).toList();
            // A team owning checks on another team's dataset has their incidents: they count toward its status.
            String status = owned.isEmpty() && mine.isEmpty() ? "not_evaluated" : "healthy";
            for (DatasetHealth d : owned) {
                status = worse(status, d.status());
            }
            for (Incident i : mine) {
                status = worse(status, incidentStatus(i));
            }
            teams.add(new TeamHealth(t.name(), t.slackChannel(), status, owned.stream().map(DatasetHealth::name).toList(),
                    bySeverity(mine)));
        }
        return teams;
    }

    /** Returns the monitor's own health: config, last reload, ClickHouse and the checks it could not judge. */
    public MonitorHealth monitor() {
        TrackwatchSpec spec = notifications.currentConfig();
        return monitor(spec, spec == null ? Map.of() : latestVerdicts());
    }

    private MonitorHealth monitor(@Nullable TrackwatchSpec spec, Map<String, List<Verdict>> verdicts) {
        ClickHouseHealthIndicator.Probe probe = clickhouse.lastProbe();
        ClickHouse ch = probe == null ? new ClickHouse(false, null, null, null, "no probe of ClickHouse has finished yet")
                : new ClickHouse(probe.error() == null, probe.roundTripMillis(), probe.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), probe.version(),
                        probe.error());
        List<Verdict> notEvaluated = verdicts.values().stream().flatMap(List::stream)
                .filter(v -> v.outcome().equals("NOT_EVALUATED") && !v.learning()).toList();
        return new MonitorHealth(spec == null ? null : spec.hash(), reloads.last(), ch, notEvaluated);
    }

    /** Returns the active incidents, newest first. */
    public List<Incident> openIncidents() {
        return StateReads.orEmpty(() -> notifications.incidents().list(true, MAX_INCIDENTS), List.of());
    }

    /** Runs a read of the state database; no rows while its schema does not exist yet. */
    List<Record> fetch(String statement, Object... bindings) {
        return StateReads.fetch(dsl, db, statement, bindings);
    }

    /** An open incident's part in a status: critical fails, anything else warns. */
    private static String incidentStatus(Incident i) {
        return i.severity() == dev.trackwatch.config.Severity.CRITICAL ? "failing" : "warning";
    }

    /** Returns the worse of two statuses. */
    static String worse(String a, String b) {
        return STATUSES.indexOf(a) >= STATUSES.indexOf(b) ? a : b;
    }

    /** What one read of the state database gives the summaries. */
    private record Snapshot(Map<String, List<Verdict>> verdicts, Map<String, Long> lastRunEnd, Map<String, Long> watermark,
                            List<Incident> open, Instant now) {
    }

    private Snapshot snapshot() {
        Map<String, Long> lastRunEnd = new HashMap<>();
        for (Record r : fetch("SELECT dataset, max(toUnixTimestamp64Milli(started_at) + duration_ms) "
                + "FROM ${db}.check_runs WHERE outcome = 'OK' GROUP BY dataset")) {
            lastRunEnd.put(r.get(0, String.class), r.get(1, Long.class));
        }
        Map<String, Long> watermark = new HashMap<>();
        for (Record r : fetch("SELECT dataset, toUnixTimestamp64Milli(max(last_closed)) "
                + "FROM ${db}.dataset_watermarks GROUP BY dataset")) {
            watermark.put(r.get(0, String.class), r.get(1, Long.class));
        }
        return new Snapshot(latestVerdicts(), lastRunEnd, watermark, openIncidents(), Instant.now());
    }

    /** The verdicts of each check's latest evaluation, keyed by dataset NUL check. */
    private Map<String, List<Verdict>> latestVerdicts() {
        Map<String, List<Verdict>> byCheck = new LinkedHashMap<>();
        for (Record r : fetch("SELECT dataset, check_name, check_type, metric, mapKeys(" + SEGMENT + "), mapValues("
                + SEGMENT + "), outcome, toUnixTimestamp64Milli(bucket_start), observed, expected, lower, upper, reason, "
                + "toUnixTimestamp64Milli(evaluated_at) FROM ${db}.check_results WHERE (dataset, check_name, evaluated_at) IN "
                + "(SELECT dataset, check_name, max(evaluated_at) FROM ${db}.check_results GROUP BY dataset, check_name) "
                + "ORDER BY dataset, check_name, metric, segment_key, bucket_start")) {
            String[] keys = r.get(4, String[].class);
            String[] values = r.get(5, String[].class);
            Map<String, String> segment = new java.util.TreeMap<>();
            for (int i = 0; i < keys.length; i++) {
                segment.put(keys[i], values[i]);
            }
            String reason = r.get(12, String.class);
            Verdict v = new Verdict(r.get(0, String.class), r.get(1, String.class), r.get(2, String.class),
                    r.get(3, String.class), segment, r.get(6, String.class), iso(r.get(7, Long.class)),
                    r.get(8, Double.class), r.get(9, Double.class), r.get(10, Double.class), r.get(11, Double.class),
                    reason, iso(r.get(13, Long.class)), reason != null && reason.contains("learning:"));
            byCheck.computeIfAbsent(v.dataset() + "\0" + v.check(), k -> new ArrayList<>()).add(v);
        }
        return byCheck;
    }

    private DatasetHealth summary(DatasetSpec d, Snapshot s) {
        List<Incident> open = s.open.stream().filter(i -> i.dataset().equals(d.name())).toList();
        String status = d.checks().isEmpty() ? "not_evaluated" : "healthy";
        List<Verdict> freshness = new ArrayList<>();
        for (CheckSpec c : d.checks()) {
            List<Verdict> verdicts = s.verdicts.getOrDefault(d.name() + "\0" + c.common().name(), List.of());
            status = worse(status, checkStatus(verdicts));
            if (c.type().equals("freshness")) {
                freshness.addAll(verdicts);
            }
        }
        for (Incident i : open) {
            status = worse(status, incidentStatus(i));
        }
        Long runEnd = s.lastRunEnd.get(d.name());
        Long through = s.watermark.get(d.name());
        Verdict worst = freshness.stream().reduce((a, b) -> rank(b.outcome()) > rank(a.outcome()) ? b : a).orElse(null);
        Freshness f = new Freshness(iso(through), through == null ? null : age(through, s.now),
                worst == null ? null : worst.outcome(), worst == null ? null : worst.reason());
        return new DatasetHealth(d.name(), d.owner(), status, bySeverity(open), iso(runEnd),
                runEnd == null ? null : age(runEnd, s.now), f, d.checks().size());
    }

    private static String checkStatus(List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return "not_evaluated";
        }
        String status = "healthy";
        for (Verdict v : verdicts) {
            status = worse(status, switch (v.outcome()) {
                case "FAILED" -> "failing";
                case "WARN" -> "warning";
                case "NOT_EVALUATED" -> v.learning() ? "learning" : "not_evaluated";
                default -> "healthy";
            });
        }
        return status;
    }

    private static int rank(String outcome) {
        return List.of("PASSED", "NOT_EVALUATED", "WARN", "FAILED").indexOf(outcome);
    }

    static Map<String, Integer> bySeverity(List<Incident> incidents) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String s : List.of("critical", "warning", "info")) {
            counts.put(s, 0);
        }
        for (Incident i : incidents) {
            counts.merge(SeverityLabel.of(i.severity()), 1, Integer::sum);
        }
        return counts;
    }

    private static long age(long millis, Instant now) {
        return Math.max(0, Duration.between(Instant.ofEpochMilli(millis), now).toSeconds());
    }

    private static String iso(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
