package dev.trackwatch.embedded;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Serves one ClickHouse HTTP request: {@code GET/POST /} with the statement in the {@code query}
 * parameter and/or the body, {@code /ping}, and errors in ClickHouse's format (status, the
 * {@code X-ClickHouse-Exception-Code} header and a {@code Code: N. DB::Exception: ...} body).
 */
final class ClickHouseHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseHttpHandler.class);

    private final ChdbEngine engine;
    private final String user;
    private final byte[] password;

    ClickHouseHttpHandler(ChdbEngine engine, String user, String password) {
        this.engine = engine;
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/ping")) {
                sendText(exchange, 200, "Ok.\n");
                return;
            }
            if (!path.equals("/") && !path.isEmpty()) {
                sendText(exchange, 404, "There is no handle " + path + "\n\nUse / or /ping.\n");
                return;
            }
            HttpQueryRequest request = HttpQueryRequest.parse(exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders());
            exchange.getResponseHeaders().set("X-ClickHouse-Query-Id", request.queryId());
            exchange.getResponseHeaders().set("X-ClickHouse-Timezone", engine.timezone());
            exchange.getResponseHeaders().set("X-ClickHouse-Server-Display-Name", "trackwatch-embedded");
            try {
                authenticate(request);
                if (request.queryText() == null && exchange.getRequestMethod().equals("GET")) {
                    sendText(exchange, 200, "Ok.\n");
                    return;
                }
                execute(exchange, request);
            } catch (ChdbQueryException e) {
                LOG.debug("query {} failed: {}", request.queryId(), e.getMessage());
                sendError(exchange, e);
            } catch (EmbeddedClickHouseException e) {
                LOG.warn("query {} failed in the engine: {}", request.queryId(), e.getMessage());
                sendError(exchange, new ChdbQueryException(ChdbQueryException.UNKNOWN_EXCEPTION, e.getMessage()));
            }
        }
    }

    private void authenticate(HttpQueryRequest request) {
        boolean userOk = request.user() == null || request.user().isEmpty() || request.user().equals(user);
        byte[] given = request.password() == null ? new byte[0] : request.password().getBytes(StandardCharsets.UTF_8);
        if (!userOk || !MessageDigest.isEqual(given, password)) {
            throw new ChdbQueryException(ChdbQueryException.AUTHENTICATION_FAILED, (request.user() == null ? user
                    : request.user()) + ": Authentication failed: password is incorrect, or there is no user with such name.");
        }
    }

    private void execute(HttpExchange exchange, HttpQueryRequest request) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>(request.settings());
        if (exchange.getRequestMethod().equals("GET")) {
            // ClickHouse runs GET requests read-only, so a link or a browser cannot change data.
            settings.putIfAbsent("readonly", "2");
        }
        InputStream body = requestBody(exchange, request);
        InsertStatement insert = request.queryText() == null ? null : InsertStatement.parse(request.queryText());
        String sql;
        Path dataFile = null;
        try {
            if (insert != null) {
                dataFile = Files.createTempFile("trackwatch-insert-", ".data");
                writeInsertData(insert, body, dataFile);
                sql = insert.fromInfile(dataFile.toString());
            } else {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                sql = request.queryText() == null ? text
                        : text.isBlank() ? request.queryText() : request.queryText() + "\n" + text;
                InsertStatement inline = InsertStatement.parse(sql);
                if (inline != null && inline.hasInlineData()) {
                    dataFile = Files.createTempFile("trackwatch-insert-", ".data");
                    Files.write(dataFile, inline.inlineData());
                    sql = inline.fromInfile(dataFile.toString());
                }
            }
            if (sql.isBlank()) {
                throw new ChdbQueryException(ChdbQueryException.SYNTAX_ERROR, "Empty query");
            }
            String explicit = SqlScanner.explicitFormat(sql);
            String format = explicit != null ? explicit : request.format() != null ? request.format() : "TabSeparated";
            long started = System.nanoTime();
            EngineQuery query = new EngineQuery(sql, format, request.database(), settings, request.parameters());
            try (ChdbResult result = engine.execute(query)) {
                sendResult(exchange, request, format, result);
                LOG.debug("query {} ok in {} ms: {} rows read, {} written, {} bytes out", request.queryId(),
                        (System.nanoTime() - started) / 1_000_000, result.stats().readRows(),
                        result.stats().writtenRows(), result.length());
            }
        } finally {
            if (dataFile != null) {
                Files.deleteIfExists(dataFile);
            }
        }
    }

    private static void writeInsertData(InsertStatement insert, InputStream body, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            if (insert.hasInlineData()) {
                // ClickHouse joins the query parameter and the body with a line feed.
                out.write(insert.inlineData());
                out.write('\n');
            }
            body.transferTo(out);
        }
    }

    private static InputStream requestBody(HttpExchange exchange, HttpQueryRequest request) throws IOException {
        InputStream in = exchange.getRequestBody();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && !encoding.isBlank()) {
            in = switch (encoding.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "gzip" -> new GZIPInputStream(in);
                case "deflate" -> new InflaterInputStream(in);
                case "identity" -> in;
                default -> throw new ChdbQueryException(ChdbQueryException.CANNOT_DECOMPRESS,
                        "Unsupported Content-Encoding '" + encoding + "': the embedded endpoint reads gzip and deflate");
            };
        }
        if (request.decompress()) {
            in = new java.io.ByteArrayInputStream(CompressedBlocks.decompressAll(in));
        }
        return in;
    }

    private void sendResult(HttpExchange exchange, HttpQueryRequest request, String format, ChdbResult result)
            throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("X-ClickHouse-Summary", result.stats().toSummaryJson(0, result.length()));
        if (result.length() > 0) {
            headers.set("X-ClickHouse-Format", format);
        }
        headers.set("Content-Type", contentType(format));
        if (request.compress() && result.length() > 0) {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = new CompressedBlocks.Lz4BlockOutputStream(exchange.getResponseBody(),
                    CompressedBlocks.BLOCK_SIZE)) {
                result.writeTo(out);
            }
        } else {
            exchange.sendResponseHeaders(200, result.length() == 0 ? -1 : result.length());
            try (OutputStream out = exchange.getResponseBody()) {
                result.writeTo(out);
            }
        }
    }

    private static String contentType(String format) {
        String f = format.toLowerCase(java.util.Locale.ROOT);
        if (f.startsWith("json")) {
            return "application/json; charset=UTF-8";
        }
        if (f.startsWith("tabseparated") || f.startsWith("tsv") || f.startsWith("csv") || f.startsWith("pretty")
                || f.equals("vertical") || f.equals("markdown")) {
            return "text/plain; charset=UTF-8";
        }
        return "application/octet-stream";
    }

    private static void sendError(HttpExchange exchange, ChdbQueryException e) throws IOException {
        exchange.getResponseHeaders().set("X-ClickHouse-Exception-Code", Integer.toString(e.code()));
        sendText(exchange, statusFor(e.code()), e.getMessage() + "\n");
    }

    /** Mirrors ClickHouse's mapping of error codes to HTTP statuses for the codes that matter to clients. */
    private static int statusFor(int code) {
        return switch (code) {
            case ChdbQueryException.AUTHENTICATION_FAILED -> 401;
            case ChdbQueryException.READONLY -> 403;
            case ChdbQueryException.UNKNOWN_TABLE, ChdbQueryException.UNKNOWN_DATABASE -> 404;
            case ChdbQueryException.SYNTAX_ERROR, ChdbQueryException.UNKNOWN_SETTING,
                 ChdbQueryException.BAD_ARGUMENTS, ChdbQueryException.CANNOT_DECOMPRESS, 27, 6, 47, 53, 70, 117 -> 400;
            default -> 500;
        };
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
