package dev.trackwatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An event table (or view) Trackwatch watches, with its checks.
 *
 * @param name unique dataset name
 * @param database ClickHouse database
 * @param table ClickHouse table or view
 * @param eventTimeColumn when the event happened
 * @param ingestionTimeColumn when it reached ClickHouse, or null
 * @param bucket metric bucket size (default 1h)
 * @param segments dimensions the checks may break metrics down by
 * @param filter an optional boolean SQL expression restricting the rows, or null
 * @param owner owning team
 * @param labels free-form labels
 * @param interval how often the dataset is checked
 * @param lateBuckets closed buckets re-observed on every run because late events change them
 * @param backfill history read on the first run
 * @param checks the dataset's checks
 * @param location where the dataset is defined
 * @param upstream datasets this one is derived from; alert inhibition by dataset reaches downstream
 */
public record DatasetSpec(String name, String database, String table, String eventTimeColumn,
                          String ingestionTimeColumn, Duration bucket, List<String> segments, String filter,
                          String owner, Map<String, String> labels, Duration interval, int lateBuckets,
                          Duration backfill, List<CheckSpec> checks, SourceLocation location, List<String> upstream) {

    public DatasetSpec {
        segments = List.copyOf(segments);
        labels = Map.copyOf(labels);
        checks = List.copyOf(checks);
        upstream = List.copyOf(upstream);
    }

    /** A dataset with no upstream datasets. */
    public DatasetSpec(String name, String database, String table, String eventTimeColumn,
                       String ingestionTimeColumn, Duration bucket, List<String> segments, String filter,
                       String owner, Map<String, String> labels, Duration interval, int lateBuckets,
                       Duration backfill, List<CheckSpec> checks, SourceLocation location) {
        this(name, database, table, eventTimeColumn, ingestionTimeColumn, bucket, segments, filter, owner, labels,
                interval, lateBuckets, backfill, checks, location, List.of());
    }
}
