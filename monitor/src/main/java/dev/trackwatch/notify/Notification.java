package dev.trackwatch.notify;

import java.time.Instant;

/**
 * One message to deliver for an alert group: the first (FIRING), a follow-up in its thread when
 * the group changed (UPDATE) or is still firing after its repeat interval (REPEAT), or the end
 * (RESOLVED: the first message is edited and the thread told).
 *
 * @param id stable: derived from the group key and the sequence number, so a daemon restarted in
 *           the middle of a delivery re-creates the same id and the log can tell it was sent
 * @param groupKey the group (receiver and group_by label values)
 * @param seq 1 for the group's first message, then 2, 3, ...
 * @param type what the message is
 * @param receiver the receiver's name
 * @param channel the Slack channel
 * @param fingerprint the group's alert set when the message was made (what changed is what is told)
 * @param threadTs the {@code ts} of the group's first message once sent; null for the first message itself
 * @param message what to say
 * @param createdAt when it was decided
 */
public record Notification(String id, String groupKey, int seq, Type type, String receiver, String channel,
                           String fingerprint, String threadTs, AlertMessage message, Instant createdAt) {

    /** The kinds of message. */
    public enum Type {
        FIRING, UPDATE, REPEAT, RESOLVED
    }

    /** Returns the id of message {@code seq} of group {@code groupKey}. */
    public static String idOf(String groupKey, int seq) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((groupKey + "#" + seq).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "ntf-" + java.util.HexFormat.of().formatHex(d, 0, 10);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
