package dev.trackwatch.state;

import java.util.List;

/**
 * The versioned schema of Trackwatch's own state in ClickHouse (database {@code trackwatch} by
 * default; {@code ${db}} in the statements stands for the database, so a backtest can replay into
 * a scratch database of its own).
 * Migrations only ever append; each statement is idempotent so a crash between a statement and
 * its version row is repaired by re-running it.
 */
final class StateMigrations {

    /** One step of the schema. */
    record Migration(int version, String description, List<String> statements) {
    }

    static final String DATABASE = "trackwatch";

    /** Blocks remembered per table to recognise a repeated insert; a cycle writes a few per dataset. */
    static final String DEDUPLICATION = "non_replicated_deduplication_window = 1000";
    static final String FSYNC = "fsync_after_insert = 1, fsync_part_directory = 1";

    static final List<Migration> ALL = List.of(
            new Migration(1, "observations, check runs, check results, dataset watermarks", List.of(
                    """
                    CREATE TABLE IF NOT EXISTS ${db}.observations (
                        dataset      LowCardinality(String),
                        metric       LowCardinality(String),
                        segment_key  String,
                        -- The JSON key is the identity; the map is derived for queries such as segment['platform'].
                        segment      Map(String, String) MATERIALIZED
                                     CAST(JSONExtractKeysAndValues(segment_key, 'String'), 'Map(String, String)'),
                        bucket_start DateTime64(3, 'UTC'),
                        value        Float64,
                        rows         UInt64,
                        observed_at  DateTime64(3, 'UTC'),
                        config_hash  String
                    )
                    ENGINE = ReplacingMergeTree(observed_at)
                    PARTITION BY toYYYYMM(bucket_start)
                    ORDER BY (dataset, metric, segment_key, bucket_start)
                    """,
                    """
                    CREATE TABLE IF NOT EXISTS ${db}.check_runs (
                        run_id       UUID,
                        dataset      LowCardinality(String),
                        started_at   DateTime64(3, 'UTC'),
                        as_of        DateTime64(3, 'UTC'),
                        window_from  DateTime64(3, 'UTC'),
                        window_to    DateTime64(3, 'UTC'),
                        duration_ms  UInt64,
                        outcome      LowCardinality(String),
                        rows_read    UInt64,
                        bytes_read   UInt64,
                        observations UInt64,
                        error        String,
                        config_hash  String
                    )
                    ENGINE = MergeTree
                    PARTITION BY toYYYYMM(started_at)
                    ORDER BY (dataset, started_at)
                    """,
                    """
                    CREATE TABLE IF NOT EXISTS ${db}.check_results (
                        run_id       UUID,
                        dataset      LowCardinality(String),
                        check_name   LowCardinality(String),
                        check_type   LowCardinality(String),
                        severity     LowCardinality(String),
                        owner        LowCardinality(String),
                        outcome      LowCardinality(String),
                        metric       LowCardinality(String),
                        segment_key  String,
                        bucket_start Nullable(DateTime64(3, 'UTC')),
                        observed     Nullable(Float64),
                        reason       String,
                        evaluated_at DateTime64(3, 'UTC')
                    )
                    ENGINE = MergeTree
                    PARTITION BY toYYYYMM(evaluated_at)
                    ORDER BY (dataset, check_name, evaluated_at)
                    """,
                    """
                    CREATE TABLE IF NOT EXISTS ${db}.dataset_watermarks (
                        dataset          LowCardinality(String),
                        last_closed      DateTime64(3, 'UTC'),
                        config_hash      String,
                        updated_at       DateTime64(3, 'UTC')
                    )
                    ENGINE = ReplacingMergeTree(updated_at)
                    ORDER BY dataset
                    """)),
            new Migration(2, "metric definitions, baselines on results, training exclusions", List.of(
                    // A fingerprint of what the metric measures: history with another fingerprint is not
                    // this metric's history (a changed filter or expression resets the baseline).
                    "ALTER TABLE ${db}.observations ADD COLUMN IF NOT EXISTS definition String DEFAULT ''",
                    """
                    ALTER TABLE ${db}.check_results
                        ADD COLUMN IF NOT EXISTS expected Nullable(Float64),
                        ADD COLUMN IF NOT EXISTS lower Nullable(Float64),
                        ADD COLUMN IF NOT EXISTS upper Nullable(Float64),
                        ADD COLUMN IF NOT EXISTS score Nullable(Float64),
                        ADD COLUMN IF NOT EXISTS explanation String DEFAULT ''
                    """,
                    // Buckets the detector must not learn from: incidents closed as "expected" or
                    // "false positive" are written here by the incidents stage.
                    """
                    CREATE TABLE IF NOT EXISTS ${db}.training_exclusions (
                        dataset      LowCardinality(String),
                        check_name   String,
                        metric       String,
                        segment_key  String,
                        from_time    DateTime64(3, 'UTC'),
                        to_time      DateTime64(3, 'UTC'),
                        reason       String,
                        created_at   DateTime64(3, 'UTC')
                    )
                    ENGINE = MergeTree
                    ORDER BY (dataset, check_name, from_time)
                    """)),
            new Migration(3, "incidents and their timelines", List.of(
                    """
                    CREATE TABLE IF NOT EXISTS ${db}.incidents (
                        id              String,
                        incident_key    String,
                        dataset         LowCardinality(String),
                        check_name      LowCardinality(String),
                        metric          String,
                        segment_key     String,
                        kind            LowCardinality(String),
                        severity        LowCardinality(String),
                        owner           LowCardinality(String),
                        state           LowCardinality(String),
                        opened_at       DateTime64(3, 'UTC'),
                        updated_at      DateTime64(3, 'UTC'),
                        first_bucket    Nullable(DateTime64(3, 'UTC')),
                        last_bucket     Nullable(DateTime64(3, 'UTC')),
                        observed        Nullable(Float64),
                        expected        Nullable(Float64),
                        lower           Nullable(Float64),
                        upper           Nullable(Float64),
                        reason          String,
                        healthy_buckets UInt32,
                        actor           String,
                        version         UInt64
                    )
                    ENGINE = ReplacingMergeTree(version)
                    ORDER BY id
                    """,
                    """
                    CREATE TABLE IF NOT EXISTS ${db}.incident_events (
                        id       String,
                        at       DateTime64(3, 'UTC'),
                        type     LowCardinality(String),
                        actor    String,
                        detail   String
                    )
                    ENGINE = MergeTree
                    ORDER BY (id, at)
                    """)),
            new Migration(4, "notification log", List.of(
                    // One row per notification and version: pending before delivery, sent after. The id
                    // is derived from the group and its sequence number, so a restart re-creates the same id.
                    """
                    CREATE TABLE IF NOT EXISTS ${db}.notifications (
                        id          String,
                        group_key   String,
                        seq         UInt32,
                        type        LowCardinality(String),
                        receiver    LowCardinality(String),
                        channel     String,
                        fingerprint String,
                        status      LowCardinality(String),
                        ts          String,
                        thread_ts   String,
                        payload     String,
                        created_at  DateTime64(3, 'UTC'),
                        updated_at  DateTime64(3, 'UTC'),
                        version     UInt64
                    )
                    ENGINE = ReplacingMergeTree(version)
                    ORDER BY id
                    """)),
            new Migration(5, "routing labels on incidents", List.of(
                    // The labels an incident is routed by (a JSON object, as segment_key), computed when
                    // it opened or changed. Rows written before read '' (no labels): the alert stages
                    // then compute them again from the incident's own fields.
                    "ALTER TABLE ${db}.incidents ADD COLUMN IF NOT EXISTS labels String DEFAULT ''")),
            new Migration(6, "silences", List.of(
                    // Created by the silence store itself before it was a migration; the same statement.
                    """
                    CREATE TABLE IF NOT EXISTS ${db}.silences (
                        id          String,
                        version     UInt64,
                        matchers    Array(String),
                        starts_at   DateTime64(3, 'UTC'),
                        ends_at     DateTime64(3, 'UTC'),
                        created_by  String,
                        comment     String,
                        updated_at  DateTime64(3, 'UTC')
                    )
                    ENGINE = ReplacingMergeTree(version)
                    ORDER BY id
                    """)),
            new Migration(7, "retried inserts are stored once, acknowledged inserts are on disk", durableTables()));

    /**
     * The driver resends a request whose connection dropped, though the server may have stored it:
     * {@code non_replicated_deduplication_window} makes a plain MergeTree drop a block identical to
     * one of its last inserts (replacing tables collapse repeats by key anyway). Each state write is
     * one block carrying its own identity (run id, incident id and time), so only repeats collapse.
     * {@code fsync_after_insert} and {@code fsync_part_directory} make an acknowledged insert
     * survive a power loss, not only a killed process (see docs/embedded-clickhouse.md).
     */
    private static List<String> durableTables() {
        List<String> plain = List.of("schema_migrations", "check_runs", "check_results", "training_exclusions",
                "incident_events");
        List<String> replacing = List.of("observations", "dataset_watermarks", "incidents", "notifications", "silences");
        List<String> statements = new java.util.ArrayList<>();
        plain.forEach(table -> statements.add("ALTER TABLE ${db}." + table + " MODIFY SETTING " + DEDUPLICATION
                + ", " + FSYNC));
        replacing.forEach(table -> statements.add("ALTER TABLE ${db}." + table + " MODIFY SETTING " + FSYNC));
        return List.copyOf(statements);
    }

    private StateMigrations() {
    }
}
