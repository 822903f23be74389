package dev.trackwatch.incidents;

import dev.trackwatch.state.SegmentKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/** The stable key of an incident (check + dataset + metric + segment) and the id of one occurrence. */
public final class IncidentKeys {

    private IncidentKeys() {
    }

    /** Returns the key: the same series always has the same key. */
    public static String key(String dataset, String check, String metric, Map<String, String> segment) {
        return dataset + "/" + check + "/" + metric + "/" + SegmentKey.of(segment);
    }

    /** Returns the id of the occurrence of {@code key} that opened at {@code openedAt}. */
    public static String id(String key, Instant openedAt) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((key + "@" + openedAt.toEpochMilli())
                    .getBytes(StandardCharsets.UTF_8));
            return "inc-" + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
