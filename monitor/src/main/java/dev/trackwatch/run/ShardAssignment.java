package dev.trackwatch.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which datasets this replica checks when Trackwatch runs as shard {@code index} of {@code count}:
 * exactly those whose stable hash modulo {@code count} is {@code index}. The hash is SHA-256 of the
 * dataset name, so it is the same on every replica, JVM and release, and replicas split the work
 * with no coordination and no dataset checked twice.
 *
 * @param index this replica's shard, 0-based
 * @param count number of shards, at least 1
 */
public record ShardAssignment(int index, int count) {

    /** A single replica that owns everything. */
    public static final ShardAssignment SINGLE = new ShardAssignment(0, 1);

    public ShardAssignment {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard index must be in 0.." + (count - 1) + " for " + count
                    + " shards, got " + index);
        }
    }

    /** Returns true when this replica owns {@code dataset}. */
    public boolean owns(String dataset) {
        return shardOf(dataset, count) == index;
    }

    /** Returns the shard that owns {@code dataset} among {@code count}. */
    public static int shardOf(String dataset, int count) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(dataset.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (digest[i] & 0xff);
            }
            return (int) Long.remainderUnsigned(v, count);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
