package dev.trackwatch.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy in front of the embedded ClickHouse that records the statements it forwards, so a
 * test can count how many queries the driver really sent (chDB has no {@code system.query_log}).
 */
public final class CountingProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length",
            "transfer-encoding", "expect", "upgrade", "keep-alive");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI target;
    private final List<String> statements = new CopyOnWriteArrayList<>();

    private volatile java.util.function.Predicate<String> cut = statement -> false;

    /** Starts a proxy in front of {@code target}. */
    public CountingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::forward);
        server.start();
    }

    /** Returns a JDBC URL through the proxy. */
    public String jdbcUrl() {
        return "jdbc:clickhouse://127.0.0.1:" + server.getAddress().getPort() + "/default";
    }

    /** Returns the statements forwarded so far (the request body, or the {@code query} parameter). */
    public List<String> statements() {
        return List.copyOf(statements);
    }

    /**
     * Takes ClickHouse away the moment a statement matching {@code when} arrives: that request gets
     * no answer (the connection drops mid-query) and every later connection is refused, as when a
     * server dies during a scan.
     */
    public void cutWhen(java.util.function.Predicate<String> when) {
        this.cut = when;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            String query = uri.getRawQuery();
            String statement = body.length > 0 ? new String(body, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(query);
            statements.add(statement);
            if (cut.test(statement)) {
                Thread.ofVirtual().start(() -> server.stop(0));
                return; // closing the exchange without a response drops the connection
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(uri.getRawPath()
                            + (query == null ? "" : "?" + query)))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
