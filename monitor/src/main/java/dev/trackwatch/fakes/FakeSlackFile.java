package dev.trackwatch.fakes;

import com.google.gson.JsonObject;

/**
 * A file as {@link FakeSlackApi} keeps it: announced by {@code files.getUploadURLExternal}, its
 * bytes posted to the upload URL, then shared by {@code files.completeUploadExternal}.
 *
 * @param declaredLength the {@code length} announced before the upload
 * @param bytes what was uploaded, or null before the upload
 * @param channel where it was shared, or null while private
 */
public record FakeSlackFile(String id, String filename, int declaredLength, String altTxt, byte[] bytes, String title,
                     String channel, String threadTs, String initialComment) {

    public static FakeSlackFile pending(String id, String filename, int declaredLength, String altTxt) {
        return new FakeSlackFile(id, filename, declaredLength, altTxt, null, null, null, null, null);
    }

    public FakeSlackFile withBytes(byte[] uploaded) {
        return new FakeSlackFile(id, filename, declaredLength, altTxt, uploaded, title, channel, threadTs,
                initialComment);
    }

    public FakeSlackFile shared(String newTitle, String inChannel, String inThread, String comment) {
        return new FakeSlackFile(id, filename, declaredLength, altTxt, bytes, newTitle, inChannel, inThread, comment);
    }

    /** Whether the bytes start with the PNG signature. */
    public boolean isPng() {
        return bytes != null && bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N'
                && bytes[3] == 'G';
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("id", id);
        json.addProperty("created", 1_700_000_000L);
        json.addProperty("name", filename);
        json.addProperty("title", title);
        json.addProperty("mimetype", isPng() ? "image/png" : "application/octet-stream");
        json.addProperty("filetype", isPng() ? "png" : "binary");
        json.addProperty("size", bytes.length);
        json.addProperty("user", "U0BOT");
        json.addProperty("url_private", "https://files.fake.slack.test/files-pri/T0FAKE-" + id + "/" + filename);
        json.addProperty("permalink", "https://fake.slack.test/files/U0BOT/" + id + "/" + filename);
        return json;
    }
}
