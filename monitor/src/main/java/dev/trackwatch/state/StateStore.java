package dev.trackwatch.state;

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
 * Every value is bound; the identifiers are Trackwatch's own constants.
 */
public final class StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    private static final int BATCH = 5_000;

    private final DSLContext dsl;

    public StateStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Creates the database and applies pending migrations; returns the schema version. */
    public int migrate() {
        dsl.execute("CREATE DATABASE IF NOT EXISTS " + StateMigrations.DATABASE);
        dsl.execute("CREATE TABLE IF NOT EXISTS trackwatch.schema_migrations (version UInt32, description String, "
                + "applied_at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY version");
        int current = dsl.fetchOne("SELECT max(version) FROM trackwatch.schema_migrations").get(0, Integer.class);
        for (StateMigrations.Migration m : StateMigrations.ALL) {
            if (m.version() > current) {
                m.statements().forEach(dsl::execute);
                dsl.execute("INSERT INTO trackwatch.schema_migrations (version, description, applied_at) VALUES (?, ?, ?)",
                        m.version(), m.description(), ClickHouseTime.format(Instant.now()));
                LOG.info("state: applied migration {} ({})", m.version(), m.description());
                current = m.version();
            }
        }
        return current;
    }

    /** Writes observations; a bucket observed again replaces the earlier value. */
    public void writeObservations(List<StoredObservation> observations, String configHash, Instant observedAt) {
        String observed = ClickHouseTime.format(observedAt);
        for (int from = 0; from < observations.size(); from += BATCH) {
            List<StoredObservation> chunk = observations.subList(from, Math.min(observations.size(), from + BATCH));
            var insert = dsl.batch(dsl.query("INSERT INTO trackwatch.observations (dataset, metric, segment_key, "
                    + "bucket_start, value, rows, observed_at, config_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    null, null, null, null, null, null, null, null));
            for (StoredObservation o : chunk) {
                insert.bind(o.dataset(), o.metric(), SegmentKey.of(o.segment()),
                        ClickHouseTime.format(o.bucketStart()), o.value(), o.rows(), observed, configHash);
            }
            insert.execute();
        }
    }

    /** Reads one series between {@code from} (inclusive) and {@code to} (exclusive), oldest first. */
    public List<StoredObservation> series(String dataset, String metric, String segmentKey, Instant from, Instant to) {
        Result<Record> rows = dsl.fetch("SELECT toUnixTimestamp64Milli(bucket_start), value, rows, mapKeys(segment), mapValues(segment) "
                + "FROM trackwatch.observations FINAL WHERE dataset = ? AND metric = ? AND segment_key = ? "
                + "AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start",
                dataset, metric, segmentKey, ClickHouseTime.format(from), ClickHouseTime.format(to));
        List<StoredObservation> result = new ArrayList<>(rows.size());
        for (Record r : rows) {
            String[] keys = r.get(3, String[].class);
            String[] values = r.get(4, String[].class);
            java.util.Map<String, String> segment = new java.util.HashMap<>();
            for (int i = 0; i < keys.length; i++) {
                segment.put(keys[i], values[i]);
            }
            result.add(new StoredObservation(dataset, metric, segment,
                    Instant.ofEpochMilli(r.get(0, Long.class)), r.get(1, Double.class), r.get(2, Long.class)));
        }
        return result;
    }

    /** Records a scan of a dataset. */
    public void recordRun(CheckRun run) {
        dsl.execute("INSERT INTO trackwatch.check_runs (run_id, dataset, started_at, as_of, window_from, window_to, "
                        + "duration_ms, outcome, rows_read, bytes_read, observations, error, config_hash) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        var insert = dsl.batch(dsl.query("INSERT INTO trackwatch.check_results (run_id, dataset, check_name, check_type, "
                + "severity, owner, outcome, metric, segment_key, bucket_start, observed, reason, evaluated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new Object[13]));
        String at = ClickHouseTime.format(evaluatedAt);
        for (ResultRow r : results) {
            insert.bind(runId.toString(), r.dataset(), r.check(), r.type(), r.severity(), r.owner(), r.outcome(),
                    r.metric() == null ? "" : r.metric(), SegmentKey.of(r.segment()),
                    r.bucketStart() == null ? null : ClickHouseTime.format(r.bucketStart()), r.observed(), r.reason(), at);
        }
        insert.execute();
    }

    /** One check result as stored. */
    public record ResultRow(String dataset, String check, String type, String severity, String owner, String outcome,
                            String metric, java.util.Map<String, String> segment, Instant bucketStart, Double observed,
                            String reason) {
    }

    /** Returns the end of the last bucket a completed run of {@code dataset} observed. */
    public Optional<Instant> lastClosedBucket(String dataset) {
        Record r = dsl.fetchOne("SELECT toUnixTimestamp64Milli(last_closed), count() FROM trackwatch.dataset_watermarks FINAL "
                + "WHERE dataset = ? GROUP BY last_closed", dataset);
        return r == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(r.get(0, Long.class)));
    }

    /** Moves the watermark of {@code dataset} to {@code lastClosed} (the end of the last closed bucket read). */
    public void advanceWatermark(String dataset, Instant lastClosed, String configHash, Instant now) {
        dsl.execute("INSERT INTO trackwatch.dataset_watermarks (dataset, last_closed, config_hash, updated_at) "
                + "VALUES (?, ?, ?, ?)", dataset, ClickHouseTime.format(lastClosed), configHash, ClickHouseTime.format(now));
    }
}
