package dev.trackwatch.fakes;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import java.time.Instant;
import java.util.Map;

/**
 * One HTTP call that reached {@link FakeSlackApi}, as it arrived.
 *
 * @param method the Web API method, or {@link FakeSlackApi#UPLOAD} for the upload URL
 * @param params the form fields or JSON members (nested JSON as text)
 * @param authorization the Authorization header, or null
 * @param body the raw request body (the file's bytes for an upload)
 * @param status the HTTP status the fake answered
 * @param at when it arrived, on the fake's clock
 */
public record FakeSlackCall(String method, Map<String, String> params, String authorization, byte[] body, int status,
                     Instant at) {

    /** The {@code channel} (chat methods) or {@code channel_id} (file sharing). */
    public String channel() {
        return params.getOrDefault("channel", params.get("channel_id"));
    }

    public String threadTs() {
        return params.get("thread_ts");
    }

    public String ts() {
        return params.get("ts");
    }

    public String text() {
        return params.get("text");
    }

    /** The {@code blocks} JSON as sent, or null. */
    public String blocks() {
        return params.get("blocks");
    }

    /** The {@code blocks} parsed, for assertions on their structure. */
    public JsonArray blocksJson() {
        return JsonParser.parseString(blocks()).getAsJsonArray();
    }

    /**
     * Every {@code text} string in the blocks, decoded and joined by newlines: what a reader sees
     * (the SDK's JSON escapes {@code <} as {@code \u003c}, so the raw JSON is no good for that).
     */
    public String blocksText() {
        return blocksText(blocks());
    }

    public static String blocksText(String blocksJson) {
        StringBuilder out = new StringBuilder();
        collectTexts(JsonParser.parseString(blocksJson), out);
        return out.toString();
    }

    private static void collectTexts(JsonElement element, StringBuilder out) {
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(e -> collectTexts(e, out));
        } else if (element.isJsonObject()) {
            element.getAsJsonObject().entrySet().forEach(e -> {
                if (e.getKey().equals("text") && e.getValue().isJsonPrimitive()) {
                    out.append(e.getValue().getAsString()).append('\n');
                } else {
                    collectTexts(e.getValue(), out);
                }
            });
        }
    }
}
