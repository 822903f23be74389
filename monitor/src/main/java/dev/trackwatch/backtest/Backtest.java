package dev.trackwatch.backtest;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.incidents.ResolveAfter;
import dev.trackwatch.plan.TableColumns;
import dev.trackwatch.query.QueryGuardrails;
import dev.trackwatch.query.TableColumnsReader;
import dev.trackwatch.run.DatasetRunner;
import dev.trackwatch.state.StateStore;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Replays the schedule over a past span, tick by tick, as the daemon would have run it: each tick
 * runs every dataset as of that instant (only rows ingested at or before it), through the same
 * {@link DatasetRunner} the daemon uses, with baselines learned causally from what was stored at
 * earlier ticks. The verdicts go through the daemon's incident tracker and inhibit rules
 * ({@link IncidentReplay}), so an alert is an incident the daemon would have opened, with its
 * {@code resolve_after}. State goes to a scratch database of its own, dropped at the end, so a
 * backtest never touches the daemon's state. The first tick backfills each dataset's training history.
 */
public final class Backtest {

    private static final Logger LOG = LoggerFactory.getLogger(Backtest.class);

    private final DSLContext dsl;
    private final QueryGuardrails guardrails;
    private final Duration backfillChunk;
    private final int resolveAfter;

    /** A backtest with the daemon's default {@code trackwatch.notify.resolve-after}. */
    public Backtest(DSLContext dsl, QueryGuardrails guardrails, Duration backfillChunk) {
        this(dsl, guardrails, backfillChunk, ResolveAfter.DEFAULT);
    }

    /** @param resolveAfter the daemon's {@code trackwatch.notify.resolve-after}, for checks without their own */
    public Backtest(DSLContext dsl, QueryGuardrails guardrails, Duration backfillChunk, int resolveAfter) {
        this.dsl = dsl;
        this.guardrails = guardrails;
        this.backfillChunk = backfillChunk;
        this.resolveAfter = resolveAfter;
    }

    /**
     * What a backtest did.
     *
     * @param ticks ticks replayed
     * @param alertsByCheck alerts opened (incidents the tracker opened), by {@code dataset/check}
     * @param inhibitedByCheck of those, the ones an inhibit rule kept from being told, by {@code dataset/check}
     * @param groups notification groups the told alerts started (route and {@code group_by} values)
     * @param monitorFaults monitor-fault incidents opened (the monitor, not the data, at fault), never alerts
     * @param notEvaluated NOT_EVALUATED verdicts (learning, monitor faults), which never alert
     * @param elapsed wall time
     */
    public record Summary(int ticks, Map<String, Integer> alertsByCheck, Map<String, Integer> inhibitedByCheck,
                          int groups, int monitorFaults, int notEvaluated, Duration elapsed) {

        /** Returns the alerts opened, told or not. */
        public int alerts() {
            return alertsByCheck.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Returns the alerts an inhibit rule kept from being told. */
        public int inhibited() {
            return inhibitedByCheck.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Replays ticks {@code from}, {@code from + step}, ... up to and including {@code to}.
     *
     * @param step the tick spacing; null uses each dataset's own interval
     * @param sink receives each alert as it opens, told or inhibited, in tick order
     */
    public Summary run(TrackwatchSpec spec, Instant from, Instant to, Duration step, Consumer<BacktestAlert> sink) {
        long started = System.nanoTime();
        StateStore state = new StateStore(dsl, "trackwatch_backtest_" + HexFormat.of().toHexDigits(
                ThreadLocalRandom.current().nextInt()));
        state.migrate();
        Map<String, Integer> alerts = new LinkedHashMap<>();
        Map<String, Integer> inhibited = new LinkedHashMap<>();
        spec.datasets().forEach(d -> d.checks().forEach(c -> alerts.put(d.name() + "/" + c.common().name(), 0)));
        spec.datasets().forEach(d -> d.checks().forEach(c -> inhibited.put(d.name() + "/" + c.common().name(), 0)));
        IncidentReplay replay = new IncidentReplay(spec, resolveAfter);
        int ticks = 0;
        int notEvaluated = 0;
        try {
            Map<String, TableColumns> columns = TableColumnsReader.read(dsl, spec.datasets());
            DatasetRunner runner = new DatasetRunner(dsl, state, guardrails, backfillChunk, Clock.systemUTC(),
                    new dev.trackwatch.evaluate.BaselineCache());
            Duration smallest = spec.datasets().stream().map(DatasetSpec::interval).min(Duration::compareTo)
                    .orElse(Duration.ofHours(1));
            Duration tickStep = step != null ? step : smallest;
            for (Instant tick = from; !tick.isAfter(to); tick = tick.plus(tickStep)) {
                for (DatasetSpec dataset : spec.datasets()) {
                    if (step == null && !isDue(dataset, tick, from)) {
                        continue;
                    }
                    List<CheckResult> results = runner.run(spec, dataset, columns.get(dataset.name()), tick);
                    notEvaluated += (int) results.stream().filter(r -> r.outcome().name().equals("NOT_EVALUATED")).count();
                    replay.observe(dataset, results, tick);
                }
                for (IncidentReplay.Opening opening : replay.endTick(tick)) {
                    BacktestAlert alert = BacktestAlert.of(tick, opening.dataset(), opening.result())
                            .withInhibitedBy(opening.inhibitedBy());
                    alerts.merge(alert.dataset() + "/" + alert.check(), 1, Integer::sum);
                    if (!alert.told()) {
                        inhibited.merge(alert.dataset() + "/" + alert.check(), 1, Integer::sum);
                    }
                    sink.accept(alert);
                }
                ticks++;
                if (ticks % 100 == 0) {
                    LOG.info("backtest: {} ticks, at {}", ticks, tick);
                }
            }
        } finally {
            try {
                dsl.execute("DROP DATABASE IF EXISTS " + state.database());
            } catch (RuntimeException e) {
                LOG.warn("backtest: could not drop scratch database {}: {}", state.database(), e.getMessage());
            }
        }
        return new Summary(ticks, alerts, inhibited, replay.groups(), replay.monitorFaults(), notEvaluated,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Whether the daemon would run {@code dataset} at {@code tick}: on its own interval since {@code from}. */
    private static boolean isDue(DatasetSpec dataset, Instant tick, Instant from) {
        return Duration.between(from, tick).toMillis() % dataset.interval().toMillis() == 0;
    }
}
