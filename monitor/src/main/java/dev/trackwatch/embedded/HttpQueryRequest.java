package dev.trackwatch.embedded;

import com.sun.net.httpserver.Headers;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a ClickHouse HTTP request asks for, read from its URL parameters and headers the way
 * ClickHouse's HTTP handler reads them. Every URL parameter that is not one of the interface's
 * own becomes a per-query setting; {@code param_<name>} parameters bind {@code {name:Type}}
 * placeholders.
 *
 * @param queryText the {@code query} URL parameter, or null when the statement is in the body
 * @param queryId the query id to echo back
 * @param format the requested output format, or null for the statement's own or the default
 * @param database the requested current database, or null
 * @param compress whether the response is framed in ClickHouse compressed blocks
 * @param decompress whether the request body is framed in ClickHouse compressed blocks
 * @param user the user named by the request, or null
 * @param password the password sent by the request, or null; never logged
 * @param settings per-query settings
 * @param parameters values for query placeholders
 */
record HttpQueryRequest(String queryText, String queryId, String format, String database, boolean compress,
                        boolean decompress, String user, String password, Map<String, String> settings,
                        Map<String, String> parameters) {

    /** URL parameters that belong to the HTTP interface itself rather than to the settings. */
    private static final Set<String> INTERFACE_PARAMS = Set.of("query", "query_id", "compress", "decompress",
            "database", "default_format", "user", "password", "quota_key", "session_id", "session_timeout",
            "session_check", "wait_end_of_query", "buffer_size", "stacktrace", "role", "client_protocol_version",
            "http_response_buffer_size");

    static HttpQueryRequest parse(String rawQuery, Headers headers) {
        Map<String, String> params = decodeParams(rawQuery);
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey().startsWith("param_")) {
                parameters.put(e.getKey().substring("param_".length()), e.getValue());
            } else if (!INTERFACE_PARAMS.contains(e.getKey())) {
                settings.put(e.getKey(), e.getValue());
            }
        }
        String user = firstNonNull(headers.getFirst("X-ClickHouse-User"), params.get("user"));
        String password = firstNonNull(headers.getFirst("X-ClickHouse-Key"), params.get("password"));
        String authorization = headers.getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            user = colon < 0 ? decoded : decoded.substring(0, colon);
            password = colon < 0 ? "" : decoded.substring(colon + 1);
        }
        String queryId = firstNonNull(params.get("query_id"), headers.getFirst("X-ClickHouse-Query-Id"));
        return new HttpQueryRequest(params.get("query"),
                queryId == null || queryId.isBlank() ? UUID.randomUUID().toString() : queryId,
                firstNonNull(headers.getFirst("X-ClickHouse-Format"), params.get("default_format")),
                firstNonNull(headers.getFirst("X-ClickHouse-Database"), params.get("database")),
                "1".equals(params.get("compress")) || "true".equalsIgnoreCase(params.get("compress")),
                "1".equals(params.get("decompress")) || "true".equalsIgnoreCase(params.get("decompress")),
                user, password, settings, parameters);
    }

    private static Map<String, String> decodeParams(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
