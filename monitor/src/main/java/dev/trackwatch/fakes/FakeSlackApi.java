package dev.trackwatch.fakes;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake Slack Web API on 127.0.0.1 for tests and the fault benchmark, spoken to by the real SDK over HTTP. It implements
 * the methods Trackwatch uses ({@code chat.postMessage}, {@code chat.update},
 * {@code files.getUploadURLExternal}, the upload URL it hands out, {@code files.completeUploadExternal},
 * and {@code auth.test}), checks the bearer token, keeps the messages and files it was given, records
 * every call, and can be scripted to answer the next calls of a method with a failure.
 */
public final class FakeSlackApi implements AutoCloseable {

    /** The bot token the fake accepts; looks like a real one so that leak checks are meaningful. */
    public static final String TOKEN = "xoxb-4242424242-1717171717-FakeBotTokenSecretValue";
    /** The fake upload URL's method name in {@link #calls(String)}. */
    public static final String UPLOAD = "upload";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final InstantSource clock;
    private final List<FakeSlackCall> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<FakeSlackFailure>> script = new ConcurrentHashMap<>();
    private final Map<String, List<Window>> windows = new ConcurrentHashMap<>();
    private final Map<String, FakeSlackMessage> messages = new ConcurrentHashMap<>();
    private final Map<String, FakeSlackFile> files = new ConcurrentHashMap<>();
    private final AtomicLong nextTs = new AtomicLong(100);
    private final AtomicLong nextFile = new AtomicLong(1);
    // Delivery faults (holds per channel, outage windows, granted scopes): see holdChannel, failAll, grantScopes.
    private final Map<String, java.util.concurrent.CountDownLatch> holds = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicReference<FakeSlackFailure> outage =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile String scopes = "chat:write,files:write,channels:history,groups:history";

    private FakeSlackApi(InstantSource clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a fake whose recorded call times come from the system clock. */
    public static FakeSlackApi start() throws IOException {
        return new FakeSlackApi(InstantSource.system());
    }

    /** Starts a fake whose recorded call times come from the given (fake) clock. */
    public static FakeSlackApi start(InstantSource clock) throws IOException {
        return new FakeSlackApi(clock);
    }

    /** The base URL to configure as {@code trackwatch.slack.api-url}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** Answers the next {@code times} calls of {@code method} with {@code failure}, then serves again. */
    public void failNext(String method, int times, FakeSlackFailure failure) {
        Deque<FakeSlackFailure> queue = script.computeIfAbsent(method, m -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(failure);
            }
        }
    }

    /**
     * Answers every call of {@code method} ({@code "*"}: of any method) that arrives in the next
     * {@code window} with {@code failure}, then serves again: an outage by the clock rather than by
     * a count of calls, for a client whose retries are not known in advance. Calls scripted with
     * {@link #failNext} are answered by that script first.
     */
    public void failFor(String method, Duration window, FakeSlackFailure failure) {
        windows.computeIfAbsent(method, m -> new CopyOnWriteArrayList<>())
                .add(new Window(System.nanoTime() + window.toNanos(), failure));
    }

    /** Ends every {@link #failFor} window at once. */
    public void clearWindows() {
        windows.clear();
    }

    /** Every message in every channel, top-level and thread replies, oldest first. */
    public List<FakeSlackMessage> allMessages() {
        return messages.values().stream().sorted(java.util.Comparator.comparing(FakeSlackMessage::ts)).toList();
    }

    /** Every call so far, in arrival order. */
    public List<FakeSlackCall> calls() {
        return List.copyOf(calls);
    }

    /** The calls of one method ({@link #UPLOAD} for the upload URL), in arrival order. */
    public List<FakeSlackCall> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Returns every top-level message in every channel, oldest first. */
    public List<FakeSlackMessage> topLevelMessages() {
        return messages.values().stream().filter(m -> m.threadTs() == null)
                .sorted(java.util.Comparator.comparing(FakeSlackMessage::ts)).toList();
    }

    /** Returns the top-level messages of {@code channel}, oldest first. */
    public List<FakeSlackMessage> messagesIn(String channel) {
        return messages.values().stream().filter(m -> m.channel().equals(channel) && m.threadTs() == null)
                .sorted(java.util.Comparator.comparing(FakeSlackMessage::ts)).toList();
    }

    public FakeSlackMessage message(String channel, String ts) {
        return messages.get(channel + "/" + ts);
    }

    /** An uploaded file, or null. */
    public FakeSlackFile file(String id) {
        return files.get(id);
    }

    /**
     * Holds every call to {@code channel} (its {@code channel} parameter) until {@code release} is
     * counted down: a Slack that hangs for one receiver. {@link #heldCalls()} says how many wait.
     */
    public void holdChannel(String channel, java.util.concurrent.CountDownLatch release) {
        holds.put(channel, release);
    }

    /** Returns how many calls are waiting on a {@link #holdChannel} hold right now. */
    public int heldCalls() {
        return held.get();
    }

    /** Answers every call with {@code failure} from now until {@link #endOutage()}: a Slack outage window. */
    public void failAll(FakeSlackFailure failure) {
        outage.set(failure);
    }

    /** Ends the window {@link #failAll} began; calls are served (or scripted) again. */
    public void endOutage() {
        outage.set(null);
    }

    /** The scopes {@code auth.test} reports in its {@code x-oauth-scopes} header, comma-separated. */
    public void grantScopes(String commaSeparated) {
        scopes = commaSeparated;
    }

    private void awaitHold(String channel) {
        java.util.concurrent.CountDownLatch release = channel == null ? null : holds.get(channel);
        if (release == null) {
            return;
        }
        held.incrementAndGet();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            held.decrementAndGet();
        }
    }

    @Override
    public void close() {
        holds.values().forEach(java.util.concurrent.CountDownLatch::countDown);
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            boolean upload = path.startsWith("/upload/");
            String method = upload ? UPLOAD : path.substring(path.lastIndexOf('/') + 1);
            Map<String, String> params = upload ? Map.of("file_id", path.substring("/upload/".length()))
                    : params(exchange, body);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            awaitHold(params.get("channel"));
            FakeSlackFailure failure = outage.get() != null ? outage.get() : nextFailure(method);
            if (failure instanceof FakeSlackFailure.Hang(Duration duration)) {
                sleep(duration);
                failure = null;
            }
            Duration answerLate = null;
            if (failure instanceof FakeSlackFailure.ServeThenHang(Duration duration)) {
                answerLate = duration;
                failure = null;
            }
            Answer answer = failure != null ? fail(failure)
                    : upload ? upload(params.get("file_id"), body)
                    : serve(method, params, auth);
            calls.add(new FakeSlackCall(method, Map.copyOf(params), auth, body, answer.status(), clock.instant()));
            if (answerLate != null) {
                sleep(answerLate);
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
        } catch (IOException e) {
            // The client gave up (a timeout test); nothing to answer.
        }
    }

    private record Answer(int status, String contentType, String body, Map<String, String> headers) {
        static Answer json(JsonObject json) {
            return new Answer(200, "application/json; charset=utf-8", json.toString(), Map.of());
        }
    }

    private record Window(long untilNanos, FakeSlackFailure failure) {
    }

    private FakeSlackFailure nextFailure(String method) {
        Deque<FakeSlackFailure> queue = script.get(method);
        if (queue != null) {
            synchronized (queue) {
                FakeSlackFailure next = queue.poll();
                if (next != null) {
                    return next;
                }
            }
        }
        long now = System.nanoTime();
        for (String key : List.of(method, "*")) {
            for (Window w : windows.getOrDefault(key, List.of())) {
                if (now - w.untilNanos() < 0) {
                    return w.failure();
                }
            }
        }
        return null;
    }

    private static Answer fail(FakeSlackFailure failure) {
        return switch (failure) {
            case FakeSlackFailure.RateLimited(int seconds) -> new Answer(429, "application/json; charset=utf-8",
                    error("ratelimited").toString(), Map.of("Retry-After", Integer.toString(seconds)));
            case FakeSlackFailure.HttpError(int status) -> new Answer(status, "text/html", "<html><body>upstream trouble</body></html>",
                    Map.of());
            case FakeSlackFailure.SlackError(String code) -> Answer.json(error(code));
            case FakeSlackFailure.Body(String json) -> new Answer(200, "application/json; charset=utf-8", json, Map.of());
            case FakeSlackFailure.Hang h -> throw new IllegalStateException("hangs are served after their delay");
            case FakeSlackFailure.ServeThenHang h -> throw new IllegalStateException("served, then answered late");
        };
    }

    private Answer serve(String method, Map<String, String> p, String auth) {
        if (auth == null || !auth.startsWith("Bearer ")) {
            return Answer.json(error("not_authed"));
        }
        if (!auth.equals("Bearer " + TOKEN)) {
            return Answer.json(error("invalid_auth"));
        }
        return switch (method) {
            case "auth.test" -> new Answer(200, "application/json; charset=utf-8", ok(Map.of("url",
                    "https://fake.slack.test/", "team", "Fake", "user", "trackwatch", "team_id", "T0FAKE", "user_id",
                    "U0BOT", "bot_id", "B0BOT")).toString(), Map.of("x-oauth-scopes", scopes));
            case "chat.postMessage" -> postMessage(p);
            case "chat.update" -> update(p);
            case "files.getUploadURLExternal" -> uploadUrl(p);
            case "files.completeUploadExternal" -> completeUpload(p);
            case "conversations.history" -> history(p, null);
            case "conversations.replies" -> history(p, p.get("ts"));
            default -> Answer.json(error("unknown_method"));
        };
    }

    private Answer postMessage(Map<String, String> p) {
        String channel = p.get("channel");
        if (channel == null || channel.isBlank()) {
            return Answer.json(error("channel_not_found"));
        }
        if (p.get("text") == null && p.get("blocks") == null) {
            return Answer.json(error("no_text"));
        }
        String ts = "1700000000." + String.format("%06d", nextTs.getAndAdd(100));
        FakeSlackMessage m = new FakeSlackMessage(channel, ts, p.get("thread_ts"), p.get("text"), p.get("blocks"),
                p.get("metadata"), 0);
        messages.put(channel + "/" + ts, m);
        JsonObject json = ok(Map.of("channel", channel, "ts", ts));
        json.add("message", m.toJson());
        return Answer.json(json);
    }

    /** The channel's top-level messages, or one thread's (parent first), oldest first, with metadata. */
    private Answer history(Map<String, String> p, String thread) {
        JsonArray list = new JsonArray();
        messages.values().stream()
                .filter(m -> m.channel().equals(p.get("channel")))
                .filter(m -> thread == null ? m.threadTs() == null : thread.equals(m.ts()) || thread.equals(m.threadTs()))
                .sorted(java.util.Comparator.comparing(FakeSlackMessage::ts))
                .forEach(m -> list.add(m.toJson()));
        JsonObject json = ok(Map.of());
        json.add("messages", list);
        return Answer.json(json);
    }

    private Answer update(Map<String, String> p) {
        String key = p.get("channel") + "/" + p.get("ts");
        FakeSlackMessage old = messages.get(key);
        if (old == null) {
            return Answer.json(error("message_not_found"));
        }
        FakeSlackMessage m = new FakeSlackMessage(old.channel(), old.ts(), old.threadTs(), p.get("text"),
                p.get("blocks"), old.metadata(), old.edits() + 1);
        messages.put(key, m);
        JsonObject json = ok(Map.of("channel", m.channel(), "ts", m.ts(), "text", String.valueOf(m.text())));
        json.add("message", m.toJson());
        return Answer.json(json);
    }

    private Answer uploadUrl(Map<String, String> p) {
        if (p.get("filename") == null || p.get("length") == null) {
            return Answer.json(error("invalid_arguments"));
        }
        String id = "F" + String.format("%010d", nextFile.getAndIncrement());
        files.put(id, FakeSlackFile.pending(id, p.get("filename"), Integer.parseInt(p.get("length")), p.get("alt_txt")));
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/upload/" + id;
        return Answer.json(ok(Map.of("upload_url", url, "file_id", id)));
    }

    private Answer upload(String id, byte[] bytes) {
        FakeSlackFile file = files.get(id);
        if (file == null) {
            return new Answer(404, "text/plain", "no such upload", Map.of());
        }
        files.put(id, file.withBytes(bytes));
        return new Answer(200, "text/plain", "OK - " + bytes.length, Map.of());
    }

    private Answer completeUpload(Map<String, String> p) {
        JsonArray requested = JsonParser.parseString(p.getOrDefault("files", "[]")).getAsJsonArray();
        JsonArray shared = new JsonArray();
        for (JsonElement e : requested) {
            JsonObject f = e.getAsJsonObject();
            FakeSlackFile file = files.get(f.get("id").getAsString());
            if (file == null || file.bytes() == null) {
                return Answer.json(error("file_not_found"));
            }
            String title = f.has("title") ? f.get("title").getAsString() : file.filename();
            FakeSlackFile done = file.shared(title, p.get("channel_id"), p.get("thread_ts"), p.get("initial_comment"));
            files.put(done.id(), done);
            shared.add(done.toJson());
        }
        JsonObject json = ok(Map.of());
        json.add("files", shared);
        return Answer.json(json);
    }

    private static JsonObject ok(Map<String, String> fields) {
        JsonObject json = new JsonObject();
        json.addProperty("ok", true);
        fields.forEach(json::addProperty);
        return json;
    }

    private static JsonObject error(String code) {
        JsonObject json = new JsonObject();
        json.addProperty("ok", false);
        json.addProperty("error", code);
        return json;
    }

    /** Form fields or JSON members (nested JSON kept as its text), plus query parameters. */
    private static Map<String, String> params(HttpExchange exchange, byte[] body) {
        Map<String, String> params = new LinkedHashMap<>(decodeForm(exchange.getRequestURI().getRawQuery()));
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        String text = new String(body, StandardCharsets.UTF_8);
        if (type.startsWith("application/json")) {
            for (Map.Entry<String, JsonElement> e : JsonParser.parseString(text).getAsJsonObject().entrySet()) {
                JsonElement v = e.getValue();
                params.put(e.getKey(), v.isJsonPrimitive() ? v.getAsString() : v.toString());
            }
        } else {
            params.putAll(decodeForm(text));
        }
        return params;
    }

    private static Map<String, String> decodeForm(String form) {
        Map<String, String> fields = new HashMap<>();
        if (form == null || form.isEmpty()) {
            return fields;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.put(name, value);
        }
        return fields;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
