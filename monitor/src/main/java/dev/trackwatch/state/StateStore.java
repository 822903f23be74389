package dev.trackwatch.state;

import dev.trackwatch.plan.SeriesKey;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Trackwatch's own state in ClickHouse: metric observations (idempotent: re-observing a bucket
 * replaces its value, see {@code ReplacingMergeTree} and {@code FINAL} reads), check runs with
 * their server-side cost, check results, and per-dataset watermarks that make runs incremental.
 * Every value is bound; the identifiers are Trackwatch's own constants and the validated name of
 * the state database.
 */
public final class StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    private static final int BATCH = 5_000;

    private static final java.util.regex.Pattern DATABASE_NAME = java.util.regex.Pattern.compile("[a-z_][a-z0-9_]{0,63}");

    private final DSLContext dsl;
    private final String db;

    /** A store in the default database, {@code trackwatch}. */
    public StateStore(DSLContext dsl) {
        this(dsl, StateMigrations.DATABASE);
    }

    /**
     * A store in {@code database} (lower-case letters, digits and '_'), e.g. a backtest's scratch database.
     *
     * @throws IllegalArgumentException when the name is not a plain identifier
     */
    public StateStore(DSLContext dsl, String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("state database name '" + database
                    + "' must be lower-case letters, digits and '_'");
        }
        this.dsl = dsl;
        this.db = database;
    }

    /** Returns the state database's name. */
    public String database() {
        return db;
    }

    /** Expands {@code ${db}} to this store's database. */
    private String sql(String statement) {
        return statement.replace("${db}", db);
    }

    /** One lock per state database: the stages that migrate at start do it one after the other. */
    private static final java.util.concurrent.ConcurrentMap<String, Object> MIGRATION_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Creates the database and applies pending migrations; returns the schema version. Callers in
     * one process are serialised per database, so the run stage and the notification stage starting
     * together apply each migration once: the second finds the schema current and does nothing.
     */
    public int migrate() {
        synchronized (MIGRATION_LOCKS.computeIfAbsent(db, name -> new Object())) {
            return migrateNow();
        }
    }

    private int migrateNow() {
        dsl.execute(sql("CREATE DATABASE IF NOT EXISTS ${db}"));
        dsl.execute(sql("CREATE TABLE IF NOT EXISTS ${db}.schema_migrations (version UInt32, description String, "
                + "applied_at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY version"));
        int current = dsl.fetchOne(sql("SELECT max(version) FROM ${db}.schema_migrations")).get(0, Integer.class);
        for (StateMigrations.Migration m : StateMigrations.ALL) {
            if (m.version() > current) {
                m.statements().forEach(statement -> dsl.execute(sql(statement)));
                dsl.execute(sql("INSERT INTO ${db}.schema_migrations (version, description, applied_at) VALUES (?, ?, ?)"),
                        m.version(), m.description(), ClickHouseTime.format(Instant.now()));
                LOG.info("state: applied migration {} ({})", m.version(), m.description());
                current = m.version();
            }
        }
        return current;
    }

    /** Writes observations; a bucket observed again replaces the earlier value. */
    public void writeObservations(List<StoredObservation> observations, String configHash, Instant observedAt) {
        writeObservations(observations, java.util.Map.of(), configHash, observedAt);
    }

    /**
     * Writes observations with each metric's definition fingerprint ({@code definitions}, by metric;
     * absent means ""); a bucket observed again replaces the earlier value.
     */
    public void writeObservations(List<StoredObservation> observations, java.util.Map<String, String> definitions,
                                  String configHash, Instant observedAt) {
        String observed = ClickHouseTime.format(observedAt);
        for (int from = 0; from < observations.size(); from += BATCH) {
            List<StoredObservation> chunk = observations.subList(from, Math.min(observations.size(), from + BATCH));
            var insert = dsl.batch(dsl.query(sql("INSERT INTO ${db}.observations (dataset, metric, segment_key, "
                    + "bucket_start, value, rows, observed_at, config_hash, definition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                    new Object[9]));
            for (StoredObservation o : chunk) {
                insert.bind(o.dataset(), o.metric().name(), SegmentKey.of(o.segment()),
                        ClickHouseTime.format(o.bucketStart()), o.value(), o.rows(), observed, configHash,
                        definitions.getOrDefault(o.metric().name(), ""));
            }
            insert.execute();
        }
    }

    /** Reads one series between {@code from} (inclusive) and {@code to} (exclusive), oldest first. */
    public List<StoredObservation> series(String dataset, String metric, String segmentKey, Instant from, Instant to) {
        Result<Record> rows = dsl.fetch(sql("SELECT toUnixTimestamp64Milli(bucket_start), value, rows, mapKeys(segment), "
                + "mapValues(segment) FROM ${db}.observations FINAL WHERE dataset = ? AND metric = ? AND segment_key = ? "
                + "AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start"),
                dataset, metric, segmentKey, ClickHouseTime.format(from), ClickHouseTime.format(to));
        List<StoredObservation> result = new ArrayList<>(rows.size());
        for (Record r : rows) {
            result.add(new StoredObservation(dataset, SeriesKey.parse(metric), segment(r.get(3, String[].class), r.get(4, String[].class)),
                    Instant.ofEpochMilli(r.get(0, Long.class)), r.get(1, Double.class), r.get(2, Long.class)));
        }
        return result;
    }

    /**
     * Reads the history of every series of {@code dataset} with bucket start in [{@code from}, {@code to}),
     * in one query, keeping only metrics in {@code definitions} whose stored definition matches: the
     * baseline of a metric never learns from what an earlier definition of it measured.
     *
     * @return observations ordered by metric, segment and bucket
     */
    public List<StoredObservation> history(String dataset, java.util.Map<String, String> definitions, Instant from,
                                           Instant to) {
        Result<Record> rows = dsl.fetch(sql("SELECT metric, definition, toUnixTimestamp64Milli(bucket_start), value, rows, "
                        + "mapKeys(segment), mapValues(segment) FROM ${db}.observations FINAL WHERE dataset = ? "
                        + "AND bucket_start >= ? AND bucket_start < ? ORDER BY metric, segment_key, bucket_start"),
                dataset, ClickHouseTime.format(from), ClickHouseTime.format(to));
        List<StoredObservation> result = new ArrayList<>(rows.size());
        for (Record r : rows) {
            String metric = r.get(0, String.class);
            if (!r.get(1, String.class).equals(definitions.get(metric))) {
                continue;
            }
            result.add(new StoredObservation(dataset, SeriesKey.parse(metric), segment(r.get(5, String[].class), r.get(6, String[].class)),
                    Instant.ofEpochMilli(r.get(2, Long.class)), r.get(3, Double.class), r.get(4, Long.class)));
        }
        return result;
    }

    /** One span a baseline must not learn from. An empty check, metric or segment key matches all. */
    public record Exclusion(String check, String metric, String segmentKey, Instant from, Instant to, String reason) {
    }

    /** Reads the training exclusions recorded for {@code dataset} (incidents closed as expected or false positive). */
    public List<Exclusion> exclusions(String dataset) {
        return dsl.fetch(sql("SELECT check_name, metric, segment_key, toUnixTimestamp64Milli(from_time), "
                        + "toUnixTimestamp64Milli(to_time), reason FROM ${db}.training_exclusions WHERE dataset = ?"), dataset)
                .map(r -> new Exclusion(r.get(0, String.class), r.get(1, String.class), r.get(2, String.class),
                        Instant.ofEpochMilli(r.get(3, Long.class)), Instant.ofEpochMilli(r.get(4, Long.class)),
                        r.get(5, String.class)));
    }

    /** Records that a span of a series (or of a whole check, with empty metric and segment) must not be learned. */
    public void addExclusion(String dataset, Exclusion exclusion, Instant now) {
        dsl.execute(sql("INSERT INTO ${db}.training_exclusions (dataset, check_name, metric, segment_key, from_time, "
                        + "to_time, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"), dataset, exclusion.check(),
                exclusion.metric(), exclusion.segmentKey(), ClickHouseTime.format(exclusion.from()),
                ClickHouseTime.format(exclusion.to()), exclusion.reason(), ClickHouseTime.format(now));
    }

    private static java.util.Map<String, String> segment(String[] keys, String[] values) {
        java.util.Map<String, String> segment = new java.util.HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            segment.put(keys[i], values[i]);
        }
        return segment;
    }

    /** Records a scan of a dataset. */
    public void recordRun(CheckRun run) {
        dsl.execute(sql("INSERT INTO ${db}.check_runs (run_id, dataset, started_at, as_of, window_from, window_to, "
                        + "duration_ms, outcome, rows_read, bytes_read, observations, error, config_hash) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                run.runId().toString(), run.dataset(), ClickHouseTime.format(run.startedAt()),
                ClickHouseTime.format(run.asOf()), ClickHouseTime.format(run.windowFrom()),
                ClickHouseTime.format(run.windowTo()), run.durationMillis(), run.outcome(), run.rowsRead(),
                run.bytesRead(), run.observations(), run.error(), run.configHash());
    }

    /**
     * Records check results of one run. The columns are given as plain values so this package does
     * not depend on the evaluation package.
     */
    public void writeResults(UUID runId, List<ResultRow> results, Instant evaluatedAt) {
        if (results.isEmpty()) {
            return;
        }
        var insert = dsl.batch(dsl.query(sql("INSERT INTO ${db}.check_results (run_id, dataset, check_name, check_type, "
                + "severity, owner, outcome, metric, segment_key, bucket_start, observed, reason, evaluated_at, "
                + "expected, lower, upper, score, explanation) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), new Object[18]));
        String at = ClickHouseTime.format(evaluatedAt);
        for (ResultRow r : results) {
            insert.bind(runId.toString(), r.dataset(), r.check(), r.type(), r.severity(), r.owner(), r.outcome(),
                    r.metric() == null ? "" : r.metric(), SegmentKey.of(r.segment()),
                    r.bucketStart() == null ? null : ClickHouseTime.format(r.bucketStart()), r.observed(), r.reason(), at,
                    r.expected(), r.lower(), r.upper(), r.score(), r.explanation() == null ? "" : r.explanation());
        }
        insert.execute();
    }

    /** One check result as stored; the baseline fields are null for static-only verdicts. */
    public record ResultRow(String dataset, String check, String type, String severity, String owner, String outcome,
                            String metric, java.util.Map<String, String> segment, Instant bucketStart, Double observed,
                            String reason, Double expected, Double lower, Double upper, Double score,
                            String explanation) {
    }

    /** Returns the end of the last bucket a completed run of {@code dataset} observed. */
    public Optional<Instant> lastClosedBucket(String dataset) {
        Record r = dsl.fetchOne(sql("SELECT toUnixTimestamp64Milli(last_closed), count() FROM ${db}.dataset_watermarks FINAL "
                + "WHERE dataset = ? GROUP BY last_closed"), dataset);
        return r == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(r.get(0, Long.class)));
    }

    /** Moves the watermark of {@code dataset} to {@code lastClosed} (the end of the last closed bucket read). */
    public void advanceWatermark(String dataset, Instant lastClosed, String configHash, Instant now) {
        dsl.execute(sql("INSERT INTO ${db}.dataset_watermarks (dataset, last_closed, config_hash, updated_at) "
                + "VALUES (?, ?, ?, ?)"), dataset, ClickHouseTime.format(lastClosed), configHash, ClickHouseTime.format(now));
    }
}
