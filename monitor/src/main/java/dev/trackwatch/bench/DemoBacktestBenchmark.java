package dev.trackwatch.bench;

import dev.trackwatch.backtest.Backtest;
import dev.trackwatch.backtest.BacktestAlert;
import dev.trackwatch.config.LoadResult;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.demo.DemoEventGenerator;
import dev.trackwatch.demo.DemoIncident;
import dev.trackwatch.demo.DemoScenario;
import dev.trackwatch.embedded.EmbeddedClickHouseServer;
import dev.trackwatch.query.QueryGuardrails;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Backtests the repo's checks over the demo's generated history and scores the alerts against the
 * incidents the generator injected: recall, time to detect per incident, and alerts that no
 * incident explains (false alerts) per simulated week. Only told alerts count, for detection and
 * as false alerts: an opening an inhibit rule holds back pages nobody, so it is reported apart.
 * The anchor is fixed so runs compare.
 */
public final class DemoBacktestBenchmark {

    /** A fixed scenario anchor: the same data, and so the same alerts, on every run. */
    static final Instant ANCHOR = Instant.parse("2026-11-16T12:00:00Z");

    /** Which alert kinds count as detecting an incident of each injected kind. */
    static final Map<String, Set<String>> DETECTED_BY = Map.of(
            "volume", Set.of("volume", "custom"), // duplicate firing is caught by the duplicate_share custom metric
            "null_rate", Set.of("null_rate"),
            "cardinality", Set.of("cardinality"),
            "schema_drift", Set.of("schema_drift"),
            "latency", Set.of("latency", "freshness"),
            "freshness", Set.of("freshness", "volume"));

    private final EmbeddedClickHouseServer server;
    private final PrintStream out;

    public DemoBacktestBenchmark(EmbeddedClickHouseServer server, PrintStream out) {
        this.server = server;
        this.out = out;
    }

    /** Generates the demo, backtests {@code checks} over its last {@code days} days with ticks every {@code step}. */
    public void run(LoadResult checks, int days, Duration step) throws Exception {
        TrackwatchSpec spec = checks.spec();
        Properties props = new Properties();
        props.setProperty("socket_timeout", String.valueOf(Duration.ofMinutes(15).toMillis()));
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("default"), props)) {
            DSLContext dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
            DemoEventGenerator generator = new DemoEventGenerator(dsl);
            Instant anchor = generator.prepare(ANCHOR);
            Instant end = anchor.plus(Duration.ofHours(2));
            generator.topUp(anchor, end);
            Instant from = anchor.minus(Duration.ofDays(days));
            out.printf("demo backtest: anchor %s, ticks every %s from %s to %s%n", anchor, step, from, end);
            List<BacktestAlert> alerts = new ArrayList<>();
            Backtest.Summary summary = new Backtest(dsl, QueryGuardrails.of(Duration.ofMinutes(5)), Duration.ofDays(7))
                    .run(spec, from, end, step, alerts::add);
            score(anchor, generator.liveStart(), from, end, alerts, summary, spec.datasets().getFirst().bucket());
        }
    }

    private void score(Instant anchor, Instant liveStart, Instant from, Instant end, List<BacktestAlert> alerts,
                       Backtest.Summary summary, Duration bucket) {
        int found = 0;
        int inSpan = 0;
        List<BacktestAlert> told = alerts.stream().filter(BacktestAlert::told).toList();
        List<BacktestAlert> explained = new ArrayList<>();
        out.printf("%-32s %-13s %-22s %s%n", "incident", "kind", "start", "detected");
        List<DemoIncident> incidents = new ArrayList<>(DemoScenario.INCIDENTS);
        incidents.addAll(DemoScenario.LIVE);
        for (DemoIncident incident : incidents) {
            Instant start = (DemoScenario.LIVE.contains(incident) ? liveStart : anchor).plus(incident.startOffset());
            if (start.isBefore(from) || !start.isBefore(end)) {
                continue;
            }
            inSpan++;
            Instant until = incident.duration().isZero() ? end : start.plus(incident.duration());
            Instant grace = until.plus(bucket.multipliedBy(4)); // late buckets still settle after it ends
            Set<String> kinds = DETECTED_BY.getOrDefault(incident.kind(), Set.of(incident.kind()));
            BacktestAlert first = null;
            for (BacktestAlert a : told) {
                boolean during = !a.openedAt().isBefore(start) && a.openedAt().isBefore(grace);
                if (during) {
                    explained.add(a);
                    // An alert cannot be about an incident before the incident's first (5-minute) bucket closed.
                    boolean possible = !a.openedAt().isBefore(start.plus(Duration.ofMinutes(5)));
                    if (first == null && possible && kinds.contains(a.kind())) {
                        first = a;
                    }
                }
            }
            String detected = first == null ? "MISSED" : "after " + minutes(Duration.between(start, first.openedAt()))
                    + " by " + first.check() + " " + first.metric() + " " + first.segment();
            if (first != null) {
                found++;
            }
            out.printf("%-32s %-13s %-22s %s%n", incident.name(), incident.kind(), start, detected);
        }
        List<BacktestAlert> unexplained = told.stream().filter(a -> !explained.contains(a)).toList();
        double weeks = Duration.between(from, end).toHours() / (24.0 * 7);
        out.printf("false alerts (no incident explains them): %d%n", unexplained.size());
        unexplained.stream().limit(20).forEach(a -> out.printf("  %s %s %s %s %s%n", a.openedAt(), a.check(), a.metric(),
                a.segment(), a.reason()));
        out.printf("backtest: %d ticks in %.1f s, %d alerts (%d told, %d inhibited), %d notification groups, "
                        + "%d monitor-fault incidents%n", summary.ticks(), summary.elapsed().toMillis() / 1000.0,
                alerts.size(), told.size(), alerts.size() - told.size(), summary.groups(), summary.monitorFaults());
        alerts.stream().filter(a -> !a.told()).limit(20).forEach(a -> out.printf("  inhibited %s %s %s %s: %s%n",
                a.openedAt(), a.check(), a.metric(), a.segment(), a.inhibitedBy()));
        out.printf("recall=%d/%d false_alerts_per_week=%.2f%n", found, inSpan, unexplained.size() / weeks);
    }

    private static String minutes(Duration d) {
        return d.toMinutes() + "m";
    }
}
