package dev.trackwatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An event table (or view) Trackwatch watches, with its checks. Build one with {@link #builder()}
 * (or copy one with {@link #toBuilder()}); the positional constructors remain for brevity in tests.
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

    /** Returns a builder: no ingestion time, no segments, filter, labels, checks or upstream; 1 h buckets. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding this dataset's fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.database = database;
        b.table = table;
        b.eventTimeColumn = eventTimeColumn;
        b.ingestionTimeColumn = ingestionTimeColumn;
        b.bucket = bucket;
        b.segments = segments;
        b.filter = filter;
        b.owner = owner;
        b.labels = labels;
        b.interval = interval;
        b.lateBuckets = lateBuckets;
        b.backfill = backfill;
        b.checks = checks;
        b.location = location;
        b.upstream = upstream;
        return b;
    }

    /** Builds a {@link DatasetSpec} field by field. */
    public static final class Builder {
        private String name;
        private String database;
        private String table;
        private String eventTimeColumn;
        private String ingestionTimeColumn;
        private Duration bucket = Duration.ofHours(1);
        private List<String> segments = List.of();
        private String filter;
        private String owner;
        private Map<String, String> labels = Map.of();
        private Duration interval;
        private int lateBuckets;
        private Duration backfill;
        private List<CheckSpec> checks = List.of();
        private SourceLocation location;
        private List<String> upstream = List.of();

        private Builder() {
        }

        /** Sets the dataset name. */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /** Sets the ClickHouse database. */
        public Builder database(String value) {
            database = value;
            return this;
        }

        /** Sets the ClickHouse table or view. */
        public Builder table(String value) {
            table = value;
            return this;
        }

        /** Sets the event-time column. */
        public Builder eventTimeColumn(String value) {
            eventTimeColumn = value;
            return this;
        }

        /** Sets the ingestion-time column, or null. */
        public Builder ingestionTimeColumn(String value) {
            ingestionTimeColumn = value;
            return this;
        }

        /** Sets the bucket size. */
        public Builder bucket(Duration value) {
            bucket = value;
            return this;
        }

        /** Sets the segment dimensions. */
        public Builder segments(List<String> value) {
            segments = value;
            return this;
        }

        /** Sets the row filter, or null. */
        public Builder filter(String value) {
            filter = value;
            return this;
        }

        /** Sets the owning team. */
        public Builder owner(String value) {
            owner = value;
            return this;
        }

        /** Sets the labels. */
        public Builder labels(Map<String, String> value) {
            labels = value;
            return this;
        }

        /** Sets how often the dataset is checked. */
        public Builder interval(Duration value) {
            interval = value;
            return this;
        }

        /** Sets how many closed buckets every run re-observes. */
        public Builder lateBuckets(int value) {
            lateBuckets = value;
            return this;
        }

        /** Sets the history read on the first run. */
        public Builder backfill(Duration value) {
            backfill = value;
            return this;
        }

        /** Sets the checks. */
        public Builder checks(List<CheckSpec> value) {
            checks = value;
            return this;
        }

        /** Sets where the dataset is defined. */
        public Builder location(SourceLocation value) {
            location = value;
            return this;
        }

        /** Sets the upstream datasets. */
        public Builder upstream(List<String> value) {
            upstream = value;
            return this;
        }

        /** Returns the dataset. */
        public DatasetSpec build() {
            return new DatasetSpec(name, database, table, eventTimeColumn, ingestionTimeColumn, bucket, segments, filter,
                    owner, labels, interval, lateBuckets, backfill, checks, location, upstream);
        }
    }
}
