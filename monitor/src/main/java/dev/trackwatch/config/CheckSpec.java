package dev.trackwatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A check as written in checks/, after parsing and validation. One record per check type; the
 * type name is what {@code type:} says in YAML and what results and alerts report as their kind.
 */
public sealed interface CheckSpec {

    /** Returns the settings every check has. */
    CheckCommon common();

    /** Returns the type name, e.g. {@code volume}. */
    String type();

    /**
     * Rows per bucket, in total and per value of each segment dimension.
     *
     * @param segments dimensions to break the count down by (subset of the dataset's)
     * @param minSegmentRows segments with fewer rows per bucket (in the baseline) are too small to judge
     * @param bounds static limits on the count per bucket
     */
    record Volume(CheckCommon common, List<String> segments, long minSegmentRows, Bounds bounds) implements CheckSpec {
        public String type() {
            return "volume";
        }
    }

    /**
     * Age of the newest event and the newest ingestion, and buckets with no rows.
     *
     * @param maxEventAge newest event_time must be younger than this, or null
     * @param maxIngestionAge newest ingestion time must be younger than this, or null
     * @param expectRowsEveryBucket a closed bucket with zero rows fails
     */
    record Freshness(CheckCommon common, Duration maxEventAge, Duration maxIngestionAge,
                     boolean expectRowsEveryBucket) implements CheckSpec {
        public String type() {
            return "freshness";
        }
    }

    /**
     * Share of rows where a column or JSON property is NULL or absent, per bucket and segment.
     *
     * @param columns columns and property paths to measure
     * @param segments dimensions to break the rate down by
     * @param bounds limits on the rate, 0..1
     */
    record NullRate(CheckCommon common, List<ColumnRef> columns, List<String> segments, Bounds bounds)
            implements CheckSpec {
        public String type() {
            return "null_rate";
        }
    }

    /**
     * Distinct values of a column per bucket.
     *
     * @param columns columns and property paths to count
     * @param exact {@code uniqExact} when true, HLL ({@code uniqHLL12}) otherwise
     * @param segments dimensions to break the count down by
     * @param bounds limits on the distinct count
     */
    record Cardinality(CheckCommon common, List<ColumnRef> columns, boolean exact, List<String> segments,
                       Bounds bounds) implements CheckSpec {
        public String type() {
            return "cardinality";
        }
    }

    /**
     * Ingestion time minus event time, as p50/p95/p99 and the share later than a threshold.
     *
     * @param lateAfter events ingested later than this after their event time count as late
     * @param segments dimensions to break the distribution down by
     * @param p95Bounds limits on the p95 latency, in seconds
     * @param lateShareBounds limits on the late share, 0..1
     */
    record Latency(CheckCommon common, Duration lateAfter, List<String> segments, Bounds p95Bounds,
                   Bounds lateShareBounds) implements CheckSpec {
        public String type() {
            return "latency";
        }
    }

    /**
     * The table's DDL against a declared contract and the event payloads against the tracking plan.
     *
     * @param columns declared column name to ClickHouse type; empty skips the DDL part
     * @param allowExtraColumns whether columns not in the contract are tolerated
     * @param trackingPlan whether to check payloads against checks/tracking-plan
     * @param propertiesColumn the JSON (or String) column holding the payload
     * @param eventNameColumn the column naming the event
     * @param schemaVersionColumn the column naming the schema version, or null
     * @param violationShareBounds limits on the share of violating events per bucket, 0..1
     */
    record Schema(CheckCommon common, Map<String, String> columns, boolean allowExtraColumns, boolean trackingPlan,
                  String propertiesColumn, String eventNameColumn, String schemaVersionColumn,
                  Bounds violationShareBounds) implements CheckSpec {
        public String type() {
            return "schema";
        }
    }

    /**
     * A user metric: an aggregate SQL expression evaluated per bucket (and segment).
     *
     * @param expression an aggregate expression over the dataset's columns, e.g. {@code countIf(amount < 0)}
     * @param segments dimensions to break it down by
     * @param bounds limits on the value
     */
    record Custom(CheckCommon common, String expression, List<String> segments, Bounds bounds) implements CheckSpec {
        public String type() {
            return "custom";
        }
    }
}
