package dev.trackwatch.run;

import dev.trackwatch.run.ShardAssignment;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How Trackwatch runs checks ({@code trackwatch.run.*}): where the checks live, the guardrails of
 * every data query, the backfill chunk, concurrency and this replica's shard.
 */
@ConfigurationProperties("trackwatch.run")
public class RunConfiguration {

    private Path checksDir = Path.of("checks");
    private Duration maxExecutionTime = Duration.ofSeconds(60);
    private long maxRowsToRead;
    private Duration backfillChunk = Duration.ofDays(7);
    private int concurrency = 2;
    private int shardIndex;
    private int shardCount = 1;
    private boolean schedulerEnabled = true;
    private Duration reloadPollInterval = Duration.ofSeconds(10);

    /** The checks directory; {@code serve} watches it and reloads on change. */
    public Path getChecksDir() {
        return checksDir;
    }

    public void setChecksDir(Path checksDir) {
        this.checksDir = checksDir;
    }

    /** {@code max_execution_time} of every data query. */
    public Duration getMaxExecutionTime() {
        return maxExecutionTime;
    }

    public void setMaxExecutionTime(Duration maxExecutionTime) {
        this.maxExecutionTime = maxExecutionTime;
    }

    /** {@code max_rows_to_read} of every data query; 0 means no limit. */
    public long getMaxRowsToRead() {
        return maxRowsToRead;
    }

    public void setMaxRowsToRead(long maxRowsToRead) {
        this.maxRowsToRead = maxRowsToRead;
    }

    /** The first run backfills history in chunks of this length, one query each. */
    public Duration getBackfillChunk() {
        return backfillChunk;
    }

    public void setBackfillChunk(Duration backfillChunk) {
        this.backfillChunk = backfillChunk;
    }

    /** How many datasets run at once. */
    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    /** This replica's shard, 0-based. */
    public int getShardIndex() {
        return shardIndex;
    }

    public void setShardIndex(int shardIndex) {
        this.shardIndex = shardIndex;
    }

    /** Number of replicas splitting the datasets. */
    public int getShardCount() {
        return shardCount;
    }

    public void setShardCount(int shardCount) {
        this.shardCount = shardCount;
    }

    /** Whether {@code serve} runs the schedule. */
    public boolean isSchedulerEnabled() {
        return schedulerEnabled;
    }

    public void setSchedulerEnabled(boolean schedulerEnabled) {
        this.schedulerEnabled = schedulerEnabled;
    }

    /** How often {@code serve} looks for changes in the checks directory. */
    public Duration getReloadPollInterval() {
        return reloadPollInterval;
    }

    public void setReloadPollInterval(Duration reloadPollInterval) {
        this.reloadPollInterval = reloadPollInterval;
    }

    /** Returns this replica's shard assignment. */
    public ShardAssignment shard() {
        return new ShardAssignment(shardIndex, shardCount);
    }
}
