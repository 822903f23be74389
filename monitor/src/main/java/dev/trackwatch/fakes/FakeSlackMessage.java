package dev.trackwatch.fakes;

import com.google.gson.JsonObject;

/**
 * A message as {@link FakeSlackApi} keeps it, edits applied.
 *
 * @param edits how many times {@code chat.update} changed it
 */
public record FakeSlackMessage(String channel, String ts, String threadTs, String text, String blocks, String metadata,
                        int edits) {

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("type", "message");
        json.addProperty("bot_id", "B0BOT");
        json.addProperty("ts", ts);
        if (threadTs != null) {
            json.addProperty("thread_ts", threadTs);
        }
        if (text != null) {
            json.addProperty("text", text);
        }
        if (metadata != null) {
            // Slack returns the metadata a message was posted with (when include_all_metadata is set).
            json.add("metadata", com.google.gson.JsonParser.parseString(metadata));
        }
        return json;
    }
}
