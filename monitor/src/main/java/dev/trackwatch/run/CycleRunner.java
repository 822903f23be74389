package dev.trackwatch.run;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.evaluate.CheckEvaluator;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.plan.TableColumns;
import dev.trackwatch.query.QueryGuardrails;
import dev.trackwatch.query.TableColumnsReader;
import dev.trackwatch.run.ShardAssignment;
import dev.trackwatch.state.StateDatabase;
import dev.trackwatch.state.StateStore;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One cycle over the datasets this replica owns: the state schema is migrated once, the table
 * columns of all datasets are read in one query, then each dataset is run. A failure to reach
 * ClickHouse makes every check NOT_EVALUATED (a monitor fault) instead of stopping the cycle.
 */
@Singleton
public class CycleRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CycleRunner.class);

    private final DSLContext dsl;
    private final RunConfiguration configuration;
    private final StateStore state;
    private volatile boolean migrated;
    private final dev.trackwatch.evaluate.BaselineCache baselines = new dev.trackwatch.evaluate.BaselineCache();
    private final BlindTime blindTime;

    /** A runner on the default state database ({@link StateDatabase#DEFAULT}). */
    public CycleRunner(DSLContext dsl, RunConfiguration configuration) {
        this(dsl, configuration, new StateDatabase(StateDatabase.DEFAULT));
    }

    /** A runner whose observations, runs and results go to {@code database}, as the alert stages' do. */
    public CycleRunner(DSLContext dsl, RunConfiguration configuration, StateDatabase database) {
        this(dsl, configuration, database, java.util.Optional.empty());
    }

    /**
     * Like {@link #CycleRunner(DSLContext, RunConfiguration, StateDatabase)}, deferring the buckets
     * that overlap the monitor's blind time ({@link BlindTime}, from the watchdog when it runs).
     */
    @jakarta.inject.Inject
    public CycleRunner(DSLContext dsl, RunConfiguration configuration, StateDatabase database,
                       java.util.Optional<BlindTime> blindTime) {
        this.dsl = dsl;
        this.configuration = configuration;
        this.state = new StateStore(dsl, database.name());
        this.blindTime = blindTime.orElse(BlindTime.NONE);
    }

    /** Runs every owned dataset of {@code spec} as of {@code asOf}, handing each result to {@code sink}. */
    public void runAll(TrackwatchSpec spec, Instant asOf, Consumer<CheckResult> sink) {
        ShardAssignment shard = configuration.shard();
        var owned = spec.datasets().stream().filter(d -> shard.owns(d.name())).toList();
        Map<String, TableColumns> columns;
        try {
            ensureMigrated();
            columns = TableColumnsReader.read(dsl, owned);
        } catch (RuntimeException e) {
            String reason = RunFailure.UNREACHABLE + rootMessage(e);
            LOG.warn("cycle: {}", reason);
            owned.forEach(d -> CheckEvaluator.notEvaluated(d, reason).forEach(sink));
            return;
        }
        for (DatasetSpec dataset : owned) {
            run(spec, dataset, columns.get(dataset.name()), asOf).forEach(sink);
        }
    }

    /**
     * Reads the columns of {@code datasets}' tables in one query, or returns null when ClickHouse
     * cannot be queried (each run then reports the fault itself).
     */
    public Map<String, TableColumns> readColumns(List<DatasetSpec> datasets) {
        try {
            ensureMigrated();
            return TableColumnsReader.read(dsl, datasets);
        } catch (RuntimeException e) {
            LOG.warn("cycle: could not read table columns: {}", rootMessage(e));
            return null;
        }
    }

    /**
     * Runs one dataset and records its results; never throws for ClickHouse trouble.
     *
     * @param columns the table's columns, or null to read them now
     */
    public List<CheckResult> run(TrackwatchSpec spec, DatasetSpec dataset, TableColumns columns, Instant asOf) {
        return run(spec, dataset, columns, asOf, new RunCancellation());
    }

    /**
     * Like {@link #run(TrackwatchSpec, DatasetSpec, TableColumns, Instant)}, stopping between chunk
     * queries once {@code cancellation} is cancelled; a cancelled run returns no results.
     */
    public List<CheckResult> run(TrackwatchSpec spec, DatasetSpec dataset, TableColumns columns, Instant asOf,
                                 RunCancellation cancellation) {
        DatasetRunner runner = new DatasetRunner(dsl, state, guardrails(), configuration.getBackfillChunk(),
                Clock.systemUTC(), baselines).deferringBlindTime(blindTime);
        List<CheckResult> results;
        try {
            ensureMigrated();
            TableColumns known = columns != null ? columns
                    : TableColumnsReader.read(dsl, List.of(dataset)).get(dataset.name());
            results = runner.run(spec, dataset, known, asOf, cancellation);
        } catch (RuntimeException e) {
            if (cancellation.isCancelled()) {
                // Shutdown interrupted the run; a failure it causes is the cancellation, not a monitor fault.
                LOG.info("run {}: cancelled: {} ({})", dataset.name(), cancellation.reason(), rootMessage(e));
                return List.of();
            }
            // A connection that could not be made is the watchdog's evidence; keep it apart from bugs.
            String reason = (RunFailure.unreachable(e) ? RunFailure.UNREACHABLE : "run failed: ") + rootMessage(e);
            LOG.warn("run {}: {}", dataset.name(), reason);
            return CheckEvaluator.notEvaluated(dataset, reason);
        }
        if (results.isEmpty()) {
            return results; // cancelled (or no checks): nothing to record
        }
        try {
            state.writeResults(UUID.randomUUID(), results.stream().map(CycleRunner::row).toList(), Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("run {}: results not recorded: {}", dataset.name(), rootMessage(e));
        }
        return results;
    }

    private static StateStore.ResultRow row(CheckResult r) {
        var b = r.baseline();
        return new StateStore.ResultRow(r.dataset(), r.check(), r.type(), r.severity().name(), r.owner(),
                r.outcome().name(), r.metric(), r.segment(), r.bucketStart(), r.observed(), r.reason(),
                b == null ? null : b.expected(), b == null ? null : b.lower(), b == null ? null : b.upper(),
                b == null ? null : b.score(), b == null ? "" : dev.trackwatch.evaluate.ResultJson.explanation(b));
    }

    private QueryGuardrails guardrails() {
        QueryGuardrails g = QueryGuardrails.of(configuration.getMaxExecutionTime());
        return configuration.getMaxRowsToRead() > 0 ? g.withMaxRowsToRead(configuration.getMaxRowsToRead()) : g;
    }

    private void ensureMigrated() {
        if (!migrated) {
            state.migrate();
            migrated = true;
        }
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
