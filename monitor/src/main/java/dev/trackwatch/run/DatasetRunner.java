package dev.trackwatch.run;

import dev.trackwatch.checks.DatasetEvaluator;
import dev.trackwatch.checks.DatasetPlan;
import dev.trackwatch.checks.SchemaCheck;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.evaluate.CheckEvaluator;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.evaluate.History;
import dev.trackwatch.plan.MetricDefinitions;
import dev.trackwatch.plan.DatasetQuery;
import dev.trackwatch.plan.DriftFinding;
import dev.trackwatch.plan.FutureQuery;
import dev.trackwatch.plan.MetricRequest;
import dev.trackwatch.plan.QueryPlanner;
import dev.trackwatch.plan.TableColumns;
import dev.trackwatch.query.MetricQueryExecutor;
import dev.trackwatch.query.Observation;
import dev.trackwatch.query.QueryGuardrails;
import dev.trackwatch.query.ScanFailure;
import dev.trackwatch.query.ScanResult;
import dev.trackwatch.query.ScanSuccess;
import dev.trackwatch.state.CheckRun;
import dev.trackwatch.state.StateStore;
import dev.trackwatch.state.StoredObservation;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One cycle for one dataset: work out the window (new closed buckets since the watermark, plus the
 * late-data recheck, or the backfill on the first run, in chunks), scan it in one query per chunk,
 * store the observations, advance the watermark and judge the checks. A scan that fails leaves
 * the watermark where it was and yields NOT_EVALUATED monitor faults, never data alerts.
 */
public final class DatasetRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetRunner.class);

    /** How far back a run after downtime judges the buckets it missed. */
    static final Duration MAX_CATCH_UP = Duration.ofDays(7);

    private final DSLContext dsl;
    private final StateStore state;
    private final QueryGuardrails guardrails;
    private final Duration backfillChunk;
    private final Clock clock;
    private final dev.trackwatch.evaluate.BaselineCache baselines;
    private BlindTime blindTime = BlindTime.NONE;

    public DatasetRunner(DSLContext dsl, StateStore state, QueryGuardrails guardrails, Duration backfillChunk, Clock clock) {
        this(dsl, state, guardrails, backfillChunk, clock, null);
    }

    /**
     * @param baselines where the dataset's baselines are kept between runs, or null to replay them
     *                  from stored history on every run
     */
    public DatasetRunner(DSLContext dsl, StateStore state, QueryGuardrails guardrails, Duration backfillChunk, Clock clock,
                         dev.trackwatch.evaluate.BaselineCache baselines) {
        this.baselines = baselines;
        this.dsl = dsl;
        this.state = state;
        this.guardrails = guardrails;
        this.backfillChunk = backfillChunk;
        this.clock = clock;
    }

    /**
     * Makes this runner defer the buckets that overlap {@code blind} time until they settled (see
     * {@link #deferred}); call before the first run. Returns this runner.
     */
    public DatasetRunner deferringBlindTime(BlindTime blind) {
        this.blindTime = blind;
        return this;
    }

    /** Runs {@code dataset} as of {@code asOf}; {@code columns} come from one system.columns read for all datasets. */
    public List<CheckResult> run(TrackwatchSpec spec, DatasetSpec dataset, TableColumns columns, Instant asOf) {
        return run(spec, dataset, columns, asOf, new RunCancellation());
    }

    /**
     * Like {@link #run(TrackwatchSpec, DatasetSpec, TableColumns, Instant)}, stopping before the next
     * chunk query once {@code cancellation} is cancelled: then nothing is judged and the result is an
     * empty list (see {@link #cancelled}).
     */
    public List<CheckResult> run(TrackwatchSpec spec, DatasetSpec dataset, TableColumns columns, Instant asOf,
                                 RunCancellation cancellation) {
        Instant started = clock.instant();
        Instant closedTo = floor(asOf, dataset.bucket());
        Instant oldest = floor(asOf.minus(dataset.backfill()), dataset.bucket());
        java.util.Optional<Instant> watermark = state.lastClosedBucket(dataset.name());
        Duration recheck = dataset.bucket().multipliedBy(Math.max(1, dataset.lateBuckets()));
        // A run as of a time before the watermark (run-once --at, replays) re-reads the recheck window
        // before its own time rather than the present's.
        Instant from = watermark.map(w -> w.isAfter(closedTo) ? closedTo.minus(recheck) : w.minus(recheck))
                .filter(w -> w.isAfter(oldest)).orElse(oldest);
        if (columns == null || !columns.exists()) {
            return fault(spec, dataset, started, asOf, from, asOf, "table " + dataset.database() + "." + dataset.table()
                    + " does not exist or is not visible to the Trackwatch user");
        }
        // Planned once: the scan is planned from these requests and each check judged on its own.
        DatasetPlan plan = DatasetPlan.of(dataset, spec.trackingPlan());
        List<MetricRequest> requests = plan.requests();
        java.util.Map<String, String> definitions = MetricDefinitions.of(dataset, requests);
        List<Observation> observed = new ArrayList<>();
        long rowsRead = 0;
        long bytesRead = 0;
        for (Instant chunkFrom = from; chunkFrom.isBefore(asOf); ) {
            if (cancellation.isCancelled()) {
                return cancelled(spec, dataset, started, asOf, from, chunkFrom, watermark.isEmpty(),
                        cancellation.reason());
            }
            Instant chunkTo = min(chunkFrom.plus(backfillChunk), asOf);
            DatasetQuery query = QueryPlanner.plan(dataset, requests, columns, chunkFrom, chunkTo, asOf);
            ScanResult result = MetricQueryExecutor.execute(dsl, query, guardrails);
            if (result instanceof ScanFailure && cancellation.isCancelled()) {
                // Shutdown may interrupt the query in flight: that is the cancellation, not a fault.
                return cancelled(spec, dataset, started, asOf, from, chunkFrom, watermark.isEmpty(),
                        cancellation.reason());
            }
            if (result instanceof ScanFailure failure) {
                return fault(spec, dataset, started, asOf, from, asOf, "scan of " + dataset.name() + " failed with "
                        + "ClickHouse error " + failure.code() + ": " + failure.message());
            }
            ScanSuccess success = (ScanSuccess) result;
            observed.addAll(success.observations());
            rowsRead += success.cost().readRows();
            bytesRead += success.cost().readBytes();
            state.writeObservations(stored(success.observations()), definitions, spec.hash(), clock.instant());
            chunkFrom = chunkTo;
        }
        ScanSuccess future = futureShares(dataset, requests, columns, from, asOf);
        if (future != null) {
            observed.addAll(future.observations());
            rowsRead += future.cost().readRows();
            bytesRead += future.cost().readBytes();
        }
        List<Instant> judged = judgedBuckets(watermark.orElse(null), closedTo, dataset.bucket());
        List<Instant> deferred = deferred(dataset, judged, asOf);
        // The watermark stops at the first deferred bucket, so the next runs read and judge it again.
        Instant mark = deferred.isEmpty() ? closedTo : deferred.getFirst();
        if (watermark.isEmpty() || mark.isAfter(watermark.get())) {
            state.advanceWatermark(dataset.name(), mark, spec.hash(), clock.instant());
        }
        if (!deferred.isEmpty()) {
            judged = judged.subList(0, judged.size() - deferred.size());
            if (judged.isEmpty()) {
                return deferredRun(spec, dataset, started, asOf, from, deferred, rowsRead, bytesRead, observed.size());
            }
        }
        List<DriftFinding> drift = SchemaCheck.drift(dataset, columns);
        History history = history(spec, dataset, definitions, judged.getFirst(), closedTo);
        List<CheckResult> results = DatasetEvaluator.evaluate(plan, observed, drift, from, closedTo, asOf, judged,
                history);
        if (baselines != null) {
            baselines.evictIdle(closedTo);
        }
        long millis = Duration.between(started, clock.instant()).toMillis();
        state.recordRun(new CheckRun(UUID.randomUUID(), dataset.name(), started, asOf, from, asOf, millis, "OK", rowsRead,
                bytesRead, observed.size(), "", spec.hash()));
        LOG.info("run {}: window {} .. {}, {} observations, {} rows / {} bytes read in {} ms", dataset.name(), from, asOf,
                observed.size(), rowsRead, bytesRead, millis);
        return results;
    }

    /**
     * The buckets a run judges: those that closed since the previous run's watermark (several after
     * downtime, at most {@link #MAX_CATCH_UP}), else the newest closed one again, since late data
     * may have changed it.
     */
    static List<Instant> judgedBuckets(Instant watermark, Instant closedTo, Duration bucket) {
        Instant first = closedTo.minus(bucket);
        if (watermark != null && watermark.isBefore(first)) {
            Instant oldest = closedTo.minus(MAX_CATCH_UP);
            first = watermark.isBefore(oldest) ? floor(oldest, bucket) : watermark;
        }
        List<Instant> judged = new ArrayList<>();
        for (Instant b = first; b.isBefore(closedTo); b = b.plus(bucket)) {
            judged.add(b);
        }
        return judged;
    }

    /**
     * The judged buckets that overlap the monitor's blind time and have not settled yet: a bucket
     * ending after a blind span began is judged only once the span has settled (as long as it
     * lasted, at most the dataset's late-data allowance of {@code late_buckets} buckets, at least
     * one), because the rows written while ClickHouse was away arrive late. They are always the
     * newest of {@code judged}.
     */
    private List<Instant> deferred(DatasetSpec dataset, List<Instant> judged, Instant asOf) {
        List<BlindTime.Span> spans = blindTime.spans();
        if (spans.isEmpty()) {
            return List.of();
        }
        Duration settle = dataset.bucket().multipliedBy(Math.max(1, dataset.lateBuckets()));
        return BlindTime.deferred(spans, judged, dataset.bucket(), settle, asOf);
    }

    /** Ends a run that observed its window but judges nothing yet: recorded OK, no results. */
    private List<CheckResult> deferredRun(TrackwatchSpec spec, DatasetSpec dataset, Instant started, Instant asOf,
                                          Instant from, List<Instant> deferred, long rowsRead, long bytesRead,
                                          int observations) {
        String reason = "judging deferred: " + deferred.size() + " bucket(s) from " + deferred.getFirst()
                + " overlap the monitor's blind time";
        long millis = Duration.between(started, clock.instant()).toMillis();
        state.recordRun(new CheckRun(UUID.randomUUID(), dataset.name(), started, asOf, from, asOf, millis, "OK", rowsRead,
                bytesRead, observations, reason, spec.hash()));
        LOG.info("run {}: window {} .. {} observed; {}", dataset.name(), from, asOf, reason);
        return List.of();
    }

    /** Reads the stored history the dataset's seasonal baselines learn from, in one query. */
    private History history(TrackwatchSpec spec, DatasetSpec dataset, java.util.Map<String, String> definitions,
                            Instant firstJudged, Instant closedTo) {
        Duration training = dataset.checks().stream().filter(c -> c.common().detectsAnomalies())
                .map(c -> dev.trackwatch.evaluate.AnomalySettings.trainingPeriod(c)).max(Duration::compareTo).orElse(null);
        if (training == null) {
            return History.NONE;
        }
        return new History(dataset.name(), state.history(dataset.name(), definitions, firstJudged.minus(training), closedTo),
                spec.calendar(), state.exclusions(dataset.name()), definitions, baselines);
    }

    /**
     * Ends a cancelled run after the chunks up to {@code completed}: their observations are stored.
     * A first run's backfill (no watermark yet) sets the watermark to the last bucket those chunks
     * closed, so the next run resumes the backfill there instead of starting over; a run that had a
     * watermark leaves it, so the next run re-reads from it and still judges every bucket it missed.
     * The run is recorded as CANCELLED and yields no results: a cancellation by reload or shutdown is
     * not a monitor fault, and an empty result list neither opens nor heals any incident.
     */
    private List<CheckResult> cancelled(TrackwatchSpec spec, DatasetSpec dataset, Instant started, Instant asOf,
                                        Instant from, Instant completed, boolean firstRun, String why) {
        String reason = "cancelled: " + why;
        Instant mark = floor(completed, dataset.bucket());
        if (firstRun && mark.isAfter(from)) {
            state.advanceWatermark(dataset.name(), mark, spec.hash(), clock.instant());
        }
        LOG.info("run {}: {}; window read {} .. {} of {} .. {}, nothing judged", dataset.name(), reason, from,
                completed, from, asOf);
        try {
            state.recordRun(new CheckRun(UUID.randomUUID(), dataset.name(), started, asOf, from, completed,
                    Duration.between(started, clock.instant()).toMillis(), "CANCELLED", 0, 0, 0, reason, spec.hash()));
        } catch (RuntimeException e) {
            LOG.warn("run {}: could not record the cancelled run: {}", dataset.name(), e.getMessage());
        }
        return List.of();
    }

    /**
     * Runs the side query that counts rows dated in the future ({@link FutureQuery}), which the
     * scan's window excludes. Its one observation per tolerance is judged by the freshness check
     * and not stored (no baseline learns from it). Null when no check asks for it or the query
     * failed: the freshness check then reports NOT_EVALUATED, a monitor fault, never a data alert.
     */
    private ScanSuccess futureShares(DatasetSpec dataset, List<MetricRequest> requests, TableColumns columns,
                                     Instant from, Instant asOf) {
        java.util.Optional<DatasetQuery> query = FutureQuery.plan(dataset, requests, columns, from, asOf);
        if (query.isEmpty()) {
            return null;
        }
        ScanResult result = MetricQueryExecutor.execute(dsl, query.get(), guardrails);
        if (result instanceof ScanFailure failure) {
            LOG.warn("run {}: future-dated rows not counted: ClickHouse error {}: {}", dataset.name(), failure.code(),
                    failure.message());
            return null;
        }
        return (ScanSuccess) result;
    }

    private List<CheckResult> fault(TrackwatchSpec spec, DatasetSpec dataset, Instant started, Instant asOf,
                                    Instant from, Instant to, String reason) {
        LOG.warn("run {}: NOT_EVALUATED: {}", dataset.name(), reason);
        try {
            state.recordRun(new CheckRun(UUID.randomUUID(), dataset.name(), started, asOf, from, to,
                    Duration.between(started, clock.instant()).toMillis(), "FAILED", 0, 0, 0, reason, spec.hash()));
        } catch (RuntimeException e) {
            LOG.warn("run {}: could not record the failed run: {}", dataset.name(), e.getMessage());
        }
        return CheckEvaluator.notEvaluated(dataset, reason);
    }

    private static List<StoredObservation> stored(List<Observation> observations) {
        return observations.stream().map(o -> new StoredObservation(o.dataset(), o.metric(), o.segment(),
                o.bucketStart(), o.value(), o.rows())).toList();
    }

    static Instant floor(Instant t, Duration bucket) {
        long b = bucket.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), b) * b);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
